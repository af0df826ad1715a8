import { describe, expect, it } from "vitest";
import { lab } from "./harness.ts";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });

describe("kubectl cordon, uncordon, drain", () => {
  it("cordons once, says already cordoned, uncordons", async () => {
    const k = lab();
    expect(await k.run("kubectl cordon kind-control-plane")).toEqual(
      ok("node/kind-control-plane cordoned\n"),
    );
    expect(await k.run("kubectl cordon kind-control-plane")).toEqual(
      ok("node/kind-control-plane already cordoned\n"),
    );
    expect(
      (k.cluster.api.get("Node", undefined, "kind-control-plane").spec as { unschedulable?: boolean })
        .unschedulable,
    ).toBe(true);
    expect(await k.run("kubectl uncordon kind-control-plane")).toEqual(
      ok("node/kind-control-plane uncordoned\n"),
    );
    expect(await k.run("kubectl uncordon kind-control-plane")).toEqual(
      ok("node/kind-control-plane already uncordoned\n"),
    );
    expect(await k.run("kubectl cordon kind-worker")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): nodes "kind-worker" not found\n',
      status: 1,
    });
  });

  it("drain refuses DaemonSet pods and bare pods, naming them, after cordoning", async () => {
    const k = lab();
    await k.run("kubectl run web --image=nginx");
    await k.run("kubectl wait --for=condition=Ready pod/web");
    const result = await k.run("kubectl drain kind-control-plane");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("node/kind-control-plane cordoned\n");
    const reasons = result.stderr.split("\n")[0]!;
    expect(reasons).toMatch(
      /^error: unable to drain node "kind-control-plane" due to error: .*, continuing command\.\.\.$/,
    );
    expect(reasons).toContain(
      "cannot delete Pods that declare no controller (use --force to override): default/web",
    );
    expect(reasons).toMatch(
      /cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kindnet-\w+, kube-system\/kube-proxy-\w+/,
    );
    expect(result.stderr.split("\n").slice(1, 3)).toEqual([
      "There are pending nodes to be drained:",
      " kind-control-plane",
    ]);
  });

  it("drain with the overriding flags evicts, waits for termination, then says drained", async () => {
    const k = lab();
    await k.run("kubectl create deployment nginx --image=nginx:1.27");
    await k.run("kubectl rollout status deploy/nginx");
    const result = await k.run("kubectl drain kind-control-plane --ignore-daemonsets --force");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("node/kind-control-plane cordoned");
    expect(lines.at(-1)).toBe("node/kind-control-plane drained");
    expect(lines.filter((l) => l.startsWith("evicting pod default/nginx-"))).toHaveLength(1);
    expect(lines.filter((l) => /^pod\/nginx-\w+-\w+ evicted$/.test(l))).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kindnet-\w+, kube-system\/kube-proxy-\w+\n$/,
    );
  });
});

describe("kubectl run, expose, set image, wait", () => {
  it("run creates a bare pod labelled run=NAME and rejects unknown restart policies", async () => {
    const k = lab();
    expect(await k.run("kubectl run web --image=nginx --port=80 -- nginx -g 'daemon off;'")).toEqual(
      ok("pod/web created\n"),
    );
    const pod = k.cluster.api.get("Pod", "default", "web");
    expect(pod.metadata.labels).toEqual({ run: "web" });
    expect((pod.spec as { containers: unknown[] }).containers[0]).toMatchObject({
      name: "web",
      image: "nginx",
      args: ["nginx", "-g", "daemon off;"],
      ports: [{ containerPort: 80 }],
    });
    expect(await k.run("kubectl run x --image=nginx --restart=Sometimes")).toEqual({
      stdout: "",
      stderr: "Error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n",
      status: 1,
    });
  });

  it("expose copies the selector and ports and prints exposed", async () => {
    const k = lab();
    await k.run("kubectl create deployment nginx --image=nginx:1.27 --port=80");
    expect(await k.run("kubectl expose deployment nginx")).toEqual(ok("service/nginx exposed\n"));
    expect(k.cluster.api.get("Service", "default", "nginx").spec).toMatchObject({
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      selector: { app: "nginx" },
    });
    await k.run("kubectl create deployment bare --image=nginx:1.27");
    expect((await k.run("kubectl expose deployment bare")).stderr).toBe(
      "error: couldn't find port via --port flag or introspection\n",
    );
  });

  it("set image updates the named container", async () => {
    const k = lab();
    await k.run("kubectl create deployment nginx --image=nginx:1.27");
    expect(await k.run("kubectl set image deployment/nginx nginx=nginx:1.28")).toEqual(
      ok("deployment.apps/nginx image updated\n"),
    );
    expect((await k.run("kubectl set image deployment/nginx nope=nginx:1.28")).stderr).toBe(
      'error: unable to find container named "nope"\n',
    );
  });

  it("wait reports condition met, timeouts and unknown conditions", async () => {
    const k = lab();
    await k.run("kubectl run web --image=nginx");
    expect(await k.run("kubectl wait --for=condition=Ready pod/web")).toEqual(ok("pod/web condition met\n"));
    expect(await k.run("kubectl wait --for=jsonpath={.status.phase}=Running pod/web")).toEqual(
      ok("pod/web condition met\n"),
    );
    expect(await k.run("kubectl wait --for=condition=Ready=False pod/web --timeout=2s")).toEqual({
      stdout: "",
      stderr: "error: timed out waiting for the condition on pods/web\n",
      status: 1,
    });
    expect((await k.run("kubectl wait --for=foo pod/web")).stderr).toBe(
      'error: unrecognized condition: "foo"\n',
    );
    expect((await k.run("kubectl wait --for=condition=Ready pods -l app=none")).stderr).toBe(
      "error: no matching resources found\n",
    );
  });
});

describe("kubectl edit", () => {
  it("without a host editor answers as kubectl does when vi cannot start", async () => {
    const k = lab();
    await k.run("kubectl create configmap cfg --from-literal=a=1");
    expect(await k.run("kubectl edit cm cfg")).toEqual({
      stdout: "",
      stderr: 'error: unable to launch the editor "vi"\n',
      status: 1,
    });
  });

  it("with a host editor applies the saved YAML, or cancels on no change / empty file", async () => {
    const k = lab();
    await k.run("kubectl create configmap cfg --from-literal=a=1");
    const env = k.env as typeof k.env & {
      editor?: (f: { name: string; content: string }) => Promise<string | null>;
    };
    let seen = "";
    env.editor = async (file) => {
      seen = file.content;
      return file.content.replace('a: "1"', 'a: "2"');
    };
    expect(await k.run("kubectl edit cm cfg")).toEqual({
      stdout: "configmap/cfg edited\n",
      stderr: "",
      status: 0,
    });
    expect(
      seen.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"),
    ).toBe(true);
    expect(k.cluster.api.get("ConfigMap", "default", "cfg").data).toEqual({ a: "2" });
    env.editor = async (file) => file.content;
    expect((await k.run("kubectl edit cm cfg")).stderr).toBe("Edit cancelled, no changes made.\n");
    env.editor = async () => "# nothing\n";
    expect((await k.run("kubectl edit cm cfg")).stderr).toBe("Edit cancelled, saved file was empty.\n");
  });
});
