/**
 * A whole sandbox as plain JSON data: the cluster (cluster/snapshot.ts), the learner's files and
 * what the host shell remembers (working directory, variables, aliases, `history`). A pod shell entered
 * with `kubectl exec -it` is not kept: a restored sandbox starts at the host prompt, as a
 * reconnected terminal would.
 *
 * `validateSandboxSnapshot` is the gate for snapshots from outside; it throws SnapshotError only.
 */

import { type ClusterSnapshot, SnapshotError } from "./cluster/snapshot.ts";
import { check, guardJson, isRecord, MAX_SNAPSHOT_CHARS } from "./cluster/snapshot-guard.ts";
import type { DirNode } from "./fs/file-tree.ts";
import type { Kubeconfig } from "./kubectl/kubeconfig.ts";
import { isScenarioName } from "./scenarios/index.ts";
import { isAliasName } from "./shell/aliases.ts";
import type { Shell } from "./shell/interpreter.ts";

export const SANDBOX_SNAPSHOT_FORMAT = "stateful-lab-sandbox";
export const SANDBOX_SNAPSHOT_VERSION = 1;

export interface ShellSnapshot {
  /** The host shell's working directory (absolute). */
  cwd: string;
  /** Every shell variable, exported or not. */
  variables: Record<string, string>;
  /** The names among `variables` that are exported. */
  exported: string[];
  /** What `history` lists, oldest first. */
  history: string[];
  /** `$?`. */
  status: number;
  /** `alias` definitions, by name (absent in snapshots made before aliases existed). */
  aliases?: Record<string, string>;
}

export interface SandboxSnapshot {
  format: typeof SANDBOX_SNAPSHOT_FORMAT;
  version: typeof SANDBOX_SNAPSHOT_VERSION;
  /** The scenario the sandbox started from (lessons check it still matches). */
  scenario: string;
  cluster: ClusterSnapshot;
  /** The learner's file tree (home directory and /tmp), as FileTree keeps it. */
  workspace: { root: DirNode };
  shell: ShellSnapshot;
  /** The learner's kubeconfig (contexts, current namespace), as ~/.kube/config would keep it. */
  kubeconfig?: Kubeconfig;
}

export function shellSnapshot(shell: Shell): ShellSnapshot {
  return {
    cwd: shell.cwd,
    variables: Object.fromEntries(shell.vars),
    exported: [...shell.exported].filter((name) => shell.vars.has(name)),
    history: [...shell.history],
    status: shell.status,
    ...(shell.aliases.size > 0 ? { aliases: Object.fromEntries(shell.aliases) } : {}),
  };
}

/** Puts a checked shell snapshot back into a freshly made host shell. */
export function restoreShell(shell: Shell, saved: ShellSnapshot): void {
  shell.vars.clear();
  shell.exported.clear();
  for (const [name, value] of Object.entries(saved.variables)) shell.vars.set(name, value);
  for (const name of saved.exported) shell.exported.add(name);
  shell.place.cwd = saved.cwd;
  shell.history.splice(0, shell.history.length, ...saved.history);
  shell.status = saved.status;
  shell.aliases.clear();
  for (const [name, value] of Object.entries(saved.aliases ?? {})) shell.aliases.set(name, value);
}

/**
 * Accepts a snapshot object or its JSON text; checks the envelope, the workspace and the shell
 * state (the cluster part is checked by restoreCluster). Throws SnapshotError only.
 */
