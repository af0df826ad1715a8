/**
 * What a task check is: a named, parameterised predicate over the live cluster (its store), the
 * cluster's change history (cluster/history.ts, with simulated timestamps) and the command lines
 * the learner ran. Checks only read; evaluating one never changes the cluster.
 */
import type { Cluster } from "../cluster/cluster.ts";

/** One command line the learner ran, in the host shell or a pod shell, with its exit status. */
export interface CommandRecord {
  line: string;
  status: number;
  /** Simulated epoch milliseconds when it finished. */
  time: number;
}

export interface CheckContext {
  cluster: Cluster;
  /** Every command line run in this sandbox, oldest first. */
  commands: readonly CommandRecord[];
  /** Where namespaced objects are looked up unless a check's params name another namespace. */
  namespace: string;
}

export interface CheckResult {
  done: boolean;
  /** One sentence on what the check sees, e.g. "StatefulSet web has 1 of 2 pods ready". */
  detail: string;
}

/** The type of one parameter; a trailing `?` in the spec makes it optional. */
export type ParamType = "string" | "integer" | "boolean";

export interface ParamSpec {
  type: ParamType;
  optional?: boolean;
  description: string;
}

/** Parameter values as they come from lesson frontmatter (YAML scalars). */
export type CheckParams = Record<string, string | number | boolean>;

export interface Check {
  /** kebab-case, unique: what lessons write as `check.name`. */
  name: string;
  /** One line for lesson authors: when the check passes. */
  description: string;
  params: Record<string, ParamSpec>;
  /** Runs with params already validated against `params`. */
  run(ctx: CheckContext, params: CheckParams): CheckResult;
}

/** A task as the page sends it to the worker: its id and the check that ticks it. */
export interface TaskCheck {
  id: string;
  check: { name: string; params: CheckParams };
}

export interface TaskResult {
  id: string;
  done: boolean;
  detail: string;
}

export const pass = (detail: string): CheckResult => ({ done: true, detail });
export const fail = (detail: string): CheckResult => ({ done: false, detail });
