import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileTree } from "../../../sandbox/engine/fs/file-tree.ts";
import { parseJsonStream } from "../../../sandbox/engine/kubectl/manifests/json-stream.ts";
import { readManifests } from "../../../sandbox/engine/kubectl/manifests/read.ts";
import { collectSources } from "../../../sandbox/engine/kubectl/manifests/sources.ts";
import { splitYamlDocuments } from "../../../sandbox/engine/kubectl/manifests/yaml-documents.ts";
import { parseYamlDocument } from "../../../sandbox/engine/kubectl/manifests/yaml-parse.ts";

/** Reads one in-memory file named `x.yaml` and returns what kubectl would have read or reported. */
function read(text: string, validate = true) {
  return readManifests([{ name: "x.yaml", text }], { validate });
}

const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";

describe("YAML parse errors match kubectl v1.32's go-yaml messages and per-document line numbers", () => {
  // Each expected line was produced by the real client: kubectl apply --validate=false -f x.yaml
  const cases: [string, string][] = [
    [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  x: y: z\n",
      "line 5: mapping values are not allowed in this context",
    ],
    [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n",
      "line 4: found character that cannot start any token",
    ],
    ["\n\napiVersion: v1\nkind: ConfigMap\nmetadata: [\n", "line 5: did not find expected node content"],
    ["apiVersion: v1\nkind\nmetadata:\n  name: a\n", "line 3: could not find expected ':'"],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels\nspec: {}\n",
      "line 6: could not find expected ':'",
    ],
    ["apiVersion: v1\nmetadata:\n    name: a\n  labels: {}\n", "line 3: did not find expected key"],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n   labels: {}\n",
      "line 5: mapping values are not allowed in this context",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n labels: {}\nspec: {}\n",
      "line 4: did not find expected key",
    ],
    [
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n   image: b\n",
      "line 5: did not find expected key",
    ],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a\n', "line 5: found unexpected end of stream"],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'a\nspec: {}\n",
      "line 6: found unexpected end of stream",
    ],
    ["apiVersion: v1\nkind: Pod\nmetadata: {name: a\nspec: {}\n", "line 3: did not find expected ',' or '}'"],
    ["apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n- x\n", "line 4: did not find expected key"],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: @a\n",
      "line 4: found character that cannot start any token",
    ],
  ];
  it.each(cases)("%j", (text, message) => {
    expect(read(text).errors).toEqual([
      `error parsing x.yaml: error converting YAML to JSON: yaml: ${message}`,
    ]);
  });

  it("counts lines from the start of the failing document, after the objects before it", () => {
    const { manifests, errors } = read(
      `${CM}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  x: y: z\n`,
    );
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(["a"]);
    expect(errors).toEqual([
      "error parsing x.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context",
    ]);
  });

  it("reports an unknown anchor without a line", () => {
    expect(read("apiVersion: v1\nkind: Pod\nmetadata:\n  name: *x\n").errors).toEqual([
      "error parsing x.yaml: error converting YAML to JSON: yaml: unknown anchor 'x' referenced",
    ]);
  });

  it("refuses an alias-expansion bomb", () => {
    const levels = "abcdefghijklmnopqrstu".split("");
    const lines = levels.map((l, i) =>
      i === 0 ? `${l}: &${l} ["x","x"]` : `${l}: &${l} [*${levels[i - 1]},*${levels[i - 1]}]`,
    );
    expect(read(`${lines.join("\n")}\n`).errors).toEqual([
      "error parsing x.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing",
    ]);
  });
});

describe("document separators", () => {
  it.each([
    ["--- foo", "foo"],
    ["----", "-"],
    ["--- foo #x", "foo #x"],
    ["---foo", "foo"],
  ])("%j is not a separator", (sep, rest) => {
    expect(read(`a: 1\n${sep}\nb: 2\n`).errors).toEqual([
      `error parsing x.yaml: invalid Yaml document separator: ${rest}`,
    ]);
  });

  it.each(["---", "---#c", "--- # c", "---   ", "---\r"])("%j separates documents", (sep) => {
    expect(splitYamlDocuments(`a: 1\n${sep}\nb: 2\n`)).toEqual({ ok: true, documents: ["a: 1\n", "b: 2\n"] });
  });

  it("skips empty and null documents and a leading separator", () => {
    const { manifests, errors } = read(
      `---\n${CM}---\n---\n# only a comment\n---\nnull\n---\n${CM.replace("name: a", "name: b")}`,
    );
    expect(errors).toEqual([]);
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(["a", "b"]);
  });

  it("a line that merely contains --- inside a document is not a separator", () => {
    expect(splitYamlDocuments("a: 1\n ---\nb: [\n")).toEqual({ ok: true, documents: ["a: 1\n ---\nb: [\n"] });
  });

  it("accepts CRLF line endings", () => {
    const { manifests } = read(
      `${CM.replaceAll("\n", "\r\n")}---\r\n${CM.replace("name: a", "name: b").replaceAll("\n", "\r\n")}`,
    );
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(["a", "b"]);
  });
});

