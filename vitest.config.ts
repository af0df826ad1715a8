import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "tests/engine/**/*.test.ts",
      "tests/transcripts/**/*.test.ts",
      "tests/ui/**/*.test.ts",
      "tests/site/**/*.test.ts",
      "tests/budgets/**/*.test.ts",
      "tests/fuzz/**/*.test.ts",
    ],
    environment: "node",
    // A test's time limit, not a speed check (benchmarks measure speed): the property tests that
    // boot a few sandboxes take 1–2 s alone but 5–8 s on two cores shared with builds and browsers,
    // past Vitest's default 5 s.
    testTimeout: 20_000,
    // Test files share their worker's modules instead of each starting a fresh one: the engine and
    // every kubectl verb (tests/setup/load-verbs.ts) were transformed and imported again for each of
    // 130-odd files, most of the CPU time on CI's two cores (tests/engine/kubectl, ui and site: 50 s
    // of CPU isolated, 17 s shared). Engine state lives in objects (WeakMaps keyed by cluster), not in
    // modules, and the one test with fake timers restores real ones after each test.
    isolate: false,
    // kubectl verbs load lazily in the browser; tests import them all first (see the file).
    setupFiles: ["tests/setup/load-verbs.ts"],
  },
});
