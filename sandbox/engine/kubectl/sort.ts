/**
 * --sort-by=<jsonpath> (kubectl's RuntimeSorter): objects ordered by the first value the path
 * selects; numbers numerically, strings lexically, timestamps chronologically (RFC 3339 sorts
 * lexically), objects missing the field first. Stable, so ties keep the server's order.
 */
import type { KubeObject } from "../cluster/types.ts";
import { evaluatePath, JsonPathError, parseJsonPath, relaxed } from "./jsonpath.ts";

export function sortObjects(
  objects: readonly KubeObject[],
  sortBy: string,
): { objects: KubeObject[] } | { error: string } {
  try {
    parseJsonPath(relaxed(sortBy));
  } catch (error) {
    if (error instanceof JsonPathError) return { error: error.message };
    throw error;
  }
  const keyed = objects.map((object) => ({ object, key: evaluatePath(sortBy, object)[0] }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return { objects: keyed.map((k) => k.object) };
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = typeof a === "object" ? JSON.stringify(a) : String(a);
  const sb = typeof b === "object" ? JSON.stringify(b) : String(b);
  const qa = parseQuantity(sa);
  const qb = parseQuantity(sb);
  if (qa !== undefined && qb !== undefined) return qa - qb;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const SUFFIXES: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** Resource quantities (`1Gi`, `500m`) sort by value, as kubectl compares them. */
function parseQuantity(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(text);
  if (!match || match[2] === undefined) return undefined;
  return Number(match[1]) * SUFFIXES[match[2]]!;
}
