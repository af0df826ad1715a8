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
    // kubectl verbs load lazily in the browser; tests import them all first (see the file).
    setupFiles: ["tests/setup/load-verbs.ts"],
  },
});
