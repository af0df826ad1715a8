/**
 * A container's `sh -c` script changes files as it starts: `echo … > FILE` and `>> FILE` write
 * (into a volume when the path is under a mount) instead of logging, `mkdir -p` and `touch`
 * create, a missing directory fails with the shell's words, and what is only echoed is logged.
 */
import { describe, expect, it } from "vitest";
import { planProcess } from "../../../sandbox/engine/cluster/kubelet/process.ts";
import { lookupImage } from "../../../sandbox/engine/images/catalogue.ts";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const busybox = (() => {
  const found = lookupImage("busybox:1.37");
  if (!found.ok) throw new Error("busybox is in the catalogue");
  return found.image;
})();
const ctx = { now: 0, podIP: "10.244.0.5", hostname: "p", cpus: 4, kernelVersion: "6.8.0" } as Parameters<
  typeof planProcess
>[2];
const plan = (script: string) => planProcess(busybox, { command: ["sh", "-c", script] }, ctx);

describe("a container script's file effects", () => {
  it("plans writes before the first sleep, not after it, and logs only what is not redirected", () => {
    const p = plan(
      "mkdir -p /d; echo a > /d/f && echo -n b >>/d/f; touch x; echo shown; sleep 5; echo late > /d/g; sleep 3600",
    );
    expect(p.writes).toEqual([
      { kind: "mkdir", path: "/d" },
      { kind: "write", path: "/d/f", text: "a\n", append: false },
      { kind: "write", path: "/d/f", text: "b", append: true },
      { kind: "touch", path: "/x" },
    ]);
    expect(p.lines.map((l) => l.text)).toEqual(["shown"]);
    expect(p.exit).toEqual({ afterMs: 3_605_000, code: 0 });
    expect(plan('echo "a > b"').lines.map((l) => l.text)).toEqual(["a > b"]);
  });

  it("the files are there for exec and in the volume; the script's restart appends again", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(
      sandbox,
      `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: w}
spec:
  containers:
  - name: main
    image: busybox:1.37
    command: ["sh", "-c", "mkdir -p /data/sub && echo hello > /data/out && echo run >> /data/log && echo started && sleep 30"]
    volumeMounts: [{name: data, mountPath: /data}]
  volumes: [{name: data, emptyDir: {}}]
EOF`,
    );
    await sh(sandbox, "sleep 10");
    expect((await sh(sandbox, "kubectl logs w")).stdout).toBe("started\n");
    expect((await sh(sandbox, "kubectl exec w -- cat /data/out")).stdout).toBe("hello\n");
    expect((await sh(sandbox, "kubectl exec w -- ls /data")).stdout).toBe("log\nout\nsub\n");
    // The script ends after 30 s; the kubelet restarts it (restartPolicy Always) on the same emptyDir.
    await sh(sandbox, "sleep 45");
    const restarts = (
      await sh(sandbox, "kubectl get pod w -o jsonpath='{.status.containerStatuses[0].restartCount}'")
    ).stdout;
    expect(Number(restarts)).toBeGreaterThanOrEqual(1);
    expect((await sh(sandbox, "kubectl exec w -- cat /data/log")).stdout).toBe(
      "run\n".repeat(Number(restarts) + 1),
    );
  });

  it("a target in a missing directory fails with dash's or BusyBox's words, and the script goes on", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(
      sandbox,
      "kubectl run b --image=busybox:1.37 -- sh -c 'echo x > /nope/f; echo after; sleep 3600'",
    );
    await sh(
      sandbox,
      "kubectl run d --image=nginx:1.27 --command -- sh -c 'echo x > /nope/f; echo after; sleep 3600'",
    );
    await sh(sandbox, "sleep 20");
    // kubectl logs prints both of the container's streams on its stdout.
    expect((await sh(sandbox, "kubectl logs b")).stdout).toBe(
      "sh: can't create /nope/f: nonexistent directory\nafter\n",
    );
    expect((await sh(sandbox, "kubectl logs d")).stdout).toBe(
      "/bin/sh: 1: cannot create /nope/f: Directory nonexistent\nafter\n",
    );
  });
});
