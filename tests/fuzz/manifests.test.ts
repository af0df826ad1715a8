/**
 * Fuzzing manifests: valid objects with wrong types, missing fields, deep nesting, huge values,
 * then text-level damage (tabs, duplicate keys, cut lines) and YAML bombs. `kubectl apply` and
 * `kubectl create` either succeed or print a kubectl-style error with a non-zero status; nothing
 * throws, alias bombs are refused before expansion, and the cluster still saves and restores.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createSandbox } from "../../sandbox/engine/index.ts";
import { freshSandbox, jsLeak, runLine, runs } from "./harness.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const VALID: Json[] = [
  {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      serviceName: "nginx",
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "nginx:1.27",
              ports: [{ containerPort: 80, name: "web" }],
              volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "www" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        },
      ],
    },
  },
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "nginx" },
    spec: { clusterIP: "None", selector: { app: "web" }, ports: [{ port: 80, name: "web" }] },
  },
  {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "api" } },
      template: {
        metadata: { labels: { app: "api" } },
        spec: { containers: [{ name: "api", image: "busybox:1.36", command: ["sleep", "3600"] }] },
      },
    },
  },
  {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  },
  {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "pv1" },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data/pv1" } },
  },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { key: "value" } },
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", annotations: { note: "x" } },
    spec: { containers: [{ name: "c", image: "busybox:1.36", args: ["sleep", "1d"] }] },
  },
];

/** Paths to every node of a JSON value, the root first. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  }
  return out;
}

function setAt(root: Json, path: (string | number)[], replace: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return replace(root) ?? null;
  const [head, ...rest] = path;
  const copy: Json = Array.isArray(root) ? [...root] : { ...(root as Record<string, Json>) };
  const child = (copy as Record<string | number, Json>)[head!]!;
  const next = rest.length === 0 ? replace(child) : setAt(child, rest, replace);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete (copy as Record<string, Json>)[head as string];
  } else (copy as Record<string | number, Json>)[head!] = next;
  return copy;
}

/**
 * Deep nesting is written into the text after serialising (a marker scalar replaced by `[[[…]]]`),
 * since the serialisers themselves recurse; go-yaml and encoding/json stop at 10,000 levels.
 */
const deepMarker = (depth: number) => `DEEP${depth}DEEP`;
function expandDeep(text: string): string {
  return text.replace(
    /"?DEEP(\d+)DEEP"?/g,
    (_, n: string) => `${"[".repeat(Number(n))}${"]".repeat(Number(n))}`,
  );
}

type Edit = (old: Json) => Json | undefined;
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant(() => undefined), // a missing field
  fc.jsonValue({ maxDepth: 2 }).map((v) => () => v as Json), // a wrong type
  fc.constantFrom<Json>(null, true, 0, -1, 1e300, 2 ** 53 + 1, "", "💥", [], {}).map((v) => () => v),
  fc.nat(12_000).map((depth) => () => deepMarker(depth)), // deep nesting
  fc.nat(100_000).map((n) => () => "y".repeat(n)), // a huge value
  fc.nat(3000).map((n) => () => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
);

const mutatedObject = fc
  .tuple(fc.constantFrom(...VALID), fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 3 }))
  .map(([base, edits]) => {
    let object = base;
    for (const [pick, change] of edits) {
      const all = paths(object);
      object = setAt(object, all[pick % all.length]!, change);
    }
    return object;
  });

/** Damage to the YAML text itself. */
type TextEdit = (text: string, at: number) => string;
const textEdit: fc.Arbitrary<TextEdit> = fc.constantFrom<TextEdit>(
  (t, at) => {
    // a tab where YAML wants spaces
    const lines = t.split("\n");
    const i = at % lines.length;
    lines[i] = lines[i]!.replace(/^ /, "\t");
    return lines.join("\n");
  },
  (t, at) => {
    // a duplicated key line
    const lines = t.split("\n");
    const i = at % lines.length;
    lines.splice(i, 0, lines[i]!);
    return lines.join("\n");
  },
  (t, at) => t.slice(0, at % (t.length + 1)), // a truncated paste
  (t, at) => `${t.slice(0, at % (t.length + 1))}: - [ { & * ! | > % @ \``, // stray YAML syntax
  (t) => `${t}\n---\n${t}`, // a second document
  (t, at) => `${t.slice(0, at % (t.length + 1))}\u0000\u001b[2J${t.slice(at % (t.length + 1))}`,
);

