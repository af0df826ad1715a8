/**
 * The Web Worker that hosts the engine: comlink plumbing and the clock ticker, no logic.
 * Simulated time follows wall time × the sandbox's speed while the page is open; speed 0 pauses.
 */

import { expose } from "comlink";
import { replay } from "./engine/checks/checkpoint.ts";
import { createSandbox, type Sandbox } from "./engine/index.ts";
import type { ClockStatus, SandboxWorkerApi } from "./protocol.ts";

const TICK_MS = 100;
/** Pictures for the cluster view are sent at most this often: drawing every event would be waste. */
const PICTURE_MS = 150;
/** Task checks are re-evaluated at most this often after a change. */
const CHECKS_MS = 200;

interface Hosted {
  sandbox: Sandbox;
  speed: number;
  /** The running command's Ctrl-C, which also ends a `kubectl edit` waiting for the page's editor. */
  signal?: AbortSignal;
}

const hosted = new Map<number, Hosted>();
const running = new Map<number, AbortController>();
/** Live subscriptions (cluster pictures, workspace changes) by id, each with its unsubscribe. */
const subscriptions = new Map<number, () => void>();
/** Called after every command a sandbox finishes (task checks that read the command log). */
const afterExec = new Map<number, Set<() => void>>();
let nextSandboxId = 1;
let nextSubscriptionId = 1;

let last = Date.now();
setInterval(() => {
  const now = Date.now();
  for (const { sandbox, speed } of hosted.values()) if (speed > 0) sandbox.advance((now - last) * speed);
  last = now;
}, TICK_MS);

function unsubscribe(subscriptionId: number): void {
  subscriptions.get(subscriptionId)?.();
  subscriptions.delete(subscriptionId);
}

function get(sandboxId: number): Hosted {
  const found = hosted.get(sandboxId);
  if (!found) throw new Error(`no sandbox ${sandboxId}`);
  return found;
}

function clockOf({ sandbox, speed }: Hosted): ClockStatus {
  return { now: sandbox.now(), speed, nextEventAt: sandbox.nextEventAt() };
}

