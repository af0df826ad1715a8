/**
 * The node lifecycle controller's NoSchedule tainting pass: a cordoned node (spec.unschedulable)
 * gets the `node.kubernetes.io/unschedulable:NoSchedule` taint with its timeAdded, after any taint
 * it already has, and uncordoning removes that taint and only that one.
 */
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";

async function sh(sandbox: Sandbox, line: string): Promise<string> {
  let out = "";
  await sandbox.exec(line, (chunk) => {
    out += chunk.text;
  });
  return out;
}

const NODE = "kind-control-plane";
const taintsOf = async (sandbox: Sandbox) =>
  JSON.parse(await sh(sandbox, `kubectl get node ${NODE} -o json`)).spec.taints as unknown;

describe("cordon and the unschedulable taint", () => {
  it("cordon adds the taint (describe, -o yaml), uncordon removes it", async () => {
    const sandbox = createSandbox({ seed: 4 });
    await sh(sandbox, "sleep 60");
    expect(await sh(sandbox, `kubectl cordon ${NODE}`)).toBe(`node/${NODE} cordoned\n`);
    expect(await sh(sandbox, `kubectl describe node ${NODE} | grep -A1 Taints`)).toBe(
      "Taints:             node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true\n",
    );
    const yaml = await sh(sandbox, `kubectl get node ${NODE} -o yaml | grep -A4 '  taints:'`);
    expect(yaml).toMatch(
      /^ {2}taints:\n {2}- effect: NoSchedule\n {4}key: node\.kubernetes\.io\/unschedulable\n {4}timeAdded: "2026-01-01T00:01:00Z"\n {2}unschedulable: true\n$/,
    );
    expect(await sh(sandbox, `kubectl cordon ${NODE}`)).toBe(`node/${NODE} already cordoned\n`);
    expect(await taintsOf(sandbox)).toHaveLength(1);

    expect(await sh(sandbox, `kubectl uncordon ${NODE}`)).toBe(`node/${NODE} uncordoned\n`);
    expect(await sh(sandbox, `kubectl describe node ${NODE} | grep -A1 Taints`)).toBe(
      "Taints:             <none>\nUnschedulable:      false\n",
    );
    expect(await taintsOf(sandbox)).toBeUndefined();
  });

  it("uncordon keeps the taints the node had for other reasons", async () => {
    const sandbox = createSandbox({ seed: 4 });
    await sh(sandbox, "docker stop kind-control-plane && sleep 60");
    await sh(sandbox, `kubectl cordon ${NODE}`);
    await sh(sandbox, "sleep 1");
    const keys = async () =>
      ((await taintsOf(sandbox)) as { key: string; effect: string }[]).map((t) => `${t.key}:${t.effect}`);
    expect(await keys()).toEqual([
      "node.kubernetes.io/unreachable:NoSchedule",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
    await sh(sandbox, `kubectl uncordon ${NODE}`);
    await sh(sandbox, "sleep 1");
    expect(await keys()).toEqual([
      "node.kubernetes.io/unreachable:NoSchedule",
      "node.kubernetes.io/unreachable:NoExecute",
    ]);
  });
});