export function validateSandboxSnapshot(input: unknown): SandboxSnapshot {
  let value = input;
  if (typeof input === "string") {
    check(input.length <= MAX_SNAPSHOT_CHARS, "the snapshot is too large");
    try {
      value = JSON.parse(input);
    } catch {
      throw new SnapshotError("the snapshot is not valid JSON (it may be truncated)");
    }
  }
  guardJson(value, "snapshot");
  check(
    isRecord(value) && value.format === SANDBOX_SNAPSHOT_FORMAT,
    "this is not a Stateful Lab sandbox snapshot",
  );
  check(
    value.version === SANDBOX_SNAPSHOT_VERSION,
    typeof value.version === "number" && value.version > SANDBOX_SNAPSHOT_VERSION
      ? `the snapshot was saved by a newer version of the sandbox (format ${value.version}; this one reads format ${SANDBOX_SNAPSHOT_VERSION})`
      : `the snapshot was saved by an older version of the sandbox (format ${String(value.version)}; this one reads format ${SANDBOX_SNAPSHOT_VERSION})`,
  );
  check(
    typeof value.scenario === "string" && isScenarioName(value.scenario),
    `the snapshot's scenario "${String(value.scenario)}" is not one this sandbox knows`,
  );
  check(isRecord(value.cluster), "the snapshot has no cluster");
  check(isRecord(value.workspace), "the snapshot has no workspace");
  checkTree(value.workspace.root);
  checkShell(value.shell);
  if (value.kubeconfig !== undefined) checkKubeconfig(value.kubeconfig);
  return value as unknown as SandboxSnapshot;
}

const isTime = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0;
const isMode = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0o7777;

/** A FileTree root: directories of named children, files of text, nothing else. */
function checkTree(root: unknown): void {
  const stack: unknown[] = [root];
  check(isRecord(root) && root.type === "dir", "the snapshot's workspace has no root directory");
  while (stack.length > 0) {
    const node = stack.pop();
    check(isRecord(node) && isTime(node.mtime) && isMode(node.mode), "the snapshot's workspace is damaged");
    if (node.type === "file") {
      check(typeof node.content === "string", "the snapshot's workspace has a damaged file");
    } else {
      check(node.type === "dir" && isRecord(node.children), "the snapshot's workspace is damaged");
      for (const [name, child] of Object.entries(node.children)) {
        check(
          name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("\u0000"),
          // Quoted as JSON and cut short: the name is hostile input, and may be megabytes long.
          `the snapshot's workspace has a file with an impossible name ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)}`,
        );
        stack.push(child);
      }
    }
  }
}

function checkShell(shell: unknown): void {
  check(isRecord(shell), "the snapshot has no shell state");
  check(
    typeof shell.cwd === "string" && shell.cwd.startsWith("/"),
    "the snapshot's working directory is damaged",
  );
  const variables = shell.variables;
  check(
    isRecord(variables) && Object.values(variables).every((v) => typeof v === "string"),
    "the snapshot's shell variables are damaged",
  );
  const names = Object.keys(variables);
  check(
    names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)),
    "the snapshot has a shell variable with an impossible name",
  );
  check(
    Array.isArray(shell.exported) &&
      shell.exported.every((n) => typeof n === "string" && Object.hasOwn(variables, n)),
    "the snapshot's exported variables are damaged",
  );
  check(
    Array.isArray(shell.history) && shell.history.every((line) => typeof line === "string"),
    "the snapshot's command history is damaged",
  );
  check(
    Number.isInteger(shell.status) && (shell.status as number) >= 0 && (shell.status as number) <= 255,
    "the snapshot's last exit status is damaged",
  );
  check(
    shell.aliases === undefined ||
      (isRecord(shell.aliases) &&
        Object.entries(shell.aliases).every(
          ([name, value]) => isAliasName(name) && typeof value === "string",
        )),
    "the snapshot's aliases are damaged",
  );
}

function checkKubeconfig(config: unknown): void {
  const damaged = "the snapshot's kubeconfig is damaged";
  const optional = (v: unknown) => v === undefined || typeof v === "string";
  check(
    isRecord(config) &&
      typeof config.currentContext === "string" &&
      typeof config.server === "string" &&
      Array.isArray(config.contexts),
    damaged,
  );
  for (const c of config.contexts as unknown[]) {
    check(
      isRecord(c) &&
        typeof c.name === "string" &&
        typeof c.cluster === "string" &&
        typeof c.user === "string" &&
        optional(c.namespace),
      damaged,
    );
  }
}
