/** Timestamp formats that image processes write into their logs (all in UTC, as in a container). */

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** nginx error-log time: `2026/01/01 00:00:00`. */
export function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Apache error-log time: `Thu Jan 01 00:00:00.123456 2026`. */
export function apacheTime(ms: number): string {
  const d = new Date(ms);
  const micros = `${pad(d.getUTCMilliseconds(), 3)}000`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micros} ${d.getUTCFullYear()}`;
}

/** Common Log Format time, as nginx's and Apache's access logs write it: `01/Jan/2026:00:00:00 +0000`. */
export function accessLogTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A stable, made-up `sha256:` digest for an image name (real digests change with every push anyway). */
export function stableDigest(name: string): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${name}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return `sha256:${out.slice(0, 64)}`;
}
