/**
 * Tools whose code loads the first time they run, so that the browser's engine worker starts
 * without it (budgets.json counts every byte a page loads before the learner types). A stub stands
 * in the shell's command table; the interpreter swaps in the real tool before running it, so that
 * what it asks of the tool (reading a pipe as it arrives, see pipe.ts) is the real tool's answer.
 * Each import() becomes a chunk of its own.
 */
import type { Tool } from "./interpreter.ts";

const loaders = new WeakMap<Tool, () => Promise<Tool>>();
const loading = new WeakMap<Tool, Promise<Tool>>();
const loaded = new WeakMap<Tool, Tool>();
/** Loads under way, so that whoever waits for scripts to be idle waits for these too. */
const underway = new Set<Promise<unknown>>();

/**
 * Settles once every tool load under way has (undefined when none is). A container's script
 * that waits for a chunk makes no progress for many turns without being done: the instant clock
 * must not move on meanwhile, or its lines would land after later commands.
 */
export function toolLoads(): Promise<unknown> | undefined {
  return underway.size === 0 ? undefined : Promise.allSettled([...underway]);
}

/** A stub for the tool `load` resolves to. */
export function onFirstUse(load: () => Promise<Tool>): Tool {
  const stub: Tool = async (ctx) => (await loadTool(stub))(ctx);
  loaders.set(stub, load);
  return stub;
}

/**
 * The tool to run for `tool`: `tool` itself, the real tool of a stub already loaded (at once, so
 * that a command starts within the tick it is called in), or a promise of it the first time.
 */
export function loadTool(tool: Tool): Tool | Promise<Tool> {
  const ready = loaded.get(tool);
  if (ready) return ready;
  const load = loaders.get(tool);
  if (!load) return tool;
  let pending = loading.get(tool);
  if (!pending) {
    pending = load().then(
      (real) => {
        loaded.set(tool, real);
        return real;
      },
      (error: unknown) => {
        // A chunk that failed to arrive (offline, say) is tried again next time.
        loading.delete(tool);
        throw error;
      },
    );
    loading.set(tool, pending);
    const forget = () => {
      underway.delete(settled);
    };
    const settled: Promise<void> = pending.then(forget, forget);
    underway.add(settled);
  }
  return pending;
}
