/**
 * A bare cluster (no default objects, controllers never drained) plus a shell, so tests can put
 * exactly the objects they want in the store through cluster.api and read them back with kubectl.
 */
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { kubectl as kubectlCommand } from "../../../sandbox/engine/kubectl/kubectl.ts";
import { createTimeDriver, isAbortError, type TimeMode } from "../../../sandbox/engine/time-driver.ts";

/** 2026-01-01T00:00:00Z, the default start of a simulated cluster. */
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

export function harness(options: { timeMode?: TimeMode } = {}) {
  const cluster = new Cluster({ seed: 1, startMs: T0 });
  const env = { cluster, time: createTimeDriver(cluster, options.timeMode ?? "instant") };
  const create = (object: KubeObject) => cluster.api.create(object);
  /** Creates an object with its status (written through the status subresource, as controllers do). */
  const put = (object: KubeObject) => {
    const created = cluster.api.create(object);
    return object.status === undefined
      ? created
      : cluster.api.updateStatus({ ...created, status: object.status });
  };
  /** Marks an object as being deleted (test-only shortcut past graceful deletion). */
  const markDeleting = (kind: string, namespace: string | undefined, name: string) => {
    const stored = cluster.store.get({ kind, namespace, name })!;
    cluster.store.put({
      ...stored,
      metadata: { ...stored.metadata, deletionTimestamp: cluster.api.timestamp() },
    });
  };
  const setTime = (ms: number) => cluster.clock.setTime(ms);
  /** Runs one kubectl line straight into kubectl (no shell), so shell changes cannot affect these tests. */
  async function kubectl(line: string, signal = new AbortController().signal, stdin = "") {
    let stdout = "";
    let stderr = "";
    let status: number;
    try {
      status = await kubectlCommand({
        argv: splitLine(line),
        stdin,
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
        signal,
        env,
      });
    } catch (error) {
      if (!isAbortError(error)) throw error;
      status = 130;
    }
    return { stdout, stderr, status };
  }
  return { cluster, create, put, markDeleting, setTime, kubectl };
}

export function ns(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name }, status: { phase: "Active" } };
}

/** Splits a command line on blanks, honouring '...' and "..." quotes (enough for kubectl arguments). */
export function splitLine(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === " ") {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
