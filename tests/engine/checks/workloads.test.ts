import { describe, expect, it } from "vitest";
import { APPLY_AND_WAIT, check, runIn, sandboxAfter, webYaml } from "./harness.ts";

const DEPLOYMENT_WEB = [
  "kubectl create deployment web --image=nginx:1.27 --replicas=2",
  "kubectl rollout status deployment/web",
];

describe("statefulset-ready", () => {
  it("passes once every ordinal's pod is Ready, and not before", async () => {
    const sandbox = await sandboxAfter([webYaml(), "kubectl apply -f web.yaml"]);
    expect(check(sandbox, "statefulset-ready", { name: "web", replicas: 2 })).toMatchObject({
      done: false,
      detail: "StatefulSet web has 0 of 2 pods ready",
    });
    await runIn(sandbox, ["kubectl rollout status statefulset/web"]);
    expect(check(sandbox, "statefulset-ready", { name: "web", replicas: 2 }).done).toBe(true);
  });

  it("fails for a Deployment where a StatefulSet is asked for, and says so", async () => {
    const sandbox = await sandboxAfter(DEPLOYMENT_WEB);
    expect(check(sandbox, "statefulset-ready", { name: "web" })).toMatchObject({
      done: false,
      detail: "web is a Deployment, not a StatefulSet",
    });
  });

  it("fails for the wrong replica count", async () => {
    const sandbox = await sandboxAfter([webYaml({ replicas: 3 }), ...APPLY_AND_WAIT]);
    expect(check(sandbox, "statefulset-ready", { name: "web", replicas: 2 })).toMatchObject({
      done: false,
      detail: "StatefulSet web has 3 replicas, not 2",
    });
  });
});

describe("deployment-ready", () => {
  it("passes for a rolled-out Deployment and fails for a StatefulSet of that name", async () => {
    expect(
      check(await sandboxAfter(DEPLOYMENT_WEB), "deployment-ready", { name: "web", replicas: 2 }).done,
    ).toBe(true);
    const sts = await sandboxAfter([webYaml(), ...APPLY_AND_WAIT]);
    expect(check(sts, "deployment-ready", { name: "web" })).toMatchObject({
      done: false,
      detail: "web is a StatefulSet, not a Deployment",
    });
  });
});

describe("pods-created-in-order", () => {
  it("passes for OrderedReady creation, read from the history", async () => {
    const sandbox = await sandboxAfter([webYaml({ replicas: 3 }), ...APPLY_AND_WAIT]);
    expect(check(sandbox, "pods-created-in-order", { statefulset: "web" }).done).toBe(true);
  });

  it("fails for Parallel pod management, where web-1 starts before web-0 is Ready", async () => {
    const sandbox = await sandboxAfter([webYaml({ replicas: 3, policy: "Parallel" }), ...APPLY_AND_WAIT]);
    const result = check(sandbox, "pods-created-in-order", { statefulset: "web" });
    expect(result.done).toBe(false);
    expect(result.detail).toMatch(/^web-1 was created at \d\d:\d\d:\d\d while web-0 was not Ready$/);
  });

  it("fails while the later ordinals have not been created yet, and for a Deployment", async () => {
    const early = await sandboxAfter([webYaml(), "kubectl apply -f web.yaml"]);
    expect(check(early, "pods-created-in-order", { statefulset: "web" }).detail).toBe(
      "web-1 has not been created yet",
    );
    expect(
      check(await sandboxAfter(DEPLOYMENT_WEB), "pods-created-in-order", { statefulset: "web" }).done,
    ).toBe(false);
  });
});

