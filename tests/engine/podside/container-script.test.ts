/**
 * A container's `sh -c` script: one whose commands are all known in advance becomes a plan of
 * data; any other runs in the pod shell's interpreter (script-runner.ts), so `echo … > FILE`,
 * `>>`, `mkdir -p` and `touch` change the container's files (a volume under a mount), a missing
 * directory fails with the shell's words, and what is only echoed is logged.
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

describe("a container script's plan", () => {
  it("plans a script of literal echo, sleep, exit, true and false; && and || follow the statuses", () => {
    const p = plan('echo "a; b"; sleep 5; false || echo c && echo d; true && exit 4; echo never');
    expect(p.script).toBeUndefined();
    expect(p.lines.map((l) => [l.afterMs, l.text])).toEqual([
      [0, "a; b"],
      [5000, "c"],
      [5000, "d"],
    ]);
    expect(p.exit).toEqual({ afterMs: 5000, code: 4 });
    expect(plan("echo x; false").exit).toEqual({ afterMs: 0, code: 1 });
    expect(plan("while false; do echo no; done").exit).toEqual({ afterMs: 0, code: 0 });
  });

  it("plans `while true` rounds as a repeat, rotated so each round's lines come together", () => {
    expect(plan("echo start; while true; do echo tick; sleep 5; done")).toMatchObject({
      lines: [{ afterMs: 0, text: "start" }],
      repeat: { afterMs: 0, everyMs: 5000, lines: ["tick"] },
    });
    // Sleeping first: the first tick comes after one round.
    expect(plan("while :; do sleep 2; echo tick; done").repeat).toEqual({
      afterMs: 2000,
      everyMs: 2000,
      lines: ["tick"],
    });
    expect(plan("until false; do echo a; sleep 1; echo b; done")).toMatchObject({
      lines: [{ afterMs: 0, text: "a" }],
      repeat: { afterMs: 1000, everyMs: 1000, lines: ["b", "a"] },
    });
    expect(plan("while true; do echo a; sleep 1; echo b; sleep 1; done").script).toEqual([
      "sh",
      "-c",
      "while true; do echo a; sleep 1; echo b; sleep 1; done",
    ]);
  });

  it("runs anything else: variables, $(…), redirections, pipes, other programs, loops without sleep", () => {
    for (const script of [
      "i=0; echo $i",
      "echo $(date)",
      "echo a > /d/f",
      "echo a | wc -c",
      "mkdir -p /d",
      "while true; do echo spin; done",
      "echo 'a\\tb'",
      "echo *",
      "nosuchcommand",
      "if true; then echo x; fi",
      "echo 'unterminated",
    ]) {
      expect([script, plan(script).script]).toEqual([script, ["sh", "-c", script]]);
      expect(plan(script).exitsOnStop).toBe(false);
    }
  });
});

describe("a container script's file effects", () => {
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
      // dash names itself by the argv[0] it was started with: the container's command says `sh`.
      "sh: 1: cannot create /nope/f: Directory nonexistent\nafter\n",
    );
  });
});
