/**
 * Floating-point numbers as bash's printf holds them: strtold's x87 80-bit long double (a 64-bit
 * mantissa), printed by glibc exactly, rounding half to even. A JavaScript double would print
 * `%.20f` of 0.1 as 0.10000000000000000555 where bash prints 0.10000000000000000000, and round
 * `%.2f` of 0.125 up; so the value is kept as a BigInt mantissa and a binary exponent, and every
 * conversion is exact arithmetic on it.
 */

/** mantissa × 2^exponent, the mantissa 0 or within [2^63, 2^64) (smaller only below the normal range). */
export type LongDouble =
  | { kind: "finite"; negative: boolean; mantissa: bigint; exponent: number }
  | { kind: "inf" | "nan"; negative: boolean };

export interface ParsedLongDouble {
  value: LongDouble;
  /** How many characters strtold took (0: none, the value is 0). */
  end: number;
  /** Past the range (ERANGE): bash warns "Numerical result out of range". */
  outOfRange: boolean;
}

const MANTISSA_BITS = 64;
/** The least exponent of a long double's mantissa (2^-16445 is its smallest subnormal). */
const MIN_EXPONENT = -16445;
/** The largest finite long double is just under 2^16384. */
const MAX_BITS = 16384;

const bitLength = (n: bigint) => (n === 0n ? 0 : n.toString(2).length);

/** n / d rounded half to even, for d > 0. */
function roundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = (n % d) * 2n;
  return twice > d || (twice === d && q % 2n === 1n) ? q + 1n : q;
}

/** The long double nearest to num / den (both > 0), or infinity past the range. */
function nearest(negative: boolean, num: bigint, den: bigint): { value: LongDouble; outOfRange: boolean } {
  // 2^(e-1) <= num/den < 2^(e+1): scale so that the quotient has at least 65 bits, then round.
  const e = bitLength(num) - bitLength(den);
  let exponent = Math.max(e - MANTISSA_BITS - 1, MIN_EXPONENT);
  const scaled = (exp: number) =>
    exp >= 0 ? roundHalfEven(num, den << BigInt(exp)) : roundHalfEven(num << BigInt(-exp), den);
  let mantissa = scaled(exponent);
  // Round again from the value itself (not from the 65-bit quotient) to keep one rounding only.
  while (bitLength(mantissa) > MANTISSA_BITS) mantissa = scaled(++exponent);
  if (exponent + MANTISSA_BITS > MAX_BITS) return { value: { kind: "inf", negative }, outOfRange: true };
  const subnormal = bitLength(mantissa) < MANTISSA_BITS;
  return { value: { kind: "finite", negative, mantissa, exponent }, outOfRange: subnormal };
}

