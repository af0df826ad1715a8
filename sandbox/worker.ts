/**
 * The engine's Web Worker. The page starts it once it has loaded and is idle
 * (sandbox/ui/sandbox-client.ts), and it stays an empty thread until the page asks for the engine
 * (engine-host.ts), on the learner's first use: a worker's own start (a thread, an isolate, its
 * script) is then no longer part of the first command's wait, and a learner who only reads never
 * fetches the engine.
 */
import { ENGINE_LOADED, type EngineFailed, LOAD_ENGINE } from "./protocol.ts";

addEventListener("message", function load(event: MessageEvent) {
  if (event.data !== LOAD_ENGINE) return;
  removeEventListener("message", load);
  import("./engine-host.ts").then(
    () => postMessage(ENGINE_LOADED),
    (error: unknown) => postMessage({ engineFailed: String(error) } satisfies EngineFailed),
  );
});
