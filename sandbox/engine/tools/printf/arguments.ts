/**
 * How bash's printf reads a number from an argument (getintmax, getuintmax, getfloatmax): C's
 * strtoimax / strtoumax with base 0 and strtold, a leading quote giving the next character's
 * code, and bash's own messages when the argument does not end where the number does.
 */
import { type LongDouble, parseLongDouble } from "./long-double.ts";

export interface ReadNumber<T> {
  value: T;
  /** "invalid number" and its octal and hex variants, when characters follow the number. */
  error?: string;
  /** Past the type's range: bash warns, and the value is clamped. */
  outOfRange: boolean;
}

const INT_MAX = (1n << 63n) - 1n;
const INT_MIN = -(1n << 63n);
const UINT_MAX = (1n << 64n) - 1n;

/** bash's sh_invalidnum: the message depends on how the argument starts. */
function invalidNumber(arg: string): string {
  if (arg[0] === "0" && /\d/.test(arg[1] ?? "")) return "invalid octal number";
  if (arg[0] === "0" && arg[1] === "x") return "invalid hex number";
  return "invalid number";
}

/** The character after a leading quote, as its code point: `'A` is 65. */
function quotedCharacter(arg: string): bigint | undefined {
  if (arg[0] !== "'" && arg[0] !== '"') return undefined;
  return BigInt(arg.codePointAt(1) ?? 0);
}

/** An integer argument for %d and %i (signed) or %o, %u, %x and %X (unsigned, -1 wraps to 2^64-1). */
export function readInteger(arg: string, unsigned: boolean): ReadNumber<bigint> {
  const quoted = quotedCharacter(arg);
  if (quoted !== undefined) return { value: quoted, outOfRange: false };
  if (arg === "") return { value: 0n, outOfRange: false };
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9]\d*))/.exec(arg);
  if (!m) return { value: 0n, error: invalidNumber(arg), outOfRange: false };
  const [whole, sign, hex, octal, decimal] = m;
  let value =
    hex !== undefined ? BigInt(`0x${hex}`) : octal !== undefined ? BigInt(`0o${octal}`) : BigInt(decimal!);
  let outOfRange = false;
  if (unsigned) {
    if (value > UINT_MAX) [value, outOfRange] = [UINT_MAX, true];
    else if (sign === "-") value = (UINT_MAX + 1n - value) % (UINT_MAX + 1n);
  } else {
    if (sign === "-") value = -value;
    if (value > INT_MAX) [value, outOfRange] = [INT_MAX, true];
    else if (value < INT_MIN) [value, outOfRange] = [INT_MIN, true];
  }
  const error = whole.length < arg.length ? invalidNumber(arg) : undefined;
  return error === undefined ? { value, outOfRange } : { value, error, outOfRange };
}

/** A floating-point argument for %f, %e, %g and %a, as strtold reads it. */
export function readFloat(arg: string): ReadNumber<LongDouble> {
  const quoted = quotedCharacter(arg);
  if (quoted !== undefined) return readFloat(String(quoted));
  if (arg === "") return readFloat("0");
  const { value, end, outOfRange } = parseLongDouble(arg);
  return end < arg.length ? { value, error: invalidNumber(arg), outOfRange } : { value, outOfRange };
}
