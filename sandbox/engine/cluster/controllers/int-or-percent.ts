/**
 * intstr.GetScaledValueFromIntOrPercent: an integer is taken as is; "25%" is a percentage of
 * `total`, rounded up or down as the caller says (maxSurge rounds up, maxUnavailable down).
 */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number.parseInt(value, 10) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
