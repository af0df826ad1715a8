/**
 * The seed of the build's boots (scenarios/boot-snapshot.ts): the page's first sandbox and every
 * checkpoint use seed 1. A module of its own because the page imports it too, to fetch a boot
 * snapshot only for a sandbox that will start from one (sandbox/ui/boot-snapshot.ts), and
 * boot-snapshot.ts imports the engine's cluster.
 */
export const BOOT_SEED = 1;
