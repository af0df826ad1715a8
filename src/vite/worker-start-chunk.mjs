// @ts-check
/**
 * Each of the site's Web Workers starts from one file: a plugin for `vite.worker.plugins` that
 * puts everything a worker imports statically into its entry chunk.
 *
 * Left to itself, Rolldown moves the modules that a worker's entry shares with its lazily loaded
 * parts (the engine's kubectl verbs) into separate common chunks. A worker only finds those once
 * its entry has been fetched and compiled: a second round of fetches, through the service worker,
 * that cost the engine ~50 ms of its cold start in a Chromium trace. Rollup would have merged them
 * into the entry, which is always loaded before its dynamic imports; Rolldown's own merge declines
 * here, so a code-splitting group does it. What loads on demand still loads on demand: the group
 * takes only modules reachable from the entry through static imports.
 *
 * Vite calls the worker plugins' factory once per worker build, so each build gets its own map of
 * which entry reaches which module.
 */

/**
 * @typedef {{ isEntry: boolean, importers: string[] }} ModuleFacts
 * @typedef {{ getModuleInfo(id: string): ModuleFacts | null }} ChunkingContext
 */

/** @returns {import("vite").Plugin} */
export function workerStartChunk() {
  /** Module id → the entry that reaches it through static imports (null: none does). */
  const entryOf = new Map();

  /** @type {(id: string, ctx: ChunkingContext) => string | null} */
  const reachedFrom = (id, ctx) => {
    if (entryOf.has(id)) return entryOf.get(id);
    entryOf.set(id, null); // a cycle of static imports reaches nothing new
    const info = ctx.getModuleInfo(id);
    let entry = info?.isEntry ? id : null;
    for (const importer of info?.importers ?? []) entry ??= reachedFrom(importer, ctx);
    entryOf.set(id, entry);
    return entry;
  };

  const startGroup = {
    // Named after its entry, the group becomes that entry's chunk and keeps its file name
    // (`worker-…js`, `yaml.worker-…js`: budgets.json's on-demand groups go by those names).
    /** @type {(id: string, ctx: ChunkingContext) => string | null} */
    name: (id, ctx) => {
      const entry = reachedFrom(id, ctx);
      return entry === null ? null : chunkNameOf(entry);
    },
  };

  return {
    name: "stateful-lab:worker-start-chunk",
    outputOptions: (options) => ({ ...options, codeSplitting: { groups: [startGroup] } }),
  };
}

/** `/…/sandbox/worker.ts?worker_file&type=module` → `worker`, as Vite names an entry's chunk. */
function chunkNameOf(/** @type {string} */ id) {
  const file = id.split("?")[0]?.split(/[\\/]/).pop() ?? "worker";
  return file.replace(/\.[cm]?[jt]s$/, "");
}
