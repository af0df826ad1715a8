/**
 * Storage sizes as resource.Quantity writes them (`1Gi`, `500Mi`, `2G`, `1.5Gi`, `1e3`), turned
 * into bytes so that the binder can compare a claim's request with a volume's capacity.
 * Only the suffixes a storage size can carry; CPU's `m` is accepted for completeness.
 */
const SUFFIXES: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[mkMGTPE]))?$/;

/** The value of a quantity in base units, or undefined when it does not parse. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  if (match[2]) return number * 10 ** Number(match[2].slice(1));
  return number * (SUFFIXES[match[3] ?? ""] ?? 1);
}

/** The `storage` entry of a requests or capacity map, in bytes (0 when missing or unparsable). */
export function storageBytes(resources: Record<string, unknown> | undefined): number {
  return parseQuantity(resources?.storage) ?? 0;
}
