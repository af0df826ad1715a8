/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in its own Node process, one after another.
 * Each prints its own table of medians (tests/bench/report.ts) and appends its results to a
 * shared file, gathered here into bench-results/bench.json: one array of `{ name, unit, median,
 * runs }`. Figures are printed and saved, never asserted. Name benchmarks to run only those;
 * numbers are handed to each benchmark run (the settle benchmark runs only those replica counts):
 *   npm run bench -- kubectl-get statefulset-settle
 *   npm run bench -- statefulset-settle 1000
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = new URL(".", import.meta.url);
const args = process.argv.slice(2);
const numeric = (arg: string) => /^\d+$/.test(arg);
const wanted = args.filter((arg) => !numeric(arg));
const passed = args.filter(numeric);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
const out = new URL("../../bench-results/", dir).pathname;
const lines = join(tmpdir(), `bench-${process.pid}.jsonl`);
rmSync(lines, { force: true });
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(
    process.execPath,
    ["--experimental-strip-types", "--no-warnings", "--expose-gc", new URL(file, dir).pathname, ...passed],
    { stdio: "inherit", env: { ...process.env, BENCH_RESULTS: lines } },
  );
  if (result.status !== 0) failed++;
}
let text = "";
try {
  text = readFileSync(lines, "utf8");
} catch {}
rmSync(lines, { force: true });
const results = text
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${results.length} results written to bench-results/bench.json`);
process.exitCode = failed > 0 ? 1 : 0;
