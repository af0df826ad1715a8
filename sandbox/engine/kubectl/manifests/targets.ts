/**
 * The objects a mutating verb acts on, from `-f` or from `TYPE NAME…` / `TYPE/NAME…` / `TYPE -l` /
 * `TYPE --all` (cli-runtime's builder), fetched live. Missing names and read errors are collected
 * for the end, as kubectl's ContinueOnError visitors do.
 */
import { ApiError } from "../../cluster/errors.ts";
import type { ResourceType } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlInvocation } from "../command.ts";
import { withSource } from "../errors.ts";
import { listObjects } from "../fetch.ts";
import { buildTargets } from "../resources.ts";
import { objectsFromFiles } from "./from-flags.ts";

export interface LiveTarget {
  type: ResourceType;
  object: KubeObject;
  /** The -f source, or "" for command-line arguments. */
  source: string;
}

export type TargetsResult =
  | { ok: true; targets: LiveTarget[]; errors: unknown[]; bySelector: boolean }
  | { ok: false; error: string };

export interface TargetOptions {
  /** The resource words (the verb's own arguments removed). */
  args: readonly string[];
  /** `--all` for verbs that have it. */
  all?: boolean;
}

export function liveTargets(invocation: KubectlInvocation, options: TargetOptions): TargetsResult {
  const { ctx, flags } = invocation;
  const cluster = ctx.env.cluster;
  const errors: unknown[] = [];
  const targets: LiveTarget[] = [];
  if (flags.changed.has("filename") && flags.strings("filename").length > 0) {
    const read = objectsFromFiles(invocation);
    if ("fatal" in read) return { ok: false, error: read.fatal.join("\n") };
    errors.push(...read.errors.map((m) => new Error(m)));
    for (const { type, object, source } of read.manifests) {
      try {
        targets.push({
          type,
          source,
          object: cluster.api.get(type.kind, object.metadata.namespace, object.metadata.name),
        });
      } catch (error) {
        errors.push(withSource(error, "getting", source));
      }
    }
    return { ok: true, targets, errors, bySelector: false };
  }
  const selector = flags.changed.has("selector") ? flags.string("selector") : "";
  const built = buildTargets({
    args: options.args,
    namespace: invocation.namespace,
    allNamespaces: flags.changed.has("all-namespaces") && flags.bool("all-namespaces"),
    labelSelector: selector,
    fieldSelector: flags.changed.has("field-selector") ? flags.string("field-selector") : "",
    allowEmptySelector: options.all ?? false,
  });
  if (!built.ok) return built;
  for (const target of built.targets) {
    try {
      if (target.name !== undefined) {
        targets.push({
          type: target.type,
          source: "",
          object: cluster.api.get(target.type.kind, target.namespace, target.name),
        });
        continue;
      }
      for (const object of listObjects(cluster, target.type, target.namespace, {
        labelSelector: selector,
        fieldSelector: flags.changed.has("field-selector") ? flags.string("field-selector") : "",
      })) {
        targets.push({ type: target.type, source: "", object });
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      errors.push(error);
    }
  }
  return { ok: true, targets, errors, bySelector: built.bySelector };
}