describe("pod-recreated-same-name", () => {
  it("passes when a deleted pod is back Ready under its name, not before the delete", async () => {
    const sandbox = await sandboxAfter([webYaml(), ...APPLY_AND_WAIT]);
    expect(check(sandbox, "pod-recreated-same-name", { statefulset: "web" }).done).toBe(false);
    await runIn(sandbox, ["kubectl delete pod web-0", "kubectl wait --for=condition=Ready pod/web-0"]);
    expect(check(sandbox, "pod-recreated-same-name", { statefulset: "web", ordinal: 0 }).done).toBe(true);
    expect(check(sandbox, "pod-recreated-same-name", { statefulset: "web", ordinal: 1 }).done).toBe(false);
  });

  it("fails for a Deployment, whose replacement has a new name", async () => {
    const sandbox = await sandboxAfter([
      ...DEPLOYMENT_WEB,
      "kubectl delete pod $(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')",
      "kubectl rollout status deployment/web",
    ]);
    expect(check(sandbox, "pod-recreated-same-name", { statefulset: "web" }).done).toBe(false);
    expect(check(sandbox, "deployment-pod-replaced", { deployment: "web" }).done).toBe(true);
  });
});

describe("deployment-pod-replaced", () => {
  it("does not pass without a deletion, nor for a StatefulSet's same-name comeback", async () => {
    expect(
      check(await sandboxAfter(DEPLOYMENT_WEB), "deployment-pod-replaced", { deployment: "web" }).detail,
    ).toBe("No pod of Deployment web has been deleted yet");
    const sts = await sandboxAfter([webYaml(), ...APPLY_AND_WAIT, "kubectl delete pod web-0"]);
    expect(check(sts, "deployment-pod-replaced", { deployment: "web" }).done).toBe(false);
  });
});

describe("scaled-down-in-reverse-order", () => {
  it("passes for an OrderedReady scale-down, highest ordinal first", async () => {
    const sandbox = await sandboxAfter([
      webYaml({ replicas: 4 }),
      ...APPLY_AND_WAIT,
      "kubectl scale statefulset web --replicas=1",
      "sleep 60",
    ]);
    expect(check(sandbox, "scaled-down-in-reverse-order", { statefulset: "web", replicas: 1 })).toMatchObject(
      {
        done: true,
        detail: "Scaled down to 1: web-3, then web-2, then web-1",
      },
    );
  });

  it("fails when the pods were deleted by hand and the replica count never changed", async () => {
    const sandbox = await sandboxAfter([
      webYaml(),
      ...APPLY_AND_WAIT,
      "kubectl delete pod web-1",
      "sleep 30",
    ]);
    expect(check(sandbox, "scaled-down-in-reverse-order", { statefulset: "web", replicas: 1 }).done).toBe(
      false,
    );
  });

  it("fails for a Parallel StatefulSet, whose pods all go at once", async () => {
    const sandbox = await sandboxAfter([
      webYaml({ replicas: 3, policy: "Parallel" }),
      ...APPLY_AND_WAIT,
      "kubectl scale statefulset web --replicas=1",
      "sleep 60",
    ]);
    const result = check(sandbox, "scaled-down-in-reverse-order", { statefulset: "web", replicas: 1 });
    expect(result).toMatchObject({ done: false, detail: "web-1 started terminating before web-2 was gone" });
  });
});

describe("rolling-update-partition", () => {
  const CANARY = [
    webYaml({ replicas: 3 }),
    ...APPLY_AND_WAIT,
    `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'`,
    "kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.8",
    "sleep 60",
  ];

  it("passes for a canary: only the pods at or above the partition updated", async () => {
    const sandbox = await sandboxAfter(CANARY);
    const params = { statefulset: "web", partition: 2, image: "registry.k8s.io/nginx-slim:0.8" };
    expect(check(sandbox, "rolling-update-partition", params).done).toBe(true);
  });

  it("fails when every pod was updated (no partition)", async () => {
    const sandbox = await sandboxAfter([
      webYaml({ replicas: 3 }),
      ...APPLY_AND_WAIT,
      "kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.8",
      "kubectl rollout status statefulset/web",
    ]);
    expect(check(sandbox, "rolling-update-partition", { statefulset: "web", partition: 2 }).detail).toBe(
      "StatefulSet web has partition 0, not 2",
    );
  });
});