describe("YAML 1.1 scalars as sigs.k8s.io/yaml decodes them", () => {
  it("resolves booleans, octal, hex, binary; keeps times, dates and 0o as strings; merges <<", () => {
    const parsed = parseYamlDocument(
      "a: yes\nb: Off\nc: y\nd: 0777\ne: 0x1F\nf: 0b101\ng: 12:30\nh: 2001-12-14\ni: 0o17\nj: ~\nk: 1_000\nbase: &base {x: 1, z: 2}\nm:\n  <<: *base\n  z: 3\n1: one\n",
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        a: true,
        b: false,
        c: true,
        d: 511,
        e: 31,
        f: 5,
        g: "12:30",
        h: "2001-12-14",
        i: "0o17",
        j: null,
        k: 1000,
        base: { x: 1, z: 2 },
        m: { x: 1, z: 3 },
        "1": "one",
      },
    });
  });
});

describe("client-side validation", () => {
  it("names both missing fields in brackets", () => {
    expect(read("metadata:\n  name: a\n").errors).toEqual([
      'error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    ]);
  });
  it("checks each item of a List", () => {
    expect(
      read("kind: List\napiVersion: v1\nitems:\n- kind: ConfigMap\n  metadata: {name: x}\n").errors,
    ).toEqual([
      'error validating "x.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false',
    ]);
  });
  it("with --validate=false a missing kind is a decode error that does not stop the stream", () => {
    const { manifests, errors } = read(`a: 1\n---\n${CM}`, false);
    expect(errors).toEqual([`unable to decode "x.yaml": Object 'Kind' is missing in '{"a":1}'`]);
    expect(manifests).toHaveLength(1);
  });
  it("flattens kind: List", () => {
    const { manifests } = read(
      `apiVersion: v1\nkind: List\nitems:\n- ${CM.trimEnd().replaceAll("\n", "\n  ")}\n- ${CM.replace("name: a", "name: b").trimEnd().replaceAll("\n", "\n  ")}\n`,
    );
    expect(manifests.map((m) => m.object.metadata.name)).toEqual(["a", "b"]);
  });
  it("an unknown kind is a mapping error for that object only", () => {
    const { manifests, errors } = read(
      `apiVersion: apps/v1\nkind: StatefulSett\nmetadata:\n  name: web\n---\n${CM}`,
    );
    expect(errors).toEqual([
      'resource mapping not found for name: "web" namespace: "" from "x.yaml": no matches for kind "StatefulSett" in version "apps/v1"\nensure CRDs are installed first',
    ]);
    expect(manifests).toHaveLength(1);
  });
});

describe("JSON streams", () => {
  // Expected texts from the real client (kubectl apply -f x.json).
  it.each([
    ['{"a" 1}', "json: offset 6: invalid character '1' after object key"],
    ['{"a": 1,}', "json: offset 9: invalid character '}' looking for beginning of object key string"],
    ['{"a": [1 2]}', "json: offset 10: invalid character '2' after array element"],
    ['{"a": x}', "json: offset 7: invalid character 'x' looking for beginning of value"],
    ['{"a":"b\x01"}', "json: offset 8: invalid character '\\x01' in string literal"],
    ["{1: 2}", "json: offset 2: invalid character '1' looking for beginning of object key string"],
    ['{"apiVersion": "v1", "kind": "Pod", "metadata": {"name":"a"}', "unexpected EOF"],
    [
      '{\n  "apiVersion": "v1",\n  "kind": "Pod"\n  "metadata": {}\n}\n',
      "json: offset 43: invalid character '\"' after object key:value pair",
    ],
  ])("%j", (text, error) => {
    expect(parseJsonStream(text).error).toBe(error);
  });
  it("reads several concatenated objects, then the error of the next", () => {
    expect(parseJsonStream('  {"a": "b"} x')).toEqual({
      values: [{ a: "b" }],
      error: "json: offset 14: invalid character 'x' looking for beginning of value",
    });
  });
  it("parses any valid JSON value stream like JSON.parse", () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 4 }), (objects) => {
        const text = objects.map((o) => JSON.stringify(o)).join("\n");
        expect(parseJsonStream(text)).toEqual({ values: objects.map((o) => JSON.parse(JSON.stringify(o))) });
      }),
    );
  });
});

