/**
 * The speed check: reads the figures `npm run bench` saved (bench-results/bench.json) and holds
 * each one that names a budget (`budget: "timings.readyToFirstGetPodsMs"`) to budgets.json, prints
 * a table and exits non-zero when a figure is over its budget or no budgeted figure was saved.
 *
 *   npm run bench && npm run check:timings
 *
 * It is not part of `npm test`: the figures are medians of real runs (the built site in Chromium,
 * the engine in Node) and depend on the machine, so they are measured on purpose, on a machine
 * left quiet, never asserted in tests. Sizes are checked on every `npm test` by check-budgets.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface Saved {
  name: string;
  unit: string;
  median: number;
  runs: number;
  budget?: string;
}

export interface Verdict {
  name: string;
  figure: string;
  budget: string;
  within: boolean;
}

/** The value at a dotted path of budgets.json ("timings.readyToFirstGetPodsMs"), if a number. */
function budgetAt(budgets: unknown, path: string): number | undefined {
  let value: unknown = budgets;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "number" ? value : undefined;
}

/** Every saved figure that names a budget, against it. A budget path budgets.json lacks is an error. */
export function checkTimings(results: readonly Saved[], budgets: unknown): Verdict[] {
  return results
    .filter((r) => r.budget !== undefined)
    .map((r) => {
      const limit = budgetAt(budgets, r.budget!);
      if (limit === undefined) throw new Error(`${r.name}: budgets.json has no number at ${r.budget}`);
      return {
        name: r.name,
        figure: `${r.median.toFixed(r.unit === "ratio" ? 2 : 0)} ${r.unit}`,
        budget: `≤ ${limit} ${r.unit}`,
        within: r.median <= limit,
      };
    });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(import.meta.dirname, "..");
  const file = resolve(process.argv[2] ?? join(root, "bench-results/bench.json"));
  if (!existsSync(file)) {
    console.error(`no figures at ${file}: run \`npm run bench\` first`);
    process.exit(1);
  }
  const budgets = JSON.parse(readFileSync(join(root, "budgets.json"), "utf8"));
  const verdicts = checkTimings(JSON.parse(readFileSync(file, "utf8")), budgets);
  if (verdicts.length === 0) {
    console.error(
      `no figure in ${file} names a budget: run \`npm run bench\` (all of it, or site and statefulset-settle)`,
    );
    process.exit(1);
  }
  const rows = [
    ["what", "median", "budget", ""],
    ...verdicts.map((v) => [v.name, v.figure, v.budget, v.within ? "ok" : "OVER"]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  const over = verdicts.filter((v) => !v.within).length;
  if (over > 0) console.error(`\n${over} figure(s) over budget`);
  process.exitCode = over > 0 ? 1 : 0;
}
