/**
 * Prints, as JSON on stdout, the engine's snapshot of a fresh sandbox after running the command
 * lines given as arguments: `node --experimental-strip-types tests/e2e/engine-snapshot.ts 'ls'`.
 * A command that fails stops it with the command's output on stderr.
 *
 * Specs run this in a child process rather than importing the engine: Playwright compiles every
 * TypeScript module a spec imports with Babel, in its runner (to list the tests) and again in each
 * worker, and kubectl's verbs load on first use, so a spec's first commands compiled dozens more
 * files — seconds per test, tens of seconds on a loaded machine — where Node only strips the types.
 */
import { createSandbox } from "../../sandbox/engine/index.ts";

const sandbox = createSandbox({ timeMode: "instant" });
for (const line of process.argv.slice(2)) {
  let output = "";
  const status = await sandbox.exec(`${line}\n`, (chunk) => {
    output += chunk.text;
  });
  if (status !== 0) {
    process.stderr.write(`engine-snapshot: \`${line}\` exited ${status}:\n${output}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(sandbox.save()));
