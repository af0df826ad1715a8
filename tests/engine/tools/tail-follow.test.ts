/**
 * `tail -f FILE` follows what is appended as simulated time passes, as `kubectl logs -f` does:
 * in `kubectl exec` while the browser's clock ticks, and inside a container's own script.
 */
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const WRITER = `apiVersion: v1
kind: Pod
metadata: {name: writer}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", 'i=0; while true; do i=$((i+1)); echo "line $i" >> /tmp/log; sleep 5; done']
`;

/** Lets scripts and commands run what is due before the clock moves again. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("tail -f", () => {
  it("in kubectl exec prints each appended line as the clock ticks, until Ctrl-C", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    sandbox.writeFile("writer.yaml", WRITER);
    const applied = sh(sandbox, "kubectl apply -f writer.yaml");
    await settle();
    for (let i = 0; i < 30; i++) {
      sandbox.advance(1000);
      await settle();
    }
    await applied;
    const before = (await sh(sandbox, "kubectl exec writer -- cat /tmp/log")).stdout;
    expect(before).toMatch(/^line 1\n/);
    const abort = new AbortController();
    let out = "";
    const following = sandbox.exec(
      "kubectl exec writer -- tail -f /tmp/log",
      (chunk) => {
        out += chunk.text;
      },
      abort.signal,
    );
    await settle();
    expect(out).toBe(before.split("\n").slice(-11).join("\n"));
    for (let i = 0; i < 20; i++) {
      sandbox.advance(1000);
      await settle();
    }
    abort.abort();
    expect(await following).toBe(130);
    const now = (await sh(sandbox, "kubectl exec writer -- cat /tmp/log")).stdout;
    // Four more rounds of the writer in 20 s, each shown once, in order.
    expect(out).toBe(
      now
        .split("\n")
        .slice(-(11 + 4))
        .join("\n"),
    );
    expect(now.split("\n").length - before.split("\n").length).toBe(4);
  });

  it("in a container's script follows another process's appends", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    sandbox.writeFile(
      "follow.yaml",
      `apiVersion: v1
kind: Pod
metadata: {name: follow}
spec:
  volumes: [{name: shared, emptyDir: {}}]
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", 'for i in 1 2 3; do sleep 3; echo "round $i" >> /shared/f; done; sleep 3600']
    volumeMounts: [{name: shared, mountPath: /shared}]
  - name: reader
    image: busybox:1.36
    command: ["sh", "-c", 'touch /shared/f; tail -f /shared/f']
    volumeMounts: [{name: shared, mountPath: /shared}]
`,
    );
    await sh(sandbox, "kubectl apply -f follow.yaml");
    // A second at a time, as the browser's clock ticks. (One long instant sleep lets two scripts
    // catch up in the order their promises run, not in time order: see script-runner.ts.)
    for (let i = 0; i < 30; i++) await sh(sandbox, "sleep 1");
    expect((await sh(sandbox, "kubectl logs follow -c reader")).stdout).toBe("round 1\nround 2\nround 3\n");
  });
});
