/**
 * The API server copies every object it is given, so that neither the caller nor the store can
 * change the other's copy. Objects are JSON-like (plain objects, arrays, primitives), and copying
 * them by hand is several times faster than structuredClone for the many small writes a big
 * StatefulSet makes. Anything else keeps structuredClone's exact behaviour: a value that is not a
 * plain object or array, or nesting deep enough to be a cycle, is handed to it instead.
 */

/** Deeper than any Kubernetes object; past it the value may be cyclic (YAML aliases can make one). */
const MAX_DEPTH = 200;

class NotPlain extends Error {}

export function cloneJson<T>(value: T): T {
  try {
    return copy(value, 0) as T;
  } catch (error) {
    if (error instanceof NotPlain) return structuredClone(value);
    throw error;
  }
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) {
    if (typeof value === "function" || typeof value === "symbol") throw new NotPlain();
    return value;
  }
  if (depth > MAX_DEPTH) throw new NotPlain();
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new NotPlain(); // a sparse array keeps its holes
      out[i] = copy(value[i], depth + 1);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new NotPlain();
  const out: Record<string, unknown> = {};
  // for…in visits a plain object's own keys in Object.keys order (its prototype is Object's or
  // none), without building the key array for every level of every object copied.
  for (const key in value) {
    const item = copy((value as Record<string, unknown>)[key], depth + 1);
    // An own "__proto__" key stays a key (plain assignment would set the prototype).
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out;
}
