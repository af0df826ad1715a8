/**
 * Resource quantities as the API server stores them: resource.Quantity serialises in canonical
 * form, so `cpu: 0.5` reads back as `500m`, `1000m` as `1`, `1.5Gi` as `1536Mi`, `1000` as `1k`,
 * and a number in YAML (`cpu: 1`) as the string "1". Exact arithmetic (BigInt), as Quantity's
 * inf.Dec is; precision below a nano unit rounds up, as the API does.
 */

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;
const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const DECIMAL_SUFFIXES: Record<number, string> = Object.fromEntries(
  Object.entries(DECIMAL_EXPONENTS).map(([suffix, exp]) => [exp, suffix]),
);
const BINARY = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

const TEN = 10n;
const pow = (base: bigint, exp: number): bigint => base ** BigInt(exp);

/** Canonical texts by the text given: a big set's every pod and claim brings the same few. */
const canonicalByText = new Map<string, string | undefined>();

/** The canonical text of a quantity, or undefined when `value` is not one (left for validation). */
export function canonicalQuantity(value: string | number): string | undefined {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  const known = canonicalByText.get(text);
  if (known !== undefined || canonicalByText.has(text)) return known;
  const result = canonicalText(text);
  // Learners write few distinct quantities; a fuzzer writes many, and the table starts again.
  if (canonicalByText.size >= 1000) canonicalByText.clear();
  canonicalByText.set(text, result);
  return result;
}

function canonicalText(text: string): string | undefined {
  const match = QUANTITY.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const [, sign, whole, fraction = "", exponent, suffix = ""] = match;
  const digits = BigInt(`${whole}${fraction}` || "0");
  const negative = sign === "-" && digits !== 0n;
  if (digits === 0n) return "0";
  const scale = fraction.length;
  if (BINARY.includes(suffix) && suffix !== "") {
    const bytes = digits * pow(1024n, BINARY.indexOf(suffix));
    const divisor = pow(TEN, scale);
    if (bytes % divisor === 0n && bytes / divisor >= 1024n) {
      let v = bytes / divisor;
      let unit = 0;
      while (unit < BINARY.length - 1 && v % 1024n === 0n) {
        v /= 1024n;
        unit++;
      }
      return `${negative ? "-" : ""}${v}${BINARY[unit]}`;
    }
    // Not a whole number of bytes, or under 1Ki: written in decimal SI.
    return decimal(bytes, -scale, negative, false);
  }
  const exp = exponent ? Number(exponent.slice(1)) : (DECIMAL_EXPONENTS[suffix] ?? 0);
  return decimal(digits, exp - scale, negative, exponent !== undefined);
}

/** digits × 10^exp with the largest exponent that is a multiple of 3 and keeps an integer mantissa. */
function decimal(digits: bigint, exp: number, negative: boolean, exponentForm: boolean): string {
  let d = digits;
  let e = exp;
  while (d % TEN === 0n && d !== 0n) {
    d /= TEN;
    e++;
  }
  if (e < -9) {
    // Round up to a whole nano unit.
    const divisor = pow(TEN, -9 - e);
    d = (d + divisor - 1n) / divisor;
    e = -9;
  }
  let e3 = Math.floor(e / 3) * 3;
  if (!exponentForm && e3 > 18) e3 = 18;
  const mantissa = d * pow(TEN, e - e3);
  const sign = negative ? "-" : "";
  if (exponentForm) return e3 === 0 ? `${sign}${mantissa}` : `${sign}${mantissa}e${e3}`;
  return `${sign}${mantissa}${DECIMAL_SUFFIXES[e3] ?? ""}`;
}

type Obj = Record<string, unknown>;

function canonicalizeList(list: unknown): void {
  if (!list || typeof list !== "object" || Array.isArray(list)) return;
  const map = list as Obj;
  for (const name in map) {
    const value = map[name];
    if (typeof value !== "string" && typeof value !== "number") continue;
    const canonical = canonicalQuantity(value);
    // Written only when it changes: an owned update's spec may be the stored object's own.
    if (canonical !== undefined && canonical !== value) map[name] = canonical;
  }
}

/**
 * Rewrites every quantity map an object carries in canonical form: `resources.requests/limits`
 * anywhere (containers, claims, claim templates), `capacity` and `allocatable` maps, a
 * ResourceQuota's `hard`, an emptyDir's `sizeLimit`.
 */
export function canonicalizeQuantities(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) canonicalizeQuantities(item);
    return;
  }
  if (!value || typeof value !== "object") return;
  const object = value as Obj;
  // for…in rather than Object.entries: this walks every spec written, and must not allocate.
  for (const key in object) {
    const child = object[key];
    if (key === "metadata" || key === "data" || key === "stringData") continue;
    if (key === "resources" && child && typeof child === "object" && !Array.isArray(child)) {
      canonicalizeList((child as Obj).requests);
      canonicalizeList((child as Obj).limits);
    } else if (key === "capacity" || key === "allocatable" || key === "hard") {
      canonicalizeList(child);
    } else if (key === "sizeLimit" && (typeof child === "string" || typeof child === "number")) {
      const canonical = canonicalQuantity(child);
      if (canonical !== undefined && canonical !== child) object[key] = canonical;
    }
    canonicalizeQuantities(child);
  }
}
