/**
 * The editor's markers for a rejected `kubectl apply -f`: the engine's real output is mapped back
 * to the lines of the manifest that caused it.
 */
import { describe, expect, test } from "vitest";
import { createSandbox } from "../../sandbox/engine/index.ts";
import { applyProblems, fieldPath } from "../../sandbox/ui/editor/apply-problems.ts";

async function apply(text: string): Promise<{ output: string; lines: string[]; messages: string[] }> {
  const sandbox = createSandbox();
  sandbox.writeFile("m.yaml", text);
  let output = "";
  await sandbox.exec("kubectl apply -f m.yaml\n", (chunk) => {
    output += chunk.text;
  });
  const problems = applyProblems(text, output);
  return {
    output,
    // The text each marker covers, first line only: enough to say where it landed.
    lines: problems.map((p) => text.slice(p.from, p.to).split("\n")[0]!),
    messages: problems.map((p) => p.message),
  };
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx
          ports:
            - containerPort: 80
`;

describe("applyProblems", () => {
  test("an Invalid error's field paths land on their keys", async () => {
    const { lines, messages } = await apply(STS.replace("replicas: 2", "replicas: -1"));
    expect(lines).toEqual(["replicas: -1"]);
    expect(messages[0]).toBe("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  });

  test("several causes of one object each get a marker, list indexes included", async () => {
    const svc = `apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  type: Headless
  ports:
    - name: a
      port: 80
    - name: b
      port: 0
`;
    const { output, lines } = await apply(svc);
    expect(output).toContain("spec.ports[1].port: Invalid value: 0");
    expect(lines.sort()).toEqual(["port: 0", "type: Headless"]);
  });

  test("a missing required field is marked on its parent", async () => {
    const { output, lines } = await apply(
      STS.replace("        - name: nginx\n          image: nginx", "        - image: nginx"),
    );
    expect(output).toContain("spec.template.spec.containers[0].name: Required value");
    expect(lines).toEqual(["image: nginx"]);
  });

  test("a value of the wrong type is found from the decoder's Go field path", async () => {
    const { output, lines } = await apply(STS.replace("replicas: 2", 'replicas: "three"'));
    expect(output).toContain("cannot unmarshal string");
    expect(lines).toEqual(['replicas: "three"']);
  });

  test("the object is picked by kind and name among several documents", async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n${STS.replace("replicas: 2", "replicas: -1")}`;
    const { lines } = await apply(text);
    expect(lines).toEqual(["replicas: -1"]);
  });

  test("a YAML error marks its line, counted within the failing document", async () => {
    const broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n data: x\n";
    const single = await apply(broken);
    expect(single.output).toMatch(/yaml: line \d+/);
    expect(single.lines).toEqual([" data: x"]);
    const second = await apply(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n${broken}`);
    expect(second.lines).toEqual([" data: x"]);
  });

  test("success prints nothing to mark", async () => {
    expect((await apply(STS)).lines).toEqual([]);
  });

  test("fieldPath splits dots and brackets", () => {
    expect(fieldPath("spec.template.spec.containers[0].ports[1].containerPort")).toEqual([
      "spec",
      "template",
      "spec",
      "containers",
      0,
      "ports",
      1,
      "containerPort",
    ]);
    expect(fieldPath("metadata.labels[app.kubernetes.io/name]")).toEqual([
      "metadata",
      "labels",
      "app.kubernetes.io/name",
    ]);
  });
});