const api: SandboxWorkerApi = {
  async create(init) {
    const id = nextSandboxId++;
    // A checkpoint replays its commands in instant time, then hands the sandbox over in real time.
    const replaying = init.replay !== undefined && init.restore === undefined;
    // A fresh sandbox (a checkpoint's too) starts from the build's boot snapshot of its scenario,
    // which the page fetched meanwhile; createSandbox boots live when there is none or it does
    // not fit the seed and start time.
    const sandbox = createSandbox({
      timeMode: replaying ? "instant" : "realtime",
      startMs: init.startMs,
      seed: init.seed,
      scenario: init.scenario,
      restore: init.restore,
      bootSnapshot: init.bootSnapshot,
    });
    if (replaying) {
      await replay(sandbox, init.replay!);
      sandbox.setTimeMode("realtime");
    }
    hosted.set(id, { sandbox, speed: 1 });
    return id;
  },
  async save(sandboxId) {
    return get(sandboxId).sandbox.save();
  },
  async ping() {
    return true;
  },
  async exec(sandboxId, execId, line, onOutput) {
    const entry = get(sandboxId);
    const { sandbox } = entry;
    if (!sandbox.isComplete(line)) return null;
    const controller = new AbortController();
    running.set(execId, controller);
    entry.signal = controller.signal;
    // Output crosses on the proxy's own MessagePort and the answer on the worker's: Chromium may
    // deliver the answer first, and the terminal would draw its prompt before the last chunk.
    // The proxy's calls arrive in order, so the last one landing means all of them have.
    let delivered: unknown;
    try {
      const status = await sandbox.exec(
        line,
        (chunk) => {
          delivered = onOutput(chunk);
        },
        controller.signal,
      );
      await Promise.resolve(delivered).catch(() => undefined);
      return status;
    } finally {
      running.delete(execId);
      for (const listener of afterExec.get(sandboxId) ?? []) listener();
    }
  },
  cancel(execId) {
    running.get(execId)?.abort();
  },
  async complete(sandboxId, line, cursor) {
    return get(sandboxId).sandbox.complete(line, cursor);
  },
  async prompt(sandboxId) {
    return get(sandboxId).sandbox.prompt();
  },
  async clock(sandboxId) {
    return clockOf(get(sandboxId));
  },
  async setSpeed(sandboxId, speed) {
    const entry = get(sandboxId);
    entry.speed = Math.max(0, speed);
    return clockOf(entry);
  },
  async stepToNextEvent(sandboxId) {
    const entry = get(sandboxId);
    const next = entry.sandbox.nextEventAt();
    if (next !== undefined) entry.sandbox.advance(next - entry.sandbox.now());
    return clockOf(entry);
  },
  async watchPicture(sandboxId, onPicture) {
    const { sandbox } = get(sandboxId);
    let scheduled: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      scheduled = undefined;
      onPicture(sandbox.picture());
    };
    const unsubscribe = sandbox.onClusterChange(() => {
      scheduled ??= setTimeout(send, PICTURE_MS);
    });
    send();
    const id = nextSubscriptionId++;
    subscriptions.set(id, () => {
      unsubscribe();
      if (scheduled) clearTimeout(scheduled);
    });
    return id;
  },
  unwatchPicture(subscriptionId) {
    unsubscribe(subscriptionId);
  },
  async watchTasks(sandboxId, tasks, onResults) {
    const { sandbox } = get(sandboxId);
    let scheduled: ReturnType<typeof setTimeout> | undefined;
    let last = "";
    const send = () => {
      scheduled = undefined;
      const results = sandbox.checkTasks(tasks);
      const text = JSON.stringify(results);
      if (text !== last) onResults(results);
      last = text;
    };
    const soon = () => {
      scheduled ??= setTimeout(send, CHECKS_MS);
    };
    const stopCluster = sandbox.onClusterChange(soon);
    const listeners = afterExec.get(sandboxId) ?? new Set();
    afterExec.set(sandboxId, listeners.add(soon));
    // The first results come a moment later too: a lesson subscribes as its engine starts, often
    // with the learner's first command queued right behind, which should not wait for the checks.
    soon();
    const id = nextSubscriptionId++;
    subscriptions.set(id, () => {
      stopCluster();
      listeners.delete(soon);
      if (scheduled) clearTimeout(scheduled);
    });
    return id;
  },
  unwatchTasks(subscriptionId) {
    unsubscribe(subscriptionId);
  },
  async listFiles(sandboxId) {
    return get(sandboxId).sandbox.listFiles();
  },
  async readFile(sandboxId, path) {
    return get(sandboxId).sandbox.readFile(path);
  },
  async writeFile(sandboxId, path, content) {
    get(sandboxId).sandbox.writeFile(path, content);
  },
  async watchFiles(sandboxId, onChange) {
    const id = nextSubscriptionId++;
    subscriptions.set(
      id,
      get(sandboxId).sandbox.onFilesChanged((change) => onChange(change.path)),
    );
    return id;
  },
  unwatchFiles(subscriptionId) {
    unsubscribe(subscriptionId);
  },
  async renameFile(sandboxId, from, to) {
    get(sandboxId).sandbox.renameFile(from, to);
  },
  async deleteFile(sandboxId, path) {
    get(sandboxId).sandbox.deleteFile(path);
  },
  async serveEdits(sandboxId, open) {
    const entry = get(sandboxId);
    entry.sandbox.setEditor(
      (file) =>
        new Promise((resolve) => {
          // Ctrl-C while the editor is open: kubectl edit stops waiting, as if it were closed.
          const signal = entry.signal;
          if (signal?.aborted) return resolve(null);
          signal?.addEventListener("abort", () => resolve(null), { once: true });
          open(file).then(resolve, () => resolve(null));
        }),
    );
    const id = nextSubscriptionId++;
    subscriptions.set(id, () => entry.sandbox.setEditor(undefined));
    return id;
  },
  stopServingEdits(subscriptionId) {
    unsubscribe(subscriptionId);
  },
};

expose(api);
