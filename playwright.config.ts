import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in real Chromium against the *built* site (`npm run test:e2e` builds it twice:
 * at the root and under a sub-path, the way GitHub Pages project sites are served). Playwright's
 * own browser download does not work on closed networks, so this drives the system Chromium:
 * CHROMIUM_PATH, defaulting to Debian's /usr/bin/chromium.
 */
const PORT = Number(process.env.E2E_PORT ?? 4391);
const SUBPATH_PORT = PORT + 1;
// Where the two builds are: `npm run test:e2e` builds into dist/ and dist-subpath/; parallel work on
// one machine can point these at private folders so that builds never overwrite each other.
const DIST = process.env.E2E_DIST ?? "dist";
const DIST_SUBPATH = process.env.E2E_DIST_SUBPATH ?? "dist-subpath";
export const SUB_PATH = "/stateful-lab/";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  // Most of a test is waiting on simulated time and polling, not CPU: four browsers fit two cores.
  workers: Number(process.env.E2E_WORKERS ?? 4),
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  // Generous for a loaded 2-core CI machine; a passing test takes a fraction of this.
  timeout: 60_000,
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    // A failing test keeps its trace: every action with the DOM before and after it, the network and
    // the console. Not the screencast: encoding a JPEG of every frame the page paints (xterm's cursor
    // blinks) took a third of a spec's CPU on two cores (terminal.spec.ts: 41 s of CPU with it, 28 s
    // without, the same as no trace at all); the failure's screenshot below remains.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    // The service worker precaches the whole site (~8.6 MiB) on a first visit: every test's fresh
    // context would download it again on two shared cores. offline.spec.ts and security.spec.ts
    // allow it, as they test it.
    serviceWorkers: "block",
  },
  projects: [
    {
      name: "root",
      testIgnore: /subpath\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORT}/` },
    },
    {
      name: "subpath",
      testMatch: /subpath\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${SUBPATH_PORT}${SUB_PATH}` },
    },
  ],
  webServer: [
    {
      command: `node tests/e2e/static-server.mjs ${DIST} ${PORT} /`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node tests/e2e/static-server.mjs ${DIST_SUBPATH} ${SUBPATH_PORT} ${SUB_PATH}`,
      url: `http://127.0.0.1:${SUBPATH_PORT}${SUB_PATH}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
