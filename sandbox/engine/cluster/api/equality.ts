/** Semantic equality of JSON-like values: key order does not matter, as for Go's DeepEqual on structs. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, undefined);
}

/**
 * deepEqual of two objects apart from one top-level key, e.g. two versions of an object apart from
 * metadata.resourceVersion, without copying either to leave the key out.
 */
export function deepEqualExcept(a: object, b: object, skip: string): boolean {
  return equal(a, b, skip);
}

/**
 * Keys whose value is undefined count as absent. Walks the values in place: every API write and
 * every kubelet status check compares, so no key arrays are built (for…in over the JSON-like
 * objects the API holds visits exactly their own keys).
 */
function equal(a: unknown, b: unknown, skip: string | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    // NaN equals itself here (as JSON text would have it), so a NaN can never make a write loop.
    return typeof a === "number" && Number.isNaN(a) && Number.isNaN(b);
  }
  const isArray = Array.isArray(a);
  if (isArray !== Array.isArray(b)) return false;
  if (isArray) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], bb[i], undefined)) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let count = 0;
  for (const key in ao) {
    const value = ao[key];
    if (value === undefined || key === skip) continue;
    if (!equal(value, bo[key], undefined)) return false;
    count++;
  }
  for (const key in bo) if (bo[key] !== undefined && key !== skip) count--;
  return count === 0;
}
