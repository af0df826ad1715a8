/**
 * Boot snapshots (sandbox/engine/scenarios/boot-snapshot.ts): a scenario booted at BOOT_BASE_MS,
 * saved, and moved to another start time must be the sandbox a live boot at that time makes,
 * byte for byte. This is what makes it safe for the engine worker to start from the build's
 * snapshot instead of booting: a time format the shifter does not know fails here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox, makeBootSnapshot, type Sandbox } from "../../../sandbox/engine/index.ts";
import { BOOT_SEED } from "../../../sandbox/engine/scenarios/boot-seed.ts";
import {
  BOOT_BASE_MS,
  FIRST_START_MS,
  LAST_START_MS,
  shiftBootSnapshot,
} from "../../../sandbox/engine/scenarios/boot-snapshot.ts";
import { SCENARIOS, type ScenarioName } from "../../../sandbox/engine/scenarios/index.ts";
import { sh } from "../helpers.ts";

const scenarios = Object.keys(SCENARIOS) as ScenarioName[];
/** One boot snapshot per scenario, as the build makes them. */
const boots = new Map(scenarios.map((name) => [name, makeBootSnapshot(name)]));

const liveJson = (scenario: ScenarioName, startMs: number) =>
  JSON.stringify(createSandbox({ scenario, seed: BOOT_SEED, startMs }).save());

const SECOND = 1000;
/** Any whole second the shifter accepts, 1971 to 9998. */
const anyStart = fc
  .integer({ min: FIRST_START_MS / SECOND, max: LAST_START_MS / SECOND })
  .map((s) => s * SECOND);
/** Whole seconds in the years a learner's clock shows. */
const recentStart = fc
  .integer({ min: Date.UTC(2020, 0, 1) / SECOND, max: Date.UTC(2040, 0, 1) / SECOND })
  .map((s) => s * SECOND);
/**
 * A start within ten minutes after a midnight that begins a leap day, a March 1st or a year: the
 * boot's five minutes before it cross the day, the month or the year.
 */
const acrossMidnight = fc
  .record({
    year: fc.integer({ min: 1972, max: 9998 }),
    day: fc.constantFrom([1, 29], [2, 1], [0, 1], [11, 31]),
    second: fc.integer({ min: 0, max: 600 }),
  })
  .map(({ year, day: [month, date], second }) => Date.UTC(year, month!, date!) + second * SECOND)
  .filter((t) => t >= FIRST_START_MS && t <= LAST_START_MS);
const startTimes = fc.oneof(anyStart, recentStart, acrossMidnight);

/** Starts that once mattered: leap days, year ends, the Unix nanosecond's hex gaining a digit. */
const examples: [number][] = [
  [Date.UTC(2028, 1, 29, 0, 2, 0)],
  [Date.UTC(2000, 0, 1, 0, 0, 1)],
  [Date.UTC(1971, 0, 1)],
  [LAST_START_MS],
  [Date.UTC(2262, 3, 12)],
  [Date.UTC(2100, 2, 1, 0, 4, 59)],
];

