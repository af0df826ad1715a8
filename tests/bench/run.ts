/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in its own Node process, one after another,
 * and lets each print its own table of medians. Figures are printed, never asserted.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const dir = new URL(".", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(
    process.execPath,
    ["--experimental-strip-types", "--no-warnings", new URL(file, dir).pathname],
    { stdio: "inherit" },
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
