/**
 * A restore is not a restart: a container's script goes on where it was, as the process would on
 * a real cluster (which has no restore). Its writes made before the save are not made again.
 */
import { describe, expect, it } from "vitest";
import { createSandbox, restoreSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const WRITER = `apiVersion: v1
kind: Pod
metadata: {name: writer}
spec:
  volumes: [{name: data, emptyDir: {}}]
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", 'echo starting; i=0; while true; do i=$((i+1)); echo "round $i at $(date +%T)" >> /data/log; echo "wrote $i"; sleep 5; done']
    volumeMounts: [{name: data, mountPath: /data}]
`;

async function observe(sandbox: Sandbox): Promise<string[]> {
  const out: string[] = [];
  for (const line of [
    "kubectl logs writer",
    "kubectl exec writer -- cat /data/log",
    "sleep 23",
    "kubectl logs writer --timestamps",
    "kubectl exec writer -- cat /data/log",
  ]) {
    const r = await sh(sandbox, line);
    out.push(`${line}\n${r.stdout}${r.stderr}[${r.status}]`);
  }
  return out;
}

describe("a container's script after a restore", () => {
  for (const at of [0, 2_000, 13_000]) {
    it(`goes on where it was, no line written twice (saved ${at / 1000} s after a round)`, async () => {
      const original = createSandbox({ timeMode: "instant" });
      original.writeFile("writer.yaml", WRITER);
      await sh(original, "kubectl apply -f writer.yaml && sleep 30");
      if (at > 0) await sh(original, `sleep ${at / 1000}`);
      const restored = restoreSandbox(JSON.stringify(original.save()));
      const expected = await observe(original);
      expect(await observe(restored)).toEqual(expected);
      expect(expected[0]).toMatch(/^kubectl logs writer\nstarting\nwrote 1\n/);
      expect(expected[4]!.match(/round 1 /g)).toHaveLength(1);
    });
  }
});
