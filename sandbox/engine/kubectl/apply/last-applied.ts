/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation (objects.md §10): the manifest
 * as applied, without the annotation itself, with `metadata.annotations` present (`{}` when empty)
 * and the namespace filled in, serialised as Go's json.Encoder writes an unstructured object:
 * compact, keys sorted, `<`, `>` and `&` escaped, followed by a newline.
 */
import { goJson } from "../../cluster/controllers/hash.ts";
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
