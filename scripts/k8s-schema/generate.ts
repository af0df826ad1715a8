/**
 * The editor's Kubernetes JSON schema, generated at build time from kubernetes-types with
 * ts-json-schema-generator and refined (refinements.ts) where generation is weak. The kinds are
 * the ones the sandbox's API server serves (sandbox/engine/cluster/kinds.ts), so the editor knows
 * exactly what `kubectl apply` accepts. src/vite/k8s-schema.mjs bundles the result with the
 * editor; `node scripts/k8s-schema/generate.ts` prints it.
 */
import { fileURLToPath } from "node:url";
import { createGenerator } from "ts-json-schema-generator";
import { apiVersionOf, RESOURCE_TYPES } from "../../sandbox/engine/cluster/kinds.ts";
import {
  listDefinition,
  refineDefinitions,
  rootSchema,
  type SchemaNode,
  type ServedKind,
} from "./refinements.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** kubernetes-types keeps each API group in a folder named after its first DNS label ("" is core). */
function typesFolder(group: string): string {
  return group === "" ? "core" : (group.split(".")[0] ?? group);
}

export function servedKinds(): ServedKind[] {
  return RESOURCE_TYPES.map((type) => ({ kind: type.kind, apiVersion: apiVersionOf(type) }));
}

export function generateKubernetesSchema(): SchemaNode {
  const folders = new Set(RESOURCE_TYPES.map((type) => `${typesFolder(type.group)}/${type.version}`));
  folders.add("meta/v1");
  const generator = createGenerator({
    path: `${root}node_modules/kubernetes-types/{${[...folders].join(",")}}.d.ts`,
    tsconfig: `${root}tsconfig.json`,
    skipTypeCheck: true,
    expose: "export",
    topRef: true,
    jsDoc: "extended",
  });
  const definitions: Record<string, SchemaNode> = {};
  for (const type of [...RESOURCE_TYPES.map((t) => t.kind), "ListMeta"]) {
    Object.assign(definitions, generator.createSchema(type).definitions as Record<string, SchemaNode>);
  }
  definitions.List = listDefinition();
  refineDefinitions(definitions);
  return rootSchema(servedKinds(), definitions);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(generateKubernetesSchema())}\n`);
}
