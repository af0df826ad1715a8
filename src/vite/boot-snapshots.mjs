// @ts-check
/**
 * `import { bootSnapshots } from "virtual:boot-snapshots"`: the build's boot snapshot of every
 * scenario (sandbox/engine/scenarios/boot-snapshot.ts), for the page to hand to the engine worker
 * (sandbox/ui/boot-snapshot.ts). `bootSnapshots[scenario]()` imports that scenario's snapshot, a
 * chunk of its own (`boot-<scenario>-….js`) holding its JSON text as a string, so a page fetches
 * the one its sandbox starts from, and only when the engine starts (while the worker starts).
 *
 * The snapshots are made by the engine itself, in a child Node process (the engine is TypeScript,
 * run with type stripping as `npm run cli` does), which first checks, for each scenario, that the
 * snapshot moved to another start time is byte for byte a live boot at that time: a build never
 * ships a snapshot the worker would move wrongly. `astro dev` ships none (the map is empty, every
 * sandbox boots live), so a dev server never serves a snapshot older than the engine's code.
 */
import { execFile } from "node:child_process";

const MAP = "virtual:boot-snapshots";
/** One scenario's snapshot: `virtual:boot-<scenario>`; the chunk is named after the id. */
const ONE = "virtual:boot-";

/** A file URL, which import() takes on every platform (a Windows path it would not). */
const engine = new URL("../../sandbox/engine/", import.meta.url).href;

/** Boots every scenario, checks the shift and prints `{ [scenario]: JSON text }`. */
const GENERATE = `
const { createSandbox, makeBootSnapshot } = await import(${JSON.stringify(`${engine}index.ts`)});
const { shiftBootSnapshot } = await import(${JSON.stringify(`${engine}scenarios/boot-snapshot.ts`)});
const { SCENARIOS } = await import(${JSON.stringify(`${engine}scenarios/index.ts`)});
// A leap day whose boot starts on the day before, in another year: any time the shift misses shows.
const probe = Date.UTC(2032, 1, 29, 0, 2, 0);
const out = {};
for (const scenario of Object.keys(SCENARIOS)) {
  const text = makeBootSnapshot(scenario);
  const live = JSON.stringify(createSandbox({ scenario, seed: 1, startMs: probe }).save());
  if (shiftBootSnapshot(text, probe) !== live) {
    throw new Error("the boot snapshot of scenario " + scenario + " does not move in time exactly (sandbox/engine/scenarios/boot-snapshot.ts misses a time format: npx vitest run tests/engine/scenarios)");
  }
  out[scenario] = text;
}
process.stdout.write(JSON.stringify(out));
`;

/** @type {Promise<Record<string, string>> | undefined} */
let generated;

/** Every scenario's boot snapshot, made once per build process. */
function generate() {
  generated ??= new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--experimental-strip-types", "--no-warnings", "--input-type=module", "-e", GENERATE],
      { maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`boot snapshots: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
  return generated;
}

/** @returns {import("vite").Plugin} */
export function bootSnapshots() {
  let build = false;
  return {
    name: "stateful-lab:boot-snapshots",
    configResolved(config) {
      build = config.command === "build";
    },
    resolveId(source) {
      return source === MAP || source.startsWith(ONE) ? `\0${source}` : null;
    },
    async load(id) {
      if (id === `\0${MAP}`) {
        const scenarios = build ? Object.keys(await generate()) : [];
        const loaders = scenarios.map(
          (name) =>
            `  ${JSON.stringify(name)}: () => import(${JSON.stringify(ONE + name)}).then((m) => m.default),`,
        );
        return `export const bootSnapshots = {\n${loaders.join("\n")}\n};\n`;
      }
      if (!id.startsWith(`\0${ONE}`)) return null;
      const text = (await generate())[id.slice(ONE.length + 1)];
      if (text === undefined) throw new Error(`no boot snapshot for ${id.slice(1)}`);
      // A string: JSON.parse of it is faster than the same data as an object literal.
      return `export default ${JSON.stringify(text)};\n`;
    },
  };
}
