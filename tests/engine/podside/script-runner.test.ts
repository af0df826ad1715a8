/**
 * Container scripts run by the pod shell's interpreter on simulated time (script-runner.ts):
 * sleeps suspend them on the cluster's clock, their output is the container's log, their exit
 * ends the container, they stop with it, and a loop that never sleeps is cut instead of hanging.
 */
import { describe, expect, it } from "vitest";
import { WORK_PER_WAKEUP } from "../../../sandbox/engine/cluster/kubelet/script-runner.ts";
import { createSandbox, restoreSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

function pod(name: string, script: string, extra = "", volume = "emptyDir: {}"): string {
  return `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
${extra}  containers:
  - name: main
    image: busybox:1.37
    command: ["sh", "-c", ${JSON.stringify(script)}]
    volumeMounts: [{name: data, mountPath: /data}]
  volumes: [{name: data, ${volume}}]
EOF`;
}

const WRITER = "i=0; while true; do i=$((i+1)); echo $i >> /data/f; sleep 5; done";

/** When the container started, to the second (pod status times have no fraction). */
async function started(sandbox: Sandbox, name: string): Promise<number> {
  const status = JSON.parse((await sh(sandbox, `kubectl get pod ${name} -o json`)).stdout).status;
  return Date.parse(status.containerStatuses[0].state.running.startedAt);
}

async function runningWriter(script = WRITER): Promise<{ sandbox: Sandbox; start: number }> {
  const sandbox = createSandbox({ timeMode: "instant" });
  await sh(sandbox, pod("w", script));
  await sh(sandbox, "kubectl wait --for=condition=Ready pod/w");
  return { sandbox, start: await started(sandbox, "w") };
}

/** Lets simulated time run until `seconds` after `start`. */
async function until(sandbox: Sandbox, start: number, seconds: number): Promise<void> {
  const left = start + seconds * 1000 - sandbox.now();
  if (left > 0) await sh(sandbox, `sleep ${left / 1000}`);
}

describe("a container's script runs on simulated time", () => {
  it("at t+12s a `while …; echo $i >> /data/f; sleep 5` loop has written 3 lines", async () => {
    const { sandbox, start } = await runningWriter();
    await until(sandbox, start, 12);
    expect((await sh(sandbox, "kubectl exec w -- cat /data/f")).stdout).toBe("1\n2\n3\n");
    await until(sandbox, start, 16);
    expect((await sh(sandbox, "kubectl exec w -- cat /data/f")).stdout).toBe("1\n2\n3\n4\n");
  });

  it("its stdout is the log, lines appearing as time passes, each with its own time", async () => {
    const { sandbox } = await runningWriter(
      'n=0; while [ $n -lt 3 ]; do n=$((n+1)); echo "tick $n at $(date +%T)"; sleep 1; done; echo done >&2',
    );
    const first = (await sh(sandbox, "kubectl logs w --timestamps")).stdout;
    expect(first).toMatch(/^\S+ tick 1 at \S+\n$/);
    const start = Date.parse(first.slice(0, 23));
    // `date` in the script tells the script's own time, which is the line's log time.
    expect(first.slice(first.indexOf(" at ") + 4, -1)).toBe(new Date(start).toISOString().slice(11, 19));
    await until(sandbox, start, 1.5);
    expect((await sh(sandbox, "kubectl logs w")).stdout.split("\n")).toHaveLength(3);
    await until(sandbox, start, 3.5);
    const logs = (await sh(sandbox, "kubectl logs w --timestamps")).stdout.trimEnd().split("\n");
    expect(logs.map((l) => l.slice(0, 23))).toEqual(
      [0, 1000, 2000, 3000].map((ms) => new Date(start + ms).toISOString().slice(0, 23)),
    );
    expect(logs.map((l) => l.slice(31))).toEqual([
      `tick 1 at ${new Date(start).toISOString().slice(11, 19)}`,
      `tick 2 at ${new Date(start + 1000).toISOString().slice(11, 19)}`,
      `tick 3 at ${new Date(start + 2000).toISOString().slice(11, 19)}`,
      "done",
    ]);
  });

  it("its exit status ends the container: restarts and CrashLoopBackOff, or Error under Never", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, pod("crash", 'x=3; echo "failing with $x"; exit $x'));
    await sh(sandbox, pod("once", "echo $((6*7)); exit 3", "  restartPolicy: Never\n"));
    await sh(sandbox, "sleep 40");
    const get = (await sh(sandbox, "kubectl get pods --no-headers")).stdout;
    expect(get).toMatch(/^crash\s+0\/1\s+CrashLoopBackOff\s+[1-9]/m);
    expect(get).toMatch(/^once\s+0\/1\s+Error\s+0 /m);
    expect((await sh(sandbox, "kubectl logs once")).stdout).toBe("42\n");
    const last = JSON.parse((await sh(sandbox, "kubectl get pod crash -o json")).stdout).status
      .containerStatuses[0].lastState.terminated;
    expect([last.exitCode, last.reason]).toEqual([3, "Error"]);
    expect((await sh(sandbox, "kubectl logs crash --previous")).stdout).toBe("failing with 3\n");
  });

  it("a loop that never sleeps is cut, resumes on each wake-up, and the engine stays responsive", async () => {
    const { sandbox, start } = await runningWriter("while true; do echo spin; done");
    await until(sandbox, start, 10);
    const lines = Number((await sh(sandbox, "kubectl logs w | wc -l")).stdout);
    // At most one share of work per wake-up: the first, then one per RUNAWAY pause (1 s).
    expect(lines).toBeGreaterThan(WORK_PER_WAKEUP);
    expect(lines).toBeLessThanOrEqual(WORK_PER_WAKEUP * 12);
    expect((await sh(sandbox, "kubectl get pod w --no-headers")).stdout).toMatch(/Running\s+0 /);
    await until(sandbox, start, 20);
    expect(Number((await sh(sandbox, "kubectl logs w | wc -l")).stdout)).toBeGreaterThan(lines);
    expect((await sh(sandbox, "echo still here")).stdout).toBe("still here\n");
  });

  it("deleting the pod stops the script: after the grace period the file stops growing", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const shared = "hostPath: {path: /tmp/shared, type: DirectoryOrCreate}";
    await sh(sandbox, pod("w", WRITER, "", shared));
    await sh(sandbox, pod("reader", "sleep 3600; echo unused > /dev/null", "", shared));
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/w pod/reader");
    await sh(sandbox, "sleep 7");
    const before = (await sh(sandbox, "kubectl exec reader -- cat /data/f")).stdout;
    expect(before).toMatch(/^1\n2\n/);
    // sh as PID 1 ignores SIGTERM: it writes on through the 30 s grace period, then is killed.
    expect((await sh(sandbox, "kubectl delete pod w")).stdout).toMatch(/^pod "w" deleted/);
    const atKill = (await sh(sandbox, "kubectl exec reader -- cat /data/f")).stdout;
    expect(atKill.split("\n").length - before.split("\n").length).toBeGreaterThanOrEqual(5);
    await sh(sandbox, "sleep 60");
    expect((await sh(sandbox, "kubectl exec reader -- cat /data/f")).stdout).toBe(atKill);
    expect((await sh(sandbox, "kubectl get pod w")).stderr).toBe(
      'Error from server (NotFound): pods "w" not found\n',
    );
  });
});

