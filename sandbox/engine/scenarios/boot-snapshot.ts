/**
 * Boot snapshots: a scenario booted once, when the site is built, instead of in every browser.
 *
 * Booting a scenario runs the controllers through kind's five simulated minutes of start-up
 * (createScenarioCluster), about 190 ms of a cold engine's start. The build boots each scenario
 * with seed BOOT_SEED at BOOT_BASE_MS and saves it (src/vite/boot-snapshots.mjs); the engine
 * worker then moves the saved sandbox from BOOT_BASE_MS to the page's start time and restores it.
 *
 * The engine is deterministic and nothing in a boot depends on the calendar, so a boot at t is a
 * boot at BOOT_BASE_MS with every time in it moved by t - BOOT_BASE_MS. "Every time" is what a
 * boot writes, in the formats it writes them (tests/engine/scenarios/boot-snapshot.test.ts
 * checks, for every scenario and random start times, that the moved snapshot is byte for byte
 * the snapshot of a live boot at t, so a format added later that this file does not know fails
 * there):
 * - epoch milliseconds (clock, wake-ups, history, kubelet and scheduler state, file mtimes);
 * - RFC 3339 timestamps, `2026-01-01T00:00:00Z`, with or without a fraction (objects' times);
 * - UnixNano in hex, alone (the `event-clock` state part) or after a dot (Event names,
 *   `coredns-67d588c448-bx4zq.1886720c14954800`);
 * - nginx's log time, `2026/01/01 00:00:00`, inside log lines.
 * Only values that fall within the boot (from the cluster's creation to a day after the base) are
 * moved: a date baked into an image or a manifest stays as it is.
 *
 * Only the build's own snapshots of our own scenarios are moved, never a learner's data, so they
 * are restored without the checks hostile input needs (`createSandbox({ bootSnapshot })`, through
 * restoreCluster's `trusted` option): 12 ms cold instead of 35 in Node.
 */
import { DEFAULT_START_MS } from "../clock.ts";
import { KIND_AGE_MS } from "../cluster/nodes/kind-cluster.ts";
import { BOOT_SEED } from "./boot-seed.ts";

/** The instant the build boots every scenario at: a whole second, the engine's default start. */
export const BOOT_BASE_MS = DEFAULT_START_MS;

/**
 * The start times a boot snapshot can be moved to: whole seconds (a fraction would show in RFC
 * 3339 times that the boot writes without one) from 1971 to 9998, where every format above keeps
 * its shape and no wake-up falls past the end of simulated time (clock.ts).
 */
export const FIRST_START_MS = Date.UTC(1971, 0, 1);
export const LAST_START_MS = Date.UTC(9998, 11, 31);
/** How far past its base a boot snapshot may hold times (pending wake-ups). */
const HORIZON_MS = 24 * 60 * 60 * 1000;

/** Whether a boot snapshot can stand in for a live boot with this seed and start time. */
export function bootSnapshotFits(seed: number, startMs: number): boolean {
  return (
    seed === BOOT_SEED &&
    Number.isInteger(startMs) &&
    startMs % 1000 === 0 &&
    startMs >= FIRST_START_MS &&
    startMs <= LAST_START_MS
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Moves every time a boot wrote in `json` (a boot snapshot's JSON text) from the instant it was
 * saved at to `startMs`; returns the moved text. One pass of one regular expression over the
 * text: a cold worker does this in about 5 ms, where walking the parsed snapshot took twice as
 * long.
 */
export function shiftBootSnapshot(json: string, startMs: number): string {
  const saved = /"clock":\{"now":(\d+)[,}]/.exec(json);
  if (!saved) throw new Error("not a boot snapshot: no clock");
  const base = Number(saved[1]);
  const delta = startMs - base;
  if (delta === 0) return json;
  const from = base - KIND_AGE_MS;
  const to = base + HORIZON_MS;
  const within = (ms: number) => ms >= from && ms <= to;
  const fromNs = BigInt(from) * 1_000_000n;
  // A millisecond's worth of room: events recorded at one instant count up in nanoseconds.
  const toNs = BigInt(to + 1) * 1_000_000n;
  const deltaNs = BigInt(delta) * 1_000_000n;
  const utc = (y: string, mo: string, d: string, h: string, mi: string, s: string) =>
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Every time within the boot has as many digits as the base (a power of ten is years away).
  const digits = String(base).length;
  const times = new RegExp(
    [
      // RFC 3339, as a whole JSON string; the fraction, whatever its precision, stays as it is.
      /"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z"/.source,
      // Epoch milliseconds: a JSON number of the base's width, after a key or in a list.
      `(?<=[:,[])(\\d{${digits}})(?=[,}\\]])`,
      // UnixNano in hex: a whole string (the event clock) or a name's suffix after a dot.
      /(?<=[".])([0-9a-f]{13,20})"/.source,
      // nginx's log time, inside a log line.
      /(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)/.source,
    ].join("|"),
    "g",
  );
  // A boot writes few distinct times many times over (594 matches, 50 distinct in `default`).
  const moved = new Map<string, string>();
  return json.replace(times, (found: string, ...m: (string | undefined)[]) => {
    let to = moved.get(found);
    if (to === undefined) {
      to = move(found, m);
      moved.set(found, to);
    }
    return to;
  });

  function move(found: string, m: (string | undefined)[]): string {
    if (m[0] !== undefined) {
      const ms = utc(m[0], m[1]!, m[2]!, m[3]!, m[4]!, m[5]!);
      if (!within(ms)) return found;
      return `"${new Date(ms + delta).toISOString().slice(0, 19)}${m[6] ?? ""}Z"`;
    }
    if (m[7] !== undefined) {
      const ms = Number(m[7]);
      return within(ms) ? String(ms + delta) : found;
    }
    if (m[8] !== undefined) {
      const ns = BigInt(`0x${m[8]}`);
      return ns >= fromNs && ns <= toNs ? `${(ns + deltaNs).toString(16)}"` : found;
    }
    const ms = utc(m[9]!, m[10]!, m[11]!, m[12]!, m[13]!, m[14]!);
    if (!within(ms)) return found;
    const t = new Date(ms + delta);
    return `${pad(t.getUTCFullYear(), 4)}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  }
}
