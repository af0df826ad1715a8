/**
 * The hashes controllers put into names and labels (workloads.md §1, §3.3):
 * - pod-template-hash: FNV-32a over the Deployment's pod template (controller_utils.go ComputeHash),
 *   then the collision count as 8 little-endian bytes. Go hashes a deep print of the struct, which
 *   we cannot reproduce, so we hash its canonical JSON: the same shape and stability, not the bytes.
 * - controller-revision-hash: FNV-32 (FNV-1, not 1a) over the revision's raw JSON data, then the
 *   collision count as decimal text (history.HashControllerRevision). This one is byte-exact.
 * Both print the 32-bit sum in decimal and pass each digit through SafeEncodeString.
 */

const FNV_OFFSET_32 = 0x811c9dc5;
const FNV_PRIME_32 = 0x01000193;

/** apimachinery's rand alphabet, indexed by character code modulo 27. */
const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** FNV-1 32-bit: multiply, then xor. */
export function fnv32(bytes: Uint8Array, seed: number = FNV_OFFSET_32): number {
  let hash = seed >>> 0;
  for (const byte of bytes) hash = (Math.imul(hash, FNV_PRIME_32) ^ byte) >>> 0;
  return hash;
}

/** FNV-1a 32-bit: xor, then multiply. */
export function fnv32a(bytes: Uint8Array, seed: number = FNV_OFFSET_32): number {
  let hash = seed >>> 0;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME_32) >>> 0;
  return hash;
}

/** rand.SafeEncodeString: maps every character onto the vowel-free, look-alike-free alphabet. */
export function safeEncodeString(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/**
 * JSON as Go's encoding/json writes a map[string]interface{}: keys sorted at every level, no
 * spaces, and <, >, &, U+2028 and U+2029 escaped (Go's HTML-safe default).
 */
export function goJson(value: unknown): string {
  if (value === null || typeof value !== "object") return goString(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  const object = value as Record<string, unknown>;
  // Go sorts map keys by their UTF-8 bytes; for the BMP that is code-unit order. (JSON.stringify
  // of a sorted object would not do: it puts integer-like keys such as "10" and "2" first.)
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${goString(k)}:${goJson(object[k])}`).join(",")}}`;
}

/** A scalar as encoding/json writes it: HTML-safe escaping of <, >, & and the line separators. */
function goString(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The `pod-template-hash` label value for a Deployment's template. */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(utf8(goJson(template ?? {})));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}

/** The hash in a ControllerRevision's name and `controller.kubernetes.io/hash` label. */
export function hashControllerRevision(rawData: string, probe?: number): string {
  let hash = fnv32(utf8(rawData));
  if (probe !== undefined) hash = fnv32(utf8(String(probe)), hash);
  return safeEncodeString(String(hash));
}
