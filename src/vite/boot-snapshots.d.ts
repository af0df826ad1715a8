declare module "virtual:boot-snapshots" {
  /**
   * Scenario name → the import of its boot snapshot's JSON text (src/vite/boot-snapshots.mjs).
   * Empty under `astro dev`: every sandbox boots live there.
   */
  export const bootSnapshots: Readonly<Record<string, () => Promise<string>>>;
}
