/**
 * The first line of defence for snapshots that come from outside (IndexedDB, an imported file,
 * a share link): before any field is read, the value must be plain JSON data of bounded size
 * and depth. A `__proto__` key is data like any other (a ConfigMap may hold one: keys match
 * [-._a-zA-Z0-9]+): JSON.parse and structured cloning make it an own property, and everything
 * that copies restored data (cloneJson, spreads, Maps, FileTree) keeps it one, so it can never
 * become an object's prototype. Every problem is a SnapshotError with a message a learner can be shown.
 */

/** The one error restoring a snapshot throws, whatever is wrong with it. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotError";
  }
}

/** How many characters of JSON a snapshot may take (strings, keys and numbers counted). */
export const MAX_SNAPSHOT_CHARS = 64 * 1024 * 1024;
/** Nesting deeper than any object the engine writes (deep file trees included). */
const MAX_DEPTH = 256;

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new SnapshotError(message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Walks `value` without recursion (hostile nesting cannot overflow the stack) and refuses
 * anything that JSON.stringify → JSON.parse would not give back unchanged.
 */
export function guardJson(value: unknown, what: string): void {
  let chars = 0;
  // Two parallel stacks rather than one of {value, depth} records: no allocation per value.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v === "string") chars += v.length + 2;
    else if (typeof v === "number") {
      check(Number.isFinite(v), `the ${what} holds a number JSON cannot carry`);
      chars += 8;
    } else if (v === null || typeof v === "boolean") chars += 5;
    else if (Array.isArray(v)) {
      check(depth < MAX_DEPTH, `the ${what} is nested too deeply`);
      chars += v.length + 2;
      for (let i = v.length - 1; i >= 0; i--) {
        check(i in v, `the ${what} has a hole in a list`);
        values.push(v[i]);
        depths.push(depth + 1);
      }
    } else if (typeof v === "object") {
      check(depth < MAX_DEPTH, `the ${what} is nested too deeply`);
      const proto = Object.getPrototypeOf(v);
      check(
        proto === Object.prototype || proto === null,
        `the ${what} holds something that is not JSON data`,
      );
      for (const key of Object.keys(v)) {
        chars += key.length + 4;
        values.push((v as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    } else {
      throw new SnapshotError(`the ${what} holds something that is not JSON data (${typeof v})`);
    }
    if (chars > MAX_SNAPSHOT_CHARS) {
      throw new SnapshotError(`the ${what} is too large (over ${MAX_SNAPSHOT_CHARS / 1024 / 1024} MiB)`);
    }
  }
}