describe("-f sources", () => {
  function workspace() {
    const fs = new FileTree();
    fs.mkdir("/home/learner/dir/sub", 0, { parents: true });
    fs.writeFile("/home/learner/dir/b.yaml", "b", 0);
    fs.writeFile("/home/learner/dir/a.yml", "a", 0);
    fs.writeFile("/home/learner/dir/c.json", "c", 0);
    fs.writeFile("/home/learner/dir/notes.txt", "n", 0);
    fs.writeFile("/home/learner/dir/sub/d.yaml", "d", 0);
    fs.mkdir("/home/learner/empty", 0);
    return { fs, cwd: "/home/learner" };
  }
  it("takes a directory's manifest files in lexical order, and subdirectories only with -R", () => {
    const flat = collectSources(["dir"], { workspace: workspace() });
    expect(flat.ok && flat.sources.map((s) => s.name)).toEqual(["dir/a.yml", "dir/b.yaml", "dir/c.json"]);
    const deep = collectSources(["dir/"], { workspace: workspace(), recursive: true });
    expect(deep.ok && deep.sources.map((s) => s.name)).toEqual([
      "dir/a.yml",
      "dir/b.yaml",
      "dir/c.json",
      "dir/sub/d.yaml",
    ]);
  });
  it("names stdin STDIN", () => {
    expect(collectSources(["-"], { stdin: "x" })).toEqual({
      ok: true,
      sources: [{ name: "STDIN", text: "x" }],
    });
  });
  it("reports missing paths and empty directories with kubectl's texts", () => {
    expect(collectSources(["nope.yaml"], { workspace: workspace() })).toEqual({
      ok: false,
      errors: ['the path "nope.yaml" does not exist'],
    });
    expect(collectSources(["empty"], { workspace: workspace() })).toEqual({
      ok: false,
      errors: ["error reading [empty]: recognized file extensions are [.json .yaml .yml]"],
    });
  });
});

describe("more learner mistakes, checked against kubectl v1.32 (kubectl apply --validate=false -f)", () => {
  // "" means the real client parsed the document without error.
  const cases: [string, string][] = [
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n   ports:\n    - containerPort: 80\n",
      "error converting YAML to JSON: yaml: line 8: did not find expected key",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n    image: nginx\n",
      "error converting YAML to JSON: yaml: line 7: did not find expected '-' indicator",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n      ports: []\n",
      "error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: web\n   tier: db\n",
      "error converting YAML to JSON: yaml: line 6: did not find expected key",
    ],
    [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n    command: ["sh", "-c"\n',
      "error converting YAML to JSON: yaml: line 9: did not find expected ',' or ']'",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n    args: [sleep, 10]]\n",
      "error converting YAML to JSON: yaml: line 8: did not find expected key",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: a\n\tlabels: {}\n",
      "error converting YAML to JSON: yaml: line 4: found character that cannot start any token",
    ],
    [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: "nginx\n',
      "error converting YAML to JSON: yaml: line 9: found unexpected end of stream",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  -name: a\n    image: nginx\n",
      "error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n  - image: nginx\n    ports:\n    - containerPort: 80\n  protocol: TCP\n",
      "",
    ],
    [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: nginx\n    env:\n    - name: A\n      value: "1"\n     - name: B\n',
      "error converting YAML to JSON: yaml: line 11: did not find expected key",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    note: a: b\n",
      "error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context",
    ],
    [
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {a\n",
      "error converting YAML to JSON: yaml: line 4: did not find expected ',' or '}'",
    ],
    [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: |\n    line1\n   line2\n",
      "error converting YAML to JSON: yaml: line 7: did not find expected key",
    ],
    [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n  k2 v2\n  k3: v3\n",
      "error converting YAML to JSON: yaml: line 8: could not find expected ':'",
    ],
  ];
  it.each(cases)("%j", (text, expected) => {
    const parsed = parseYamlDocument(text);
    expect(parsed.ok ? "" : `error converting YAML to JSON: ${parsed.error}`).toBe(expected);
  });
});
