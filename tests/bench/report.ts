/**
 * How every benchmark reports: a table of medians on stdout and, when `npm run bench` runs it
 * (BENCH_RESULTS names a file), one JSON line per result appended to that file, which run.ts
 * gathers into bench-results/bench.json. One result is `{ name, unit, median, runs, budget? }`;
 * scripts/check-timings.ts compares those with a budget against budgets.json.
 */
import { appendFileSync } from "node:fs";

export interface Result {
  /** What was measured, e.g. "statefulset 1,000 replicas parallel, apply → all Ready". */
  name: string;
  unit: "ms" | "KB" | "ratio";
  median: number;
  /** How many measurements the median is over. */
  runs: number;
  /** The budget in budgets.json this figure is held to, as a path: "timings.readyToFirstGetPodsMs". */
  budget?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Prints the results as an aligned table and hands them to run.ts. */
export function report(results: readonly Result[]): void {
  const rows = [
    ["what", "median", "unit", "runs"],
    ...results.map((r) => [r.name, formatted(r.median), r.unit, String(r.runs)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    );
  }
  const file = process.env.BENCH_RESULTS;
  if (file) for (const r of results) appendFileSync(file, `${JSON.stringify(r)}\n`);
}

const formatted = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
