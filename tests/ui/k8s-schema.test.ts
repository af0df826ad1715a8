/**
 * The editor's Kubernetes schema, checked the way the editor uses it: yaml-language-server (the
 * language service monaco-yaml runs in its worker) validates, completes and hovers manifests
 * against the generated, refined schema.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getLanguageService, type LanguageService } from "yaml-language-server";
import { RESOURCE_TYPES } from "../../sandbox/engine/cluster/kinds.ts";
import { generateKubernetesSchema } from "../../scripts/k8s-schema/generate.ts";
import { ENUMS, RANGES, refineDefinitions, type SchemaNode } from "../../scripts/k8s-schema/refinements.ts";

let schema: SchemaNode;
let service: LanguageService;
let version = 0;

beforeAll(() => {
  schema = generateKubernetesSchema();
  service = getLanguageService({
    schemaRequestService: async () => "",
    workspaceContext: { resolveRelativePath: (path: string) => path },
  });
  service.configure({
    validate: true,
    completion: true,
    hover: true,
    schemas: [{ uri: "inmemory://k8s.json", fileMatch: ["*"], schema: schema as never }],
  });
}, 180_000);

const doc = (text: string) => TextDocument.create(`file:///m${version++}.yaml`, "yaml", 1, text);
const problems = async (text: string) =>
  (await service.doValidation(doc(text), false)).map((d) => `${d.range.start.line + 1}: ${d.message}`);

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  podManagementPolicy: OrderedReady
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
          image: registry.k8s.io/nginx-slim:0.27
          imagePullPolicy: IfNotPresent
          ports:
            - containerPort: 80
              protocol: TCP
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;

describe("the generated Kubernetes schema", () => {
  test("has a definition, dispatched on kind, for every kind the API server serves, and List", () => {
    const dispatched = (schema.definitions?.KubernetesObject?.allOf ?? []).map(
      (rule) => rule.if?.properties?.kind?.const,
    );
    for (const { kind } of RESOURCE_TYPES) {
      expect(dispatched).toContain(kind);
      expect(schema.definitions?.[kind]?.properties?.kind?.const).toBe(kind);
    }
    expect(dispatched).toContain("List");
  });

  test("a valid StatefulSet has no problems", async () => {
    expect(await problems(STS)).toEqual([]);
  });

  test("quantities may be numbers or strings", async () => {
    expect(await problems(STS.replace("storage: 1Gi", "storage: 1"))).toEqual([]);
    expect(await problems(STS.replace("storage: 1Gi", "storage: 0.5"))).toEqual([]);
    expect(await problems(STS.replace("storage: 1Gi", "storage: [1]"))).toHaveLength(1);
  });

  test("integer fields refuse strings and fractions", async () => {
    expect(await problems(STS.replace("replicas: 2", 'replicas: "three"'))).toEqual([
      '7: Incorrect type. Expected "integer".',
    ]);
    expect(await problems(STS.replace("replicas: 2", "replicas: 2.5"))).toEqual([
      '7: Incorrect type. Expected "integer".',
    ]);
    expect(await problems(STS.replace("containerPort: 80", "containerPort: 70000"))).toEqual([
      "22: Value is above the maximum of 65535.",
    ]);
  });

  test("enums refuse values the API server refuses, on the offending line", async () => {
    const [policy] = await problems(STS.replace("OrderedReady", "Sometimes"));
    expect(policy).toMatch(/^8: Value is not accepted\. Valid values: "OrderedReady", "Parallel"\.$/);
    const [mode] = await problems(STS.replace('["ReadWriteOnce"]', '["ReadWriteSometimes"]'));
    expect(mode).toMatch(/^28: Value is not accepted\. Valid values: "ReadWriteOnce"/);
    const [pull] = await problems(STS.replace("IfNotPresent", "Sometimes"));
    expect(pull).toMatch(/^20: Value is not accepted/);
  });

  test("apiVersion must match the kind; unknown fields and kinds are flagged", async () => {
    expect(await problems(STS.replace("apps/v1", "v1"))).toEqual(['1: Value must be "apps/v1".']);
    expect(await problems(STS.replace("  serviceName", "  servceName"))).toContainEqual(
      "6: Property servceName is not allowed.",
    );
    expect((await problems("apiVersion: v1\nkind: Widget\n"))[0]).toMatch(/^2: Value is not accepted/);
  });

  test("each document of a multi-document file and each item of a List is checked as its kind", async () => {
    const service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Headless\n";
    expect((await problems(`${STS}---\n${service}`))[0]).toMatch(/^38: Value is not accepted/);
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${service.trimEnd().replaceAll("\n", "\n  ")}\n`;
    expect((await problems(list))[0]).toMatch(/^9: Value is not accepted/);
  });

  test("completion offers the fields of the kind at the cursor", async () => {
    const text = "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  \n";
    const list = await service.doComplete(doc(text), { line: 3, character: 2 }, false);
    const labels = list.items.map((item) => item.label);
    expect(labels).toContain("podManagementPolicy");
    expect(labels).toContain("volumeClaimTemplates");
    expect(labels).not.toContain("containers");
  });

  test("hover shows the field's documentation", async () => {
    const hover = await service.doHover(doc(STS), { line: 7, character: 5 });
    expect(JSON.stringify(hover?.contents)).toContain("podManagementPolicy controls how pods are created");
  });
});

describe("refineDefinitions", () => {
  test("turns every number into an integer, including int-or-string", () => {
    const definitions: Record<string, SchemaNode> = {
      A: {
        type: "object",
        properties: {
          n: { type: "number" },
          p: { type: ["number", "string"] },
          l: { type: "array", items: { type: "number" } },
        },
      },
    };
    // The tables name real definitions; give them stand-ins so only the integer pass is under test.
    for (const path of [...Object.keys(ENUMS), ...Object.keys(RANGES)]) {
      const [definition = "", name = ""] = path.split(".");
      definitions[definition] ??= { type: "object", properties: {} };
      definitions[definition].properties![name] ??= { type: "string" };
    }
    refineDefinitions(definitions);
    expect(definitions.A?.properties?.n?.type).toBe("integer");
    expect(definitions.A?.properties?.p?.type).toEqual(["integer", "string"]);
    expect(definitions.A?.properties?.l?.items?.type).toBe("integer");
  });

  test("refuses a table entry that names a field the schema does not have", () => {
    expect(() => refineDefinitions({})).toThrow(/is not in the generated schema/);
  });

  test("puts enums of array fields on their items", () => {
    const accessModes = schema.definitions?.PersistentVolumeClaimSpec?.properties?.accessModes;
    expect(accessModes?.items?.enum).toEqual(ENUMS["PersistentVolumeClaimSpec.accessModes"]);
  });
});
