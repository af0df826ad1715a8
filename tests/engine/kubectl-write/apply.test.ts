import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LAST_APPLIED_ANNOTATION } from "../../../sandbox/engine/kubectl/apply/last-applied.ts";
import { lab } from "./harness.ts";

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
  b: "2"
`;

describe("kubectl apply", () => {
  it("creates, then reports unchanged, then configured", async () => {
    const k = lab();
    k.write("cm.yaml", CM);
    expect(await k.run("kubectl apply -f cm.yaml")).toEqual({
      stdout: "configmap/cfg created\n",
      stderr: "",
      status: 0,
    });
    expect(await k.run("kubectl apply -f cm.yaml")).toEqual({
      stdout: "configmap/cfg unchanged\n",
      stderr: "",
      status: 0,
    });
    k.write("cm.yaml", CM.replace('b: "2"', 'b: "3"'));
    expect(await k.run("kubectl apply -f cm.yaml")).toEqual({
      stdout: "configmap/cfg configured\n",
      stderr: "",
      status: 0,
    });
    expect(k.cluster.api.get("ConfigMap", "default", "cfg").data).toEqual({ a: "1", b: "3" });
  });

  it("writes the last-applied annotation as kubectl does: sorted compact JSON, namespace and annotations filled, newline", async () => {
    const k = lab();
    k.write(
      "pod.yaml",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: sample-pod\nspec:\n  containers:\n  - name: x\n    image: nginx\n",
    );
    await k.run("kubectl apply -f pod.yaml");
    const pod = k.cluster.api.get("Pod", "default", "sample-pod");
    expect(pod.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"sample-pod","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"x"}]}}\n',
    );
  });

  it("removes fields dropped from the manifest but keeps fields set by others", async () => {
    const k = lab();
    k.write("cm.yaml", CM);
    await k.run("kubectl apply -f cm.yaml");
    const live = k.cluster.api.get("ConfigMap", "default", "cfg");
    k.cluster.api.update({ ...live, data: { ...(live.data as object), other: "kept" } });
    k.write("cm.yaml", CM.replace('  b: "2"\n', ""));
    expect((await k.run("kubectl apply -f cm.yaml")).stdout).toBe("configmap/cfg configured\n");
    expect(k.cluster.api.get("ConfigMap", "default", "cfg").data).toEqual({ a: "1", other: "kept" });
  });

  it("merges containers by name (strategic merge) instead of replacing the list", async () => {
    const k = lab();
    const deployment = (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: a\n        image: ${image}\n`;
    k.write("d.yaml", deployment("nginx:1.26"));
    await k.run("kubectl apply -f d.yaml");
    const live = k.cluster.api.get("Deployment", "default", "d");
    const spec = structuredClone(live.spec) as {
      template: { spec: { containers: Record<string, unknown>[] } };
    };
    spec.template.spec.containers[0]!.tty = true;
    k.cluster.api.update({ ...live, spec });
    k.write("d.yaml", deployment("nginx:1.27"));
    expect((await k.run("kubectl apply -f d.yaml")).stdout).toBe("deployment.apps/d configured\n");
    const after = k.cluster.api.get("Deployment", "default", "d").spec as typeof spec;
    expect(after.template.spec.containers).toEqual([
      expect.objectContaining({ name: "a", image: "nginx:1.27", tty: true }),
    ]);
  });

  it("prints dry-run suffixes and writes nothing", async () => {
    const k = lab();
    k.write("cm.yaml", CM);
    expect((await k.run("kubectl apply -f cm.yaml --dry-run=client")).stdout).toBe(
      "configmap/cfg created (dry run)\n",
    );
    expect((await k.run("kubectl apply -f cm.yaml --dry-run=server")).stdout).toBe(
      "configmap/cfg created (server dry run)\n",
    );
    expect(k.cluster.api.tryGet("ConfigMap", "default", "cfg")).toBeUndefined();
    expect(await k.run("kubectl apply -f cm.yaml --dry-run=maybe")).toEqual({
      stdout: "",
      stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
      status: 1,
    });
  });

  it("--server-side prints serverside-applied and writes no last-applied annotation", async () => {
    const k = lab();
    k.write("cm.yaml", CM);
    expect((await k.run("kubectl apply --server-side -f cm.yaml")).stdout).toBe(
      "configmap/cfg serverside-applied\n",
    );
    expect((await k.run("kubectl apply --server-side -f cm.yaml")).stdout).toBe(
      "configmap/cfg serverside-applied\n",
    );
    expect(
      k.cluster.api.get("ConfigMap", "default", "cfg").metadata.annotations?.[LAST_APPLIED_ANNOTATION],
    ).toBeUndefined();
  });

  it("-o yaml prints each applied object, separated by ---", async () => {
    const k = lab();
    k.write("cm.yaml", `${CM}---\n${CM.replace("name: cfg", "name: cfg2")}`);
    const { stdout, status } = await k.run("kubectl apply -f cm.yaml -o yaml");
    expect(status).toBe(0);
    expect(stdout.split("---\n")).toHaveLength(2);
    expect(
      stdout.startsWith(
        'apiVersion: v1\ndata:\n  a: "1"\n  b: "2"\nkind: ConfigMap\nmetadata:\n  annotations:\n',
      ),
    ).toBe(true);
  });

  it("-o name prints only the names", async () => {
    const k = lab();
    k.write("cm.yaml", CM);
    expect((await k.run("kubectl apply -f cm.yaml -o name")).stdout).toBe("configmap/cfg\n");
  });

  it("warns about objects created without the annotation, then patches them", async () => {
    const k = lab();
    k.cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg", namespace: "default" },
      data: { a: "1" },
    });
    k.write("cm.yaml", CM);
    expect(await k.run("kubectl apply -f cm.yaml")).toEqual({
      stdout: "configmap/cfg configured\n",
      stderr:
        "Warning: resource configmaps/cfg is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
      status: 0,
    });
  });

  it("refuses an object whose namespace differs from -n", async () => {
    const k = lab();
    k.write("cm.yaml", CM.replace("name: cfg", "name: cfg\n  namespace: a"));
    expect(await k.run("kubectl apply -f cm.yaml -n b")).toEqual({
      stdout: "",
      stderr:
        'error: the namespace from the provided object "a" does not match the namespace "b". You must pass \'--namespace=a\' to perform this operation.\n',
      status: 1,
    });
  });

  it("applies what it can, then prints every error and exits 1", async () => {
    const k = lab();
    k.write(
      "all.yaml",
      `${CM}---\napiVersion: apps/v1\nkind: StatefulSett\nmetadata:\n  name: web\n---\n${CM.replace("name: cfg", "name: cfg2")}`,
    );
    expect(await k.run("kubectl apply -f all.yaml")).toEqual({
      stdout: "configmap/cfg created\nconfigmap/cfg2 created\n",
      stderr:
        'error: resource mapping not found for name: "web" namespace: "" from "all.yaml": no matches for kind "StatefulSett" in version "apps/v1"\nensure CRDs are installed first\n',
      status: 1,
    });
  });

  it("prints a missing-path error and sends nothing", async () => {
    const k = lab();
    k.write("cm.yaml", CM);
    expect(await k.run("kubectl apply -f cm.yaml -f nope.yaml")).toEqual({
      stdout: "",
      stderr: 'error: the path "nope.yaml" does not exist\n',
      status: 1,
    });
    expect(k.cluster.api.tryGet("ConfigMap", "default", "cfg")).toBeUndefined();
  });

  it("applies the documents before a parse error, then reports it with go-yaml's per-document line", async () => {
    const k = lab();
    k.write("two.yaml", `${CM}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  x: y: z\n`);
    expect(await k.run("kubectl apply -f two.yaml")).toEqual({
      stdout: "configmap/cfg created\n",
      stderr:
        "error: error parsing two.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n",
      status: 1,
    });
  });

  it("asks for strict field validation unless --validate=false", async () => {
    const k = lab();
    k.write(
      "sts.yaml",
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replica: 2\n  serviceName: x\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: a\n        image: nginx\n",
    );
    expect(await k.run("kubectl apply -f sts.yaml")).toEqual({
      stdout: "",
      stderr:
        'Error from server (BadRequest): error when creating "sts.yaml": StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replica"\n',
      status: 1,
    });
    expect((await k.run("kubectl apply -f sts.yaml --validate=false")).stdout).toBe(
      "statefulset.apps/web created\n",
    );
  });

  it("without -f says what the real client says", async () => {
    const k = lab();
    expect(await k.run("kubectl apply")).toEqual({
      stdout: "",
      stderr: "error: must specify one of -f and -k\n",
      status: 1,
    });
  });

  it("prints a forbidden StatefulSet update after the other objects' success lines", async () => {
    const k = lab();
    const file = (size: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  size: "${size}"\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: nginx\n  replicas: 1\n  selector:\n    matchLabels: {app: nginx}\n  template:\n    metadata:\n      labels: {app: nginx}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n  volumeClaimTemplates:\n  - metadata: {name: www}\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources: {requests: {storage: ${size}}}\n`;
    k.write("web.yaml", file("1Gi"));
    await k.run("kubectl apply -f web.yaml");
    k.write("web.yaml", file("2Gi"));
    expect(await k.run("kubectl apply -f web.yaml")).toEqual({
      stdout: "configmap/cfg configured\n",
      stderr:
        "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n",
      status: 1,
    });
  });

  it("aggregates several errors one per line, with the file named", async () => {
    const k = lab();
    k.write(
      "a.yaml",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nope\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n",
    );
    expect(await k.run("kubectl apply -f a.yaml")).toEqual({
      stdout: "",
      stderr:
        'Error from server (NotFound): error when creating "a.yaml": namespaces "nope" not found\nError from server (Invalid): error when creating "a.yaml": Pod "p" is invalid: spec.containers[0].image: Required value\n',
      status: 1,
    });
  });

  it("reads stdin with -f -", async () => {
    const k = lab();
    expect((await k.run("kubectl apply -f -", CM)).stdout).toBe("configmap/cfg created\n");
    expect((await k.run("kubectl apply -f -", "kind: ConfigMap\n")).stderr).toBe(
      'error: error validating "STDIN": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it("applying any valid manifest twice prints unchanged the second time", async () => {
    const key = fc.stringMatching(/^[a-z]([a-z0-9-]{0,6}[a-z0-9])?$/);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(key, fc.string({ maxLength: 12 }), { maxKeys: 5 }),
        fc.dictionary(key, fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 3 }),
        async (data, labels) => {
          const k = lab();
          const manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels }, data };
          k.write("c.json", JSON.stringify(manifest));
          expect((await k.run("kubectl apply -f c.json")).stdout).toBe("configmap/c created\n");
          expect((await k.run("kubectl apply -f c.json")).stdout).toBe("configmap/c unchanged\n");
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
