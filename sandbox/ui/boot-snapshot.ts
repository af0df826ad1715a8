/**
 * The build's boot snapshot of a scenario, fetched by the page while the engine worker starts.
 *
 * A fresh sandbox starts from its scenario's boot snapshot (sandbox/engine/scenarios/boot-snapshot.ts)
 * rather than booting the cluster. The worker used to fetch it once it had started and been asked
 * to create the sandbox: 11–14 ms of a first command's wait, spent after the worker's own start
 * (55–70 ms of fetching and compiling its script). The page knows the scenario when it starts the
 * worker, so it fetches the snapshot meanwhile and hands the text over with `create`.
 */
import { bootSnapshots } from "virtual:boot-snapshots";
import { BOOT_SEED } from "../engine/scenarios/boot-seed.ts";
import type { SandboxInit } from "../protocol.ts";

/**
 * `init` with its scenario's boot snapshot when the sandbox will start from one: a fresh sandbox
 * (nothing to restore) with the boot seed, of a scenario the build made a snapshot for. Without
 * one (`astro dev`, or the chunk could not be fetched) the worker boots the scenario live.
 */
export async function withBootSnapshot(init: SandboxInit): Promise<SandboxInit> {
  if (init.restore !== undefined || init.seed !== BOOT_SEED || !Object.hasOwn(bootSnapshots, init.scenario)) {
    return init;
  }
  const bootSnapshot = await bootSnapshots[init.scenario]!().catch(() => undefined);
  return bootSnapshot === undefined ? init : { ...init, bootSnapshot };
}
