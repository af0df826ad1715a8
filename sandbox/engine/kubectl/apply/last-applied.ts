/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation (objects.md §10): the manifest
 * as applied, without the annotation itself, with `metadata.annotations` present (`{}` when empty)
 * and the namespace filled in, serialised as Go's json.Encoder writes an unstructured object:
 * compact, keys sorted, `<`, `>` and `&` escaped, followed by a newline.
 */
import type { KubeObject } from "../../cluster/types.ts";
import type { Json, JsonObject } from "./strategic-merge.ts";

export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** The manifest with its new last-applied annotation (kubectl's GetModifiedConfiguration). */
export function withLastApplied(manifest: KubeObject): { object: KubeObject; annotation: string } {
  const annotations = { ...(manifest.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  const bare = { ...manifest, metadata: { ...manifest.metadata, annotations } };
  const annotation = `${goJson(bare as unknown as Json)}\n`;
  const object = {
    ...bare,
    metadata: { ...bare.metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: annotation } },
  };
  return { object, annotation };
}

/** The last-applied manifest stored on a live object, parsed; undefined when absent or unreadable. */
export function lastAppliedOf(live: KubeObject): JsonObject | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Json;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Go's encoding/json output for JSON values: sorted keys, HTML-safe escaping, no spaces. */
export function goJson(value: Json): string {
  if (value === null) return "null";
  if (typeof value === "string") return goString(value);
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort(compareBytes);
  return `{${keys.map((k) => `${goString(k)}:${goJson(value[k]!)}`).join(",")}}`;
}

function goString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Go sorts map keys by their UTF-8 bytes; for the BMP that is code-unit order except surrogates. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