/** strtold: leading blanks, a sign, then inf/infinity, nan, a hex float (0x…p…) or a decimal. */
export function parseLongDouble(text: string): ParsedLongDouble {
  const zero = (negative: boolean): LongDouble => ({ kind: "finite", negative, mantissa: 0n, exponent: 0 });
  const none = { value: zero(false), end: 0, outOfRange: false };
  const m = /^[ \t\n\v\f\r]*([+-]?)/.exec(text)!;
  const negative = m[1] === "-";
  let i = m[0].length;
  const rest = text.slice(i);
  const word = /^(infinity|inf|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (word) {
    const kind = word[1]!.toLowerCase().startsWith("nan") ? "nan" : "inf";
    return { value: { kind, negative }, end: i + word[0].length, outOfRange: false };
  }
  const hex = /^0[xX](?:([0-9a-fA-F]+)\.?([0-9a-fA-F]*)|\.([0-9a-fA-F]+))(?:[pP]([+-]?\d+))?/.exec(rest);
  const decimal = /^(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?/.exec(rest);
  const match = hex ?? decimal;
  if (!match) return none;
  i += match[0].length;
  const whole = match[1] ?? "";
  const fraction = match[2] ?? match[3] ?? "";
  const digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return { value: zero(negative), end: i, outOfRange: false };
  // Exponents far past the range are clamped before any power is built from them.
  const written = Math.max(-1e6, Math.min(1e6, Number(match[4] ?? 0)));
  if (hex) {
    const exp = written - 4 * fraction.length;
    const bits = bitLength(BigInt(`0x${digits}`)) + exp;
    if (bits > MAX_BITS + 1) return { value: { kind: "inf", negative }, end: i, outOfRange: true };
    if (bits < MIN_EXPONENT - 1) return { value: zero(negative), end: i, outOfRange: true };
    const n = BigInt(`0x${digits}`);
    const { value, outOfRange } =
      exp >= 0 ? nearest(negative, n << BigInt(exp), 1n) : nearest(negative, n, 1n << BigInt(-exp));
    return { value, end: i, outOfRange };
  }
  const exp = written - fraction.length;
  // The value is below 10^order: a long double holds about 10^-4951 to 10^4932.
  const order = exp + digits.length;
  if (order > 4934) return { value: { kind: "inf", negative }, end: i, outOfRange: true };
  if (order < -4952) return { value: zero(negative), end: i, outOfRange: true };
  const n = BigInt(digits);
  const { value, outOfRange } =
    exp >= 0 ? nearest(negative, n * 10n ** BigInt(exp), 1n) : nearest(negative, n, 10n ** BigInt(-exp));
  return { value, end: i, outOfRange };
}

export interface FloatSpec {
  conversion: "f" | "F" | "e" | "E" | "g" | "G" | "a" | "A";
  precision: number | undefined;
  /** `#`: always a decimal point; %g keeps its trailing zeros. */
  alternate: boolean;
}

/**
 * The digits glibc prints for `value`'s magnitude under `spec` (no sign, no padding): `inf`,
 * `nan`, `3.140000`, `3.140000e+00`, `0xc.8fp-2`, upper-cased for F, E, G and A.
 */
export function formatLongDouble(value: LongDouble, spec: FloatSpec): string {
  const upper = spec.conversion === spec.conversion.toUpperCase();
  const text = value.kind === "finite" ? finiteDigits(value, spec) : value.kind;
  return upper ? text.toUpperCase() : text;
}

/**
 * A long double's exact decimal expansion ends within about 16,500 places after the point (and
 * holds at most about 11,500 significant digits): digits asked for past that are zeros, appended
 * rather than computed from powers of ten of millions of digits.
 */
const EXACT_DIGITS = 17_000;

function finiteDigits(v: Extract<LongDouble, { kind: "finite" }>, spec: FloatSpec): string {
  const conversion = spec.conversion.toLowerCase();
  if (conversion === "a") return hexDigits(v, spec);
  const precision = spec.precision ?? 6;
  const exact = Math.min(precision, EXACT_DIGITS);
  const zeros = "0".repeat(precision - exact);
  const padded = (text: string) => text.replace(/(?=e|$)/, zeros);
  if (conversion === "f") return padded(fixed(v, exact, spec.alternate));
  if (conversion === "e") return padded(scientific(v, exact, spec.alternate));
  // %g: P significant digits, in %e's style when the exponent is below -4 or not below P.
  const p = exact === 0 ? 1 : exact;
  const x = v.mantissa === 0n ? 0 : decimalExponent(v, p - 1);
  const text = x < -4 || x >= p ? scientific(v, p - 1, spec.alternate) : fixed(v, p - 1 - x, spec.alternate);
  return spec.alternate ? padded(text) : withoutTrailingZeros(text);
}

/** %g without `#`: no trailing zeros after the point, and no point left alone. */
function withoutTrailingZeros(text: string): string {
  const [digits, exponent] = text.split("e") as [string, string | undefined];
  if (!digits.includes(".")) return text;
  const kept = digits.replace(/0+$/, "").replace(/\.$/, "");
  return exponent === undefined ? kept : `${kept}e${exponent}`;
}

/** |v| × 10^power rounded half to even: exact, whatever the exponents. */
function scaledInteger(v: { mantissa: bigint; exponent: number }, power: number): bigint {
  let num = v.mantissa;
  let den = 1n;
  if (power >= 0) num *= 10n ** BigInt(power);
  else den = 10n ** BigInt(-power);
  if (v.exponent >= 0) num <<= BigInt(v.exponent);
  else den <<= BigInt(-v.exponent);
  return roundHalfEven(num, den);
}

function withPoint(digits: string, decimals: number, alternate: boolean): string {
  if (decimals === 0) return alternate ? `${digits}.` : digits;
  const padded = digits.padStart(decimals + 1, "0");
  return `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

function fixed(v: { mantissa: bigint; exponent: number }, precision: number, alternate: boolean): string {
  return withPoint(scaledInteger(v, precision).toString(), precision, alternate);
}

/** The exponent x of v printed with `decimals` digits after the point in %e: 10^d <= round(v / 10^(x-d)) < 10^(d+1). */
function decimalExponent(v: { mantissa: bigint; exponent: number }, decimals: number): number {
  const low = 10n ** BigInt(decimals);
  let x = Math.floor((bitLength(v.mantissa) + v.exponent - 1) * Math.LOG10E * Math.LN2);
  for (;;) {
    const q = scaledInteger(v, decimals - x);
    if (q >= low * 10n) x++;
    else if (q < low) x--;
    else return x;
  }
}

function scientific(
  v: { mantissa: bigint; exponent: number },
  precision: number,
  alternate: boolean,
): string {
  const x = v.mantissa === 0n ? 0 : decimalExponent(v, precision);
  const digits = v.mantissa === 0n ? "0".repeat(precision + 1) : scaledInteger(v, precision - x).toString();
  const mantissa = precision === 0 ? (alternate ? `${digits}.` : digits) : `${digits[0]}.${digits.slice(1)}`;
  return `${mantissa}e${x < 0 ? "-" : "+"}${String(Math.abs(x)).padStart(2, "0")}`;
}

/** %a as glibc prints a long double: the mantissa's first four bits before the point (8–f). */
function hexDigits(v: { mantissa: bigint; exponent: number }, spec: FloatSpec): string {
  if (v.mantissa === 0n) {
    const zeros = spec.precision ? `.${"0".repeat(spec.precision)}` : spec.alternate ? "." : "";
    return `0x0${zeros}p+0`;
  }
  let mantissa = v.mantissa;
  let exponent = v.exponent + 60;
  // Below the normal range the mantissa is shorter: shift it up, as glibc normalises it.
  while (mantissa < 1n << 63n) {
    mantissa <<= 1n;
    exponent--;
  }
  let fraction = mantissa.toString(16).slice(1);
  if (spec.precision === undefined) fraction = fraction.replace(/0+$/, "");
  else if (spec.precision < 15) {
    const dropped = BigInt(4 * (15 - spec.precision));
    mantissa = roundHalfEven(mantissa, 1n << dropped) << dropped;
    if (mantissa >= 1n << 64n) {
      mantissa >>= 4n;
      exponent += 4;
    }
    fraction = mantissa.toString(16).slice(1, 1 + spec.precision);
  } else fraction = fraction.padEnd(spec.precision, "0");
  const point = fraction !== "" || spec.alternate ? "." : "";
  const first = mantissa.toString(16)[0];
  return `0x${first}${point}${fraction}p${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
}
