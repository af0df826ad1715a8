/**
 * The Web Worker that hosts the engine: comlink plumbing and the clock ticker, no logic.
 * Simulated time follows wall time (× speed, once the UI offers speeds) while the page is open.
 */
import { expose } from "comlink";
import { createSandbox, type Sandbox } from "./engine/index.ts";
import type { SandboxWorkerApi } from "./protocol.ts";

const TICK_MS = 100;

const sandboxes = new Map<number, Sandbox>();
const running = new Map<number, AbortController>();
let nextSandboxId = 1;

let last = Date.now();
setInterval(() => {
  const now = Date.now();
  for (const sandbox of sandboxes.values()) sandbox.advance(now - last);
  last = now;
}, TICK_MS);

const api: SandboxWorkerApi = {
  async create(init) {
    const id = nextSandboxId++;
    sandboxes.set(id, createSandbox({ timeMode: "realtime", startMs: init.startMs, seed: init.seed }));
    return id;
  },
  async exec(sandboxId, execId, line, onOutput) {
    const sandbox = sandboxes.get(sandboxId);
    if (!sandbox) throw new Error(`no sandbox ${sandboxId}`);
    const controller = new AbortController();
    running.set(execId, controller);
    try {
      return await sandbox.exec(line, (chunk) => onOutput(chunk), controller.signal);
    } finally {
      running.delete(execId);
    }
  },
  cancel(execId) {
    running.get(execId)?.abort();
  },
  async now(sandboxId) {
    return sandboxes.get(sandboxId)?.now() ?? 0;
  },
};

expose(api);
