/**
 * The engine worker's first module (sandbox/worker.ts imports it before anything else, so it runs
 * before the engine's modules are evaluated): when the page's name for the worker says which
 * scenario's boot snapshot its sandbox will start from (protocol.ts, workerName), its fetch starts
 * now. `create` imports the same module later and gets this fetch, already under way or done;
 * without it, the request waited for the engine's evaluation (20–35 ms of a cold start on a
 * 2-core machine) and for the page's `create`. The response is still handled once the evaluation
 * is over (same thread), so from a local server nothing changes; from a real one, the network's
 * round trip now runs during the evaluation. A wrong or missing hint costs nothing but the fetch.
 */
import { bootSnapshots } from "virtual:boot-snapshots";
import { bootHint } from "./protocol.ts";

const scenario = bootHint(self.name);
if (scenario !== undefined && Object.hasOwn(bootSnapshots, scenario)) {
  bootSnapshots[scenario]!().catch(() => undefined);
}
