import type { Tool } from "../shell/interpreter.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, width = 2, fill = "0") => String(n).padStart(width, fill);

/** The few strftime conversions learners use, in UTC (containers and kind nodes run in UTC). */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const fields: Record<string, string> = {
    a: DAYS[d.getUTCDay()]!,
    b: MONTHS[d.getUTCMonth()]!,
    d: pad(d.getUTCDate()),
    e: pad(d.getUTCDate(), 2, " "),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    Z: "UTC",
    z: "+0000",
    s: String(Math.floor(ms / 1000)),
    T: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    F: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    N: pad(d.getUTCMilliseconds() * 1_000_000, 9),
    "%": "%",
  };
  return format.replace(/%(.)/g, (whole, c: string) => fields[c] ?? whole);
}

/** `date [-u] [+FORMAT]` on the simulated clock: `Thu Jan  1 00:00:00 UTC 2026`. */
export const date: Tool = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== "-u" && a !== "--utc");
  const format = args.find((a) => a.startsWith("+"));
  const unknown = args.find((a) => !a.startsWith("+"));
  if (unknown !== undefined) {
    ctx.stderr(`date: invalid date '${unknown}'\n`);
    return 1;
  }
  ctx.stdout(`${strftime(format ? format.slice(1) : "%a %b %e %H:%M:%S %Z %Y", ctx.shell.now())}\n`);
  return 0;
};
