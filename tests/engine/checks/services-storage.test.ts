import { describe, expect, it } from "vitest";
import { APPLY_AND_WAIT, check, runIn, sandboxAfter, webYaml } from "./harness.ts";

describe("service-headless", () => {
  it("passes for clusterIP: None", async () => {
    const sandbox = await sandboxAfter([webYaml(), ...APPLY_AND_WAIT]);
    expect(check(sandbox, "service-headless", { name: "nginx", port: 80 }).done).toBe(true);
    expect(check(sandbox, "service-headless", { name: "nginx", port: 8080 }).done).toBe(false);
  });

  it("fails for a ClusterIP Service where a headless one is asked for", async () => {
    const sandbox = await sandboxAfter([webYaml({ clusterIP: "auto" }), ...APPLY_AND_WAIT]);
    const result = check(sandbox, "service-headless", { name: "nginx" });
    expect(result.done).toBe(false);
    expect(result.detail).toMatch(
      /^Service nginx has ClusterIP 10\.96\.\d+\.\d+: it is not headless \(clusterIP: None\)$/,
    );
  });

  it("fails when there is no Service at all", async () => {
    expect(check(await sandboxAfter([]), "service-headless", { name: "nginx" }).detail).toBe(
      "There is no Service nginx in namespace default yet",
    );
  });
});

describe("service-has-endpoints", () => {
  it("counts ready addresses behind a Service", async () => {
    const sandbox = await sandboxAfter([
      "kubectl create deployment web --image=nginx:1.27 --replicas=3",
      "kubectl expose deployment web --port=80",
    ]);
    expect(check(sandbox, "service-has-endpoints", { name: "web", count: 3 }).done).toBe(false);
    await runIn(sandbox, ["kubectl rollout status deployment/web", "sleep 5"]);
    expect(check(sandbox, "service-has-endpoints", { name: "web", count: 3 }).done).toBe(true);
    expect(check(sandbox, "service-has-endpoints", { name: "web", count: 4 }).done).toBe(false);
  });
});

describe("pvc-bound and file-in-volume", () => {
  it("sees data written through a pod on that pod's claim only, and after the pod is recreated", async () => {
    const sandbox = await sandboxAfter([
      webYaml({ claims: true }),
      ...APPLY_AND_WAIT,
      "kubectl exec web-0 -- sh -c 'echo hello from web-0 > /usr/share/nginx/html/index.html'",
    ]);
    expect(check(sandbox, "pvc-bound", { name: "www-web-0" }).done).toBe(true);
    expect(check(sandbox, "pvc-bound", { name: "www-web-9" }).done).toBe(false);
    const params = { claim: "www-web-0", path: "index.html", contains: "hello from web-0" };
    expect(check(sandbox, "file-in-volume", params).done).toBe(true);
    expect(check(sandbox, "file-in-volume", { ...params, claim: "www-web-1" }).done).toBe(false);
    expect(check(sandbox, "file-in-volume", { ...params, contains: "goodbye" }).done).toBe(false);
    await runIn(sandbox, ["kubectl delete pod web-0", "kubectl wait --for=condition=Ready pod/web-0"]);
    expect(check(sandbox, "file-in-volume", params).done).toBe(true);
  });

  it("does not count a file written in a container's own filesystem, which no claim holds", async () => {
    const sandbox = await sandboxAfter([
      webYaml({ claims: true }),
      ...APPLY_AND_WAIT,
      "kubectl exec web-0 -- sh -c 'echo hello > /tmp/index.html'",
    ]);
    expect(
      check(sandbox, "file-in-volume", { claim: "www-web-0", path: "index.html", contains: "hello" }).done,
    ).toBe(false);
  });
});

describe("pod-ready, object-deleted and command-ran", () => {
  it("follow a pod from Ready to deleted, and the commands that did it", async () => {
    const sandbox = await sandboxAfter([
      "kubectl run dns-test --image=busybox:1.37 --restart=Never -- sleep 3600",
      "kubectl wait --for=condition=Ready pod/dns-test",
    ]);
    expect(check(sandbox, "pod-ready", { name: "dns-test" }).done).toBe(true);
    expect(check(sandbox, "object-deleted", { kind: "Pod", name: "dns-test" }).detail).toBe(
      "Pod dns-test still exists",
    );
    expect(check(sandbox, "command-ran", { contains: "kubectl wait" }).done).toBe(true);
    expect(check(sandbox, "command-ran", { contains: "kubectl delete" }).done).toBe(false);
    await runIn(sandbox, ["kubectl delete pod dns-test"]);
    expect(check(sandbox, "object-deleted", { kind: "Pod", name: "dns-test" }).done).toBe(true);
    expect(check(sandbox, "pod-ready", { name: "dns-test" }).done).toBe(false);
  });

  it("object-deleted does not pass for something that never existed", async () => {
    expect(check(await sandboxAfter([]), "object-deleted", { kind: "Deployment", name: "web" }).done).toBe(
      false,
    );
  });

  it("command-ran tells a failed command from a successful one", async () => {
    const sandbox = await sandboxAfter([]);
    await runIn(sandbox, ["kubectl get pod nope"], { allowFail: true });
    expect(check(sandbox, "command-ran", { contains: "kubectl get pod" }).done).toBe(false);
    expect(check(sandbox, "command-ran", { contains: "kubectl get pod", succeeded: false }).done).toBe(true);
  });
});