describe("boot snapshots move in time exactly", () => {
  for (const scenario of scenarios) {
    it(`${scenario}: the snapshot moved to t is the save() of a live boot at t, and so is the sandbox started from it`, () => {
      const boot = boots.get(scenario)!;
      fc.assert(
        fc.property(startTimes, (t) => {
          const live = liveJson(scenario, t);
          expect(shiftBootSnapshot(boot, t)).toBe(live);
          const started = createSandbox({ scenario, seed: BOOT_SEED, startMs: t, bootSnapshot: boot });
          expect(JSON.stringify(started.save())).toBe(live);
        }),
        { numRuns: 16, examples },
      );
    });
  }

  it("the build's snapshot is a boot at BOOT_BASE_MS with seed 1, and moving it there changes nothing", () => {
    const boot = boots.get("default")!;
    expect(boot).toBe(liveJson("default", BOOT_BASE_MS));
    expect(JSON.parse(boot).cluster.clock.now).toBe(BOOT_BASE_MS);
    expect(shiftBootSnapshot(boot, BOOT_BASE_MS)).toBe(boot);
  });

  it("a time in a format the shifter does not know makes the moved snapshot differ from a live boot", async () => {
    // `date` prints "Thu Jan  1 00:00:00 UTC 2026", which no boot writes: an annotation holding it
    // stands in for a scenario that would. The comparison above must see it.
    const t = Date.UTC(2031, 5, 7, 8, 9, 10);
    const annotate = 'kubectl annotate node kind-control-plane booted="$(date)"';
    const atBase = createSandbox({ scenario: "default", seed: BOOT_SEED, startMs: BOOT_BASE_MS });
    const atT = createSandbox({ scenario: "default", seed: BOOT_SEED, startMs: t });
    expect((await sh(atBase, annotate)).status).toBe(0);
    expect((await sh(atT, annotate)).status).toBe(0);
    const moved = shiftBootSnapshot(JSON.stringify(atBase.save()), t);
    const live = JSON.stringify(atT.save());
    expect(moved).not.toBe(live);
    // …and only that annotation differs: drop it from both and they agree.
    const withoutDate = (json: string) => json.replace(/"booted":"[^"]*"/, '"booted":""');
    expect(withoutDate(moved)).toBe(withoutDate(live));
  });
});

/** What a learner would look at first, then again after time has passed. */
const LOOKS = [
  "kubectl get pods -A -o wide",
  "kubectl get events -A",
  "kubectl get events -A -o yaml",
  "kubectl describe nodes",
  "kubectl get nodes,pvc,pv -A",
  "date",
];

async function session(sandbox: Sandbox, extra: readonly string[]): Promise<string[]> {
  const lines = [...LOOKS, ...extra, "sleep 97", ...LOOKS, ...extra, "sleep 3600", ...LOOKS];
  const out: string[] = [];
  for (const line of lines) {
    const { stdout, stderr, status } = await sh(sandbox, line);
    out.push(`$ ${line}\n${stdout}${stderr}[${status}]`);
  }
  out.push(JSON.stringify(sandbox.save()));
  return out;
}

describe("a sandbox started from a moved boot snapshot", () => {
  const cases: [ScenarioName, string[]][] = [
    ["default", []],
    ["multi-node", ["docker stop kind-worker2", "kubectl get nodes"]],
    ["web-statefulset", ["kubectl logs web-0", "kubectl describe pod web-1"]],
    ["broken-orders", ["kubectl describe pod orders-0", "kubectl get events"]],
  ];
  for (const [scenario, extra] of cases) {
    it(`${scenario}: answers as the live-booted one does, now and after time passes`, async () => {
      await fc.assert(
        fc.asyncProperty(startTimes, async (t) => {
          const live = createSandbox({ scenario, seed: BOOT_SEED, startMs: t, timeMode: "instant" });
          const started = createSandbox({
            scenario,
            seed: BOOT_SEED,
            startMs: t,
            timeMode: "instant",
            bootSnapshot: boots.get(scenario)!,
          });
          expect(await session(started, extra)).toEqual(await session(live, extra));
        }),
        { numRuns: 2, examples: [[Date.UTC(2028, 1, 29, 0, 2, 0)]] },
      );
    });
  }
});

describe("a boot snapshot that does not fit is not used", () => {
  const boot = boots.get("default")!;
  const t = Date.UTC(2027, 4, 6, 7, 8, 9);

  it("another seed, a start time with a fraction of a second or out of range, another scenario: a live boot", () => {
    const fresh = (options: { scenario?: ScenarioName; seed?: number; startMs: number }) => [
      JSON.stringify(createSandbox({ ...options, bootSnapshot: boot }).save()),
      JSON.stringify(createSandbox(options).save()),
    ];
    for (const options of [
      { seed: 2, startMs: t },
      { startMs: t + 500 },
      { startMs: Date.UTC(1970, 0, 1, 12) },
      { scenario: "multi-node" as const, startMs: t },
    ]) {
      const [withBoot, live] = fresh(options);
      expect(withBoot).toBe(live);
    }
    // The defaults (seed 1, 2026-01-01) are the build's own: the snapshot is used as it is.
    expect(JSON.stringify(createSandbox({ bootSnapshot: boot }).save())).toBe(boot);
  });
});
