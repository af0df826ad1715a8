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

/**
 * `JSON.stringify(a) === JSON.stringify(b)`, without writing either out: the same keys in the
 * same order (keys whose value JSON leaves out are skipped), array holes and unserializable
 * elements as null, non-finite numbers as null. Controllers compare what they would write with
 * what is stored this way (order matters there: a reordered list is a write), for every claim and
 * every endpoint of every sync. Anything but plain objects and arrays (a Date's toJSON, a Map)
 * is compared by its JSON text, as before.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return sameJsonValue(jsonSlot(a, TOP), jsonSlot(b, TOP));
}

const TOP = 0;
const IN_ARRAY = 1;
const IN_OBJECT = 2;
/** A property JSON leaves out. */
const OMITTED = Symbol("omitted");

/** What a value stands for in JSON text at its place (TOP, IN_ARRAY or IN_OBJECT). */
function jsonSlot(value: unknown, slot: number): unknown {
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return slot === IN_ARRAY ? null : slot === IN_OBJECT ? OMITTED : undefined;
    case "number":
      return Number.isFinite(value) ? value : null;
    default:
      return value;
  }
}

function isPlainJson(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isPlainJson(a) || !isPlainJson(b)) {
    const objects = (typeof a === "object" && a !== null) || (typeof b === "object" && b !== null);
    return objects && JSON.stringify(a) === JSON.stringify(b);
  }
  const isArray = Array.isArray(a);
  if (isArray !== Array.isArray(b)) return false;
  if (isArray) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) {
      if (!sameJsonValue(jsonSlot(aa[i], IN_ARRAY), jsonSlot(bb[i], IN_ARRAY))) return false;
    }
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  const bk = Object.keys(bo);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ak.length && jsonSlot(ao[ak[i]!], IN_OBJECT) === OMITTED) i++;
    while (j < bk.length && jsonSlot(bo[bk[j]!], IN_OBJECT) === OMITTED) j++;
    if (i === ak.length || j === bk.length) return i === ak.length && j === bk.length;
    if (ak[i] !== bk[j]) return false;
    if (!sameJsonValue(jsonSlot(ao[ak[i]!], IN_OBJECT), jsonSlot(bo[bk[j]!], IN_OBJECT))) return false;
    i++;
    j++;
  }
}
