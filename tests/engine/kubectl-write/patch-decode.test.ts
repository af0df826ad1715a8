/**
 * A patch that leaves a field with the wrong JSON type is refused the way the API server's patch
 * handler refuses it (endpoints/handlers/patch.go): an Invalid error about `patch`, without kind or
 * name, whose value is the patched object's JSON (merge, JSON patch) or the patch printed by Go's
 * %+v (strategic merge), and nothing is written.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: nginx:1.27}
`;

async function withStatefulSet(): Promise<Sandbox> {
  const sandbox = createSandbox({ timeMode: "instant", seed: 3 });
  sandbox.writeFile("sts.yaml", STS);
  expect((await sh(sandbox, "kubectl apply -f sts.yaml && sleep 10")).status).toBe(0);
  return sandbox;
}

const getJson = async (sandbox: Sandbox) =>
  JSON.parse((await sh(sandbox, "kubectl get sts web -o json")).stdout);

describe("kubectl patch with a value of the wrong type", () => {
  it("merge patch: the patched object's JSON and encoding/json's error", async () => {
    const sandbox = await withStatefulSet();
    const before = await getJson(sandbox);
    const out = await sh(sandbox, `kubectl patch sts web --type=merge -p '{"spec":{"replicas":"two"}}'`);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(
      /^The request is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",/,
    );
    expect(out.stderr).toContain(`\\"replicas\\":\\"two\\",\\"revisionHistoryLimit\\":10,`);
    expect(out.stderr).toMatch(
      /}}": json: cannot unmarshal string into Go struct field StatefulSetSpec\.spec\.replicas of type int32\n$/,
    );
    expect(await getJson(sandbox)).toEqual(before);
  });

  it("JSON patch: the same decoding error", async () => {
    const sandbox = await withStatefulSet();
    const before = await getJson(sandbox);
    const out = await sh(
      sandbox,
      `kubectl patch sts web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":true}]'`,
    );
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^The request is invalid: patch: Invalid value: "\{/);
    expect(out.stderr).toContain(`\\"replicas\\":true,`);
    expect(out.stderr).toMatch(
      /": json: cannot unmarshal bool into Go struct field StatefulSetSpec\.spec\.replicas of type int32\n$/,
    );
    expect(await getJson(sandbox)).toEqual(before);
  });

  it("strategic merge patch: the patch as %+v and the unstructured converter's error", async () => {
    const sandbox = await withStatefulSet();
    const before = await getJson(sandbox);
    const out = await sh(
      sandbox,
      `kubectl patch sts web -p '{"spec":{"replicas":"two","minReadySeconds":1.5}}'`,
    );
    expect(out).toEqual({
      stdout: "",
      stderr:
        'The request is invalid: patch: Invalid value: "map[spec:map[minReadySeconds:1.5 replicas:two]]": unrecognized type: int32\n',
      status: 1,
    });
    expect(await getJson(sandbox)).toEqual(before);
  });

  it("the StatefulSet keeps working after any refused patch (property)", async () => {
    const sandbox = await withStatefulSet();
    const bad = fc.oneof(
      fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
      fc.constantFrom("true", "false", "[1]", '{"a":1}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("merge", "strategic", "json"), bad, async (type, value) => {
        const patch =
          type === "json"
            ? `[{"op":"replace","path":"/spec/replicas","value":${value}}]`
            : `{"spec":{"replicas":${value}}}`;
        sandbox.writeFile("p.json", patch);
        const out = await sh(sandbox, `kubectl patch sts web --type=${type} --patch-file=p.json`);
        expect(out.status).toBe(1);
        expect(out.stderr).toMatch(/^The request is invalid: patch: Invalid value: /);
      }),
      { numRuns: 40 },
    );
    expect((await sh(sandbox, "kubectl scale sts web --replicas=2 && sleep 20")).status).toBe(0);
    expect((await sh(sandbox, "kubectl get pods -o name")).stdout).toBe("pod/web-0\npod/web-1\n");
  });
});
