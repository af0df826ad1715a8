/**
 * Reading `-f` manifests as cli-runtime's builder does (kubectl.md §7): each source is decoded as
 * a JSON stream (when it starts with `{`) or as `---`-separated YAML documents; empty and `null`
 * documents are skipped; `kind: List` is flattened into its items; apiVersion and kind are checked
 * on the client. A parse or validation error stops that source but keeps what came before it;
 * an unknown kind only skips that object. Error texts have no `error: ` prefix: the caller's
 * error formatter adds it when kubectl would.
 */
import { apiVersionOf, type ResourceType, resourceTypeForKind } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { parseJsonStream } from "./json-stream.ts";
import type { ManifestSource } from "./sources.ts";
import { splitYamlDocuments } from "./yaml-documents.ts";
import { yamlParser } from "./yaml-parser.ts";

export interface Manifest {
  /** Where it came from, as the user typed it, or `STDIN`. */
  source: string;
  object: KubeObject;
  type: ResourceType;
}

export interface ReadResult {
  manifests: Manifest[];
  /** Messages in kubectl's order, without the `error: ` prefix. */
  errors: string[];
}

export interface ReadOptions {
  /** `--validate` (default true): the client-side apiVersion / kind check. */
  validate?: boolean;
}

export function readManifests(sources: readonly ManifestSource[], options: ReadOptions = {}): ReadResult {
  const result: ReadResult = { manifests: [], errors: [] };
  for (const source of sources) readSource(source, options.validate ?? true, result);
  return result;
}

function readSource(source: ManifestSource, validate: boolean, result: ReadResult): void {
  const { values, error } = decodeStream(source.text);
  for (const value of values) {
    if (value === null) continue;
    if (validate) {
      const problems = validationProblems(value);
      if (problems.length > 0) {
        const data = problems.length === 1 ? problems[0] : `[${problems.join(", ")}]`;
        result.errors.push(
          `error validating "${source.name}": error validating data: ${data}; if you choose to ignore these errors, turn validation off with --validate=false`,
        );
        return;
      }
    }
    for (const item of flattenList(value)) {
      const mapped = mapObject(item, source.name);
      if (typeof mapped === "string") result.errors.push(mapped);
      else result.manifests.push(mapped);
    }
  }
  if (error !== undefined) result.errors.push(`error parsing ${source.name}: ${error}`);
}

/** Every document of a source, in order, up to the first one that does not parse. */
function decodeStream(text: string): { values: unknown[]; error?: string } {
  if (text.trimStart().startsWith("{")) return parseJsonStream(text);
  const split = splitYamlDocuments(text);
  if (!split.ok) return { values: [], error: split.error };
  const values: unknown[] = [];
  for (const document of split.documents) {
    const parsed = yamlParser()(document);
    if (!parsed.ok) return { values, error: `error converting YAML to JSON: ${parsed.error}` };
    values.push(parsed.value);
  }
  return { values };
}

/** kubectl's schema check before anything is sent: both fields, and every item of a List. */
function validationProblems(value: unknown): string[] {
  if (!isRecord(value)) return [];
  const problems: string[] = [];
  if (!value.apiVersion) problems.push("apiVersion not set");
  if (!value.kind) problems.push("kind not set");
  if (problems.length === 0 && value.kind === "List" && Array.isArray(value.items)) {
    for (const item of value.items) {
      const inner = validationProblems(item);
      if (inner.length > 0) return inner;
    }
  }
  return problems;
}

function flattenList(value: unknown): unknown[] {
  if (
    isRecord(value) &&
    typeof value.kind === "string" &&
    value.kind.endsWith("List") &&
    Array.isArray(value.items)
  ) {
    return value.items.flatMap(flattenList);
  }
  return [value];
}

/** The object with its API type, or kubectl's message for one it cannot map. */
function mapObject(value: unknown, source: string): Manifest | string {
  if (!isRecord(value) && value !== null) {
    // A document that is a scalar or a list: kubectl's type detector cannot unmarshal it.
    const jsonType = Array.isArray(value) ? "array" : typeof value === "boolean" ? "bool" : typeof value;
    return `unable to decode "${source}": json: cannot unmarshal ${jsonType} into Go value of type unstructured.detector`;
  }
  if (isRecord(value) && value.apiVersion != null && typeof value.apiVersion !== "string") {
    const v = value.apiVersion;
    const jsonType = Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : typeof v;
    return `unable to decode "${source}": json: cannot unmarshal ${jsonType} into Go struct field metadataOnlyObject.apiVersion of type string`;
  }
  if (!isRecord(value) || !value.kind || typeof value.kind !== "string") {
    return `unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(value)}'`;
  }
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const kind = String(value.kind);
  const apiVersion = String(value.apiVersion ?? "");
  const type = resourceTypeForKind(kind);
  if (!type || apiVersionOf(type) !== apiVersion) {
    const name = String(metadata.name ?? "");
    const namespace = String(metadata.namespace ?? "");
    return `resource mapping not found for name: "${name}" namespace: "${namespace}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
  }
  return { source, type, object: { ...value, metadata } as unknown as KubeObject };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