describe("scripts that keep their container alive", () => {
  it("`sleep infinity` and `tail -f /dev/null` wait for the end of the run, with no wake-ups", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, pod("a", "echo hi > /data/x; sleep infinity"));
    await sh(
      sandbox,
      "kubectl run b --image=nginx:1.27 --command -- sh -c 'date > /tmp/x; tail -f /dev/null'",
    );
    await sh(sandbox, "sleep 600");
    const pods = (await sh(sandbox, "kubectl get pods --no-headers")).stdout;
    expect(pods).toMatch(/^a\s+1\/1\s+Running\s+0 /m);
    expect(pods).toMatch(/^b\s+1\/1\s+Running\s+0 /m);
    expect((await sh(sandbox, "kubectl exec a -- cat /data/x")).stdout).toBe("hi\n");
    expect(sandbox.nextEventAt()).toBeUndefined();
  });
});

describe("a running script across a snapshot", () => {
  it("goes on where it was in the same run, writing nothing twice (a restore is not a restart)", async () => {
    const { sandbox, start } = await runningWriter(
      "echo started; i=0; while true; do i=$((i+1)); echo $i >> /data/f; sleep 5; done",
    );
    await until(sandbox, start, 6);
    const restored = restoreSandbox(JSON.parse(JSON.stringify(sandbox.save())), { timeMode: "instant" });
    expect((await sh(restored, "kubectl exec w -- cat /data/f")).stdout).toBe("1\n2\n");
    await sh(restored, "sleep 5");
    expect((await sh(restored, "kubectl exec w -- cat /data/f")).stdout).toBe("1\n2\n3\n");
    expect((await sh(restored, "kubectl logs w")).stdout).toBe("started\n");
    // Same container run: no restart is counted.
    expect((await sh(restored, "kubectl get pod w --no-headers")).stdout).toMatch(/Running\s+0 /);
  });
});