const manifestText = fc.oneof(
  { weight: 3, arbitrary: mutatedObject.map((o) => expandDeep(stringify(o))) },
  { weight: 1, arbitrary: mutatedObject.map((o) => expandDeep(JSON.stringify(o))) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(mutatedObject, fc.array(fc.tuple(textEdit, fc.nat()), { minLength: 1, maxLength: 3 }))
      .map(([o, edits]) => edits.reduce((text, [e, at]) => e(text, at), expandDeep(stringify(o)))),
  },
);

/** How kubectl's failures begin: its own errors, the server's, validation and parse errors. */
const KUBECTL_ERROR =
  /^(error: |Error: |Error from server|unable to decode |resource mapping not found |resource name may not be empty|The [A-Za-z]+ "[^"]*" is invalid|error parsing |error validating |Warning: )/;

async function checkApply(text: string, verb: string) {
  const sandbox = freshSandbox();
  sandbox.writeFile("m.yaml", text);
  const ran = await runLine(sandbox, `kubectl ${verb} -f m.yaml`, 5000);
  expect(ran.cancelled).toBe(false);
  expect(jsLeak(ran.stdout + ran.stderr, text)).toBeUndefined();
  if (ran.status !== 0) {
    expect(ran.stderr).toMatch(KUBECTL_ERROR);
  }
  // Whatever was created settles, draws, saves and comes back from its snapshot.
  await runLine(sandbox, "sleep 60", 5000);
  sandbox.picture();
  const restored = createSandbox({ timeMode: "instant", restore: JSON.stringify(sandbox.save()) });
  const before = await runLine(sandbox, "kubectl get all,pvc,pv,cm -A -o name", 5000);
  const after = await runLine(restored, "kubectl get all,pvc,pv,cm -A -o name", 5000);
  expect(after).toEqual(before);
}

describe("manifests (fuzz)", () => {
  it("kubectl apply of mutated manifests succeeds or fails the way kubectl does", async () => {
    await fc.assert(
      fc.asyncProperty(manifestText, (text) => checkApply(text, "apply")),
      { numRuns: runs(50) },
    );
  }, 600_000);

  it("kubectl create of mutated manifests succeeds or fails the way kubectl does", async () => {
    await fc.assert(
      fc.asyncProperty(manifestText, (text) => checkApply(text, "create")),
      { numRuns: runs(25) },
    );
  }, 600_000);

  it("refuses alias bombs with go-yaml's message instead of expanding them", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 8, max: 12 }),
        fc.integer({ min: 8, max: 12 }),
        async (width, depth) => {
          const levels = Array.from({ length: depth }, (_, i) => {
            const name = `l${i}`;
            const items = i === 0 ? Array(width).fill('"lol"') : Array(width).fill(`*l${i - 1}`);
            return `  ${name}: &${name} [${items.join(",")}]`;
          });
          const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${levels.join("\n")}\n`;
          const sandbox = freshSandbox();
          sandbox.writeFile("bomb.yaml", text);
          const ran = await runLine(sandbox, "kubectl apply -f bomb.yaml", 5000);
          // width^depth ≥ 8^8 (16 million) nodes: go-yaml refuses it, and so must the engine.
          expect(ran.stderr).toBe(
            "error: error parsing bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing\n",
          );
          expect(ran.status).toBe(1);
        },
      ),
      { numRuns: runs(10) },
    );
  }, 600_000);

  it("huge documents: a megabyte value meets the API's size limits, a file of hundreds of documents applies whole", async () => {
    const sandbox = freshSandbox();
    sandbox.writeFile(
      "big.yaml",
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: ${"x".repeat(1_100_000)}\n`,
    );
    const big = await runLine(sandbox, "kubectl apply -f big.yaml", 20_000);
    expect(big.cancelled).toBe(false);
    expect(big.stderr).toMatch(/^The ConfigMap "big" is invalid: .*Too long: /);
    expect(big.status).toBe(1);
    let many = "";
    for (let i = 0; i < 300; i++) many += `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`;
    sandbox.writeFile("many.yaml", many);
    const applied = await runLine(sandbox, "kubectl apply -f many.yaml", 60_000);
    expect(applied.cancelled).toBe(false);
    expect(applied.stdout.split("\n").filter((l) => / created$/.test(l))).toHaveLength(300);
    const count = await runLine(sandbox, "kubectl get configmaps --no-headers | wc -l", 5000);
    // The 300, and the namespace's kube-root-ca.crt; big is not among them.
    expect(count.stdout).toBe("301\n");
  }, 120_000);
});
