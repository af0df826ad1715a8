import { describe, expect, it } from "vitest";
import { createSandbox, restoreSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";

/** `__proto__` is a valid ConfigMap key ([-._a-zA-Z0-9]+): it is data, never a prototype. */
async function exec(sandbox: Sandbox, line: string) {
  let stdout = "";
  let stderr = "";
  const status = await sandbox.exec(line, (c) => {
    if (c.stream === "stdout") stdout += c.text;
    else stderr += c.text;
  });
  return { stdout, stderr, status };
}

const MANIFEST = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: odd}
data:
  __proto__: from-yaml
  constructor: "c"
EOF`;

describe("a ConfigMap key named __proto__", () => {
  it("is stored, printed, patched three ways, snapshotted and restored", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect((await exec(sandbox, MANIFEST)).stdout).toBe("configmap/odd created\n");
    expect((await exec(sandbox, "kubectl get cm odd -o jsonpath='{.data}'")).stdout).toBe(
      '{"__proto__":"from-yaml","constructor":"c"}',
    );
    expect((await exec(sandbox, "kubectl get cm odd -o yaml")).stdout).toContain(
      "data:\n  __proto__: from-yaml\n  constructor: c\n",
    );
    for (const type of ["strategic", "merge"]) {
      await exec(sandbox, `kubectl patch cm odd --type=${type} -p '{"data":{"__proto__":"${type}"}}'`);
      expect((await exec(sandbox, "kubectl get cm odd -o jsonpath='{.data.__proto__}'")).stdout).toBe(type);
    }
    await exec(
      sandbox,
      `kubectl patch cm odd --type=json -p '[{"op":"replace","path":"/data/__proto__","value":"json"}]'`,
    );
    const json = (await exec(sandbox, "kubectl get cm odd -o json")).stdout;
    expect(Object.keys(JSON.parse(json).data)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(JSON.parse(json).data, "__proto__")?.value).toBe("json");

    const restored = restoreSandbox(JSON.parse(JSON.stringify(sandbox.save())), { timeMode: "instant" });
    expect((await exec(restored, "kubectl get cm odd -o json")).stdout).toBe(json);
    expect((await exec(restored, "kubectl describe cm odd")).stdout).toContain("__proto__:\n----\njson\n");
    expect(({} as Record<string, unknown>).json).toBeUndefined();
  });

  it("comes from create configmap --from-literal, and only once", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const created = await exec(
      sandbox,
      "kubectl create configmap lit --from-literal=__proto__=x --from-literal=a=b",
    );
    expect(created.stdout).toBe("configmap/lit created\n");
    expect((await exec(sandbox, "kubectl get cm lit -o jsonpath='{.data}'")).stdout).toBe(
      '{"__proto__":"x","a":"b"}',
    );
    const twice = await exec(
      sandbox,
      "kubectl create configmap two --from-literal=__proto__=x --from-literal=__proto__=y",
    );
    expect(twice.stderr).toBe(
      'error: cannot add key "__proto__", another key by that name already exists in Data for ConfigMap "two"\n',
    );
  });
});

describe("ConfigMap keys (property)", () => {
  it("any valid key set, prototype names included, comes back from -o json and from a restored snapshot", async () => {
    const fc = await import("fast-check");
    const key = fc.oneof(
      fc.constantFrom(
        "__proto__",
        "constructor",
        "toString",
        "hasOwnProperty",
        "valueOf",
        "__defineGetter__",
      ),
      // IsConfigMapKey: [-._a-zA-Z0-9]+, not "." and not starting with "..".
      fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/).filter((k) => k !== "." && !k.startsWith("..")),
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(key, { minLength: 1, maxLength: 6 }), async (keys) => {
        const sandbox = createSandbox({ timeMode: "instant" });
        const literals = keys.map((k, i) => `--from-literal=${k}=v${i}`).join(" ");
        const created = await exec(sandbox, `kubectl create configmap c ${literals}`);
        expect(created.stderr).toBe("");
        const data = JSON.parse((await exec(sandbox, "kubectl get cm c -o json")).stdout).data;
        expect(Object.keys(data).sort()).toEqual([...keys].sort());
        for (const [i, k] of keys.entries())
          expect(Object.getOwnPropertyDescriptor(data, k)?.value).toBe(`v${i}`);
        const restored = restoreSandbox(JSON.stringify(sandbox.save()), { timeMode: "instant" });
        expect((await exec(restored, "kubectl get cm c -o json")).stdout).toBe(
          (await exec(sandbox, "kubectl get cm c -o json")).stdout,
        );
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      }),
      { numRuns: 25, seed: 34 },
    );
  });
});
