/**
 * What the fuzzers found, pinned with the exact messages real kubectl v1.32 / kube-apiserver give
 * (each checked against /usr/bin/kubectl, or the apiserver's strict decoder wording), so that a
 * fix cannot quietly regress into a JavaScript error on the learner's screen.
 */
import { describe, expect, it } from "vitest";
import { freshSandbox, runLine } from "./harness.ts";

async function apply(text: string, file = "m.yaml") {
  const sandbox = freshSandbox();
  sandbox.writeFile(file, text);
  return runLine(sandbox, `kubectl apply -f ${file}`, 5000);
}

const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

describe("manifests the fuzzers found", () => {
  it("a list where a struct list belongs is the apiserver's decoding error", async () => {
    const r = await apply(
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  ports: 0\n",
    );
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "m.yaml": Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort\n',
    );
    expect(r.status).toBe(1);
  });

  it("a scalar where a struct belongs, and a non-string name or label, are decoding errors", async () => {
    const sts = await apply("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec: 3\n");
    expect(sts.stderr).toContain(
      "json: cannot unmarshal number into Go struct field StatefulSet.spec of type v1.StatefulSetSpec",
    );
    const name = await apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: true\n");
    expect(name.stderr).toContain(
      "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string",
    );
    const label = await apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    a: 1\n");
    expect(label.stderr).toContain(
      "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
    );
  });

  it("a container or a volume whose name is not a string is refused, so that saved state still restores", async () => {
    const pod = await apply(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: [false]\n    image: nginx\n",
    );
    expect(pod.stderr).toContain(
      "json: cannot unmarshal array into Go struct field Container.spec.containers.name of type string",
    );
    const pv = await apply(
      "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: [false]\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /x\n",
    );
    expect(pv.stderr).toContain(
      "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.name of type string",
    );
    const svc = await apply("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  clusterIP: {}\n");
    expect(svc.stderr).toContain(
      "json: cannot unmarshal object into Go struct field ServiceSpec.spec.clusterIP of type string",
    );
  });

  it("a document that is not an object, or an apiVersion that is not a string, cannot be decoded", async () => {
    expect((await apply("true\n")).stderr).toBe(
      'error: unable to decode "m.yaml": json: cannot unmarshal bool into Go value of type unstructured.detector\n',
    );
    expect((await apply("- a\n")).stderr).toBe(
      'error: unable to decode "m.yaml": json: cannot unmarshal array into Go value of type unstructured.detector\n',
    );
    expect((await apply("apiVersion: {}\nkind: ConfigMap\nmetadata:\n  name: x\n")).stderr).toBe(
      'error: unable to decode "m.yaml": json: cannot unmarshal object into Go struct field metadataOnlyObject.apiVersion of type string\n',
    );
  });

  it("deep nesting is refused with go-yaml's and encoding/json's messages, never a stack overflow", async () => {
    const yaml = await apply(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  a: ${deep(20_000)}\n`,
    );
    expect(yaml.stderr).toBe(
      "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 6: exceeded max depth of 10000\n",
    );
    const json = await apply(
      `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"},"data":${deep(20_000)}}`,
      "m.json",
    );
    expect(json.stderr).toMatch(
      /^error: error parsing m\.json: json: offset \d+: invalid character '\[' exceeded max depth\n$/,
    );
    const block = await apply(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  a:\n    ${"- ".repeat(5000)}x\n`,
    );
    expect(block.stderr).toMatch(/exceeded max depth of 10000\n$/);
    for (const r of [yaml, json, block]) expect(r.status).toBe(1);
  });
});

describe("names Object.prototype also has", () => {
  const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

  it("are files like any other: missing until made, then listed, read, moved and removed", async () => {
    for (const name of NAMES) {
      const sandbox = freshSandbox();
      expect((await runLine(sandbox, `cat ${name}`)).stderr).toBe(
        `cat: ${name}: No such file or directory\n`,
      );
      expect((await runLine(sandbox, `cd ${name}`)).stderr).toBe(
        `bash: cd: ${name}: No such file or directory\n`,
      );
      expect((await runLine(sandbox, `rm ${name}`)).stderr).toBe(
        `rm: cannot remove '${name}': No such file or directory\n`,
      );
      const made = await runLine(
        sandbox,
        `echo hi > ${name} && ls && cat ${name} && mv ${name} moved && ls && cat moved`,
      );
      expect(made.stdout).toBe(`${name}\nhi\nmoved\nhi\n`);
      expect(made.stderr).toBe("");
    }
  });

  it("are missing fields in -o jsonpath, go-template and custom-columns, never JavaScript's", async () => {
    const sandbox = freshSandbox();
    for (const name of NAMES) {
      const line = `kubectl get nodes -o jsonpath='{.${name}}{.items[0].metadata.${name}}'; echo; kubectl get nodes -o go-template='{{.${name}}} {{index . "${name}"}}'; echo; kubectl get nodes -o custom-columns=A:.${name}`;
      const r = await runLine(sandbox, line);
      expect(r.stdout).toBe("\n<no value> <no value>\nA\n<none>\n");
    }
  });
});

describe("label keys Object.prototype also has", () => {
  it("select, label and annotate like any other key", async () => {
    const sandbox = freshSandbox();
    const node = "node kind-control-plane";
    const steps: [string, string, string][] = [
      ["kubectl get nodes -l constructor=x", "", "No resources found\n"],
      // -o name prints nothing for an empty list, as kubectl does.
      ["kubectl get nodes -l 'toString,valueOf!=1' -o name", "", ""],
      [`kubectl label ${node} constructor=yes`, "node/kind-control-plane labeled\n", ""],
      ["kubectl get nodes -l 'constructor in (yes)' -o name", "node/kind-control-plane\n", ""],
      [
        `kubectl label ${node} toString-`,
        'label "toString" not found.\nnode/kind-control-plane not labeled\n',
        "",
      ],
      [`kubectl label ${node} constructor-`, "node/kind-control-plane unlabeled\n", ""],
      [`kubectl annotate ${node} constructor=yes`, "node/kind-control-plane annotated\n", ""],
      [
        `kubectl annotate ${node} constructor=no`,
        "",
        "error: --overwrite is false but found the following declared annotation(s): 'constructor' already has a value (yes)\n",
      ],
    ];
    for (const [line, stdout, stderr] of steps) {
      const r = await runLine(sandbox, line);
      expect({ line, stdout: r.stdout, stderr: r.stderr }).toEqual({ line, stdout, stderr });
    }
  });
});
