/**
 * kubectl label (pkg/cmd/label/label.go): `TYPE NAME key=value key-` with --overwrite, -l, --all,
 * -f. The line says what happened to the labels: `labeled`, `unlabeled`, `label(s) changed` (both)
 * or `not labeled`; removing a key that is not there prints `label "k" not found.` first.
 * Also home of the pieces annotate shares (splitting resources from key=value pairs).
 */
import type { KubeObject } from "../../cluster/types.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/label.ts";
import { liveTargets } from "../manifests/targets.ts";

export const METADATA_EDIT_FLAGS: readonly FlagSpec[] = [
  { name: "all", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.allNamespaces,
  DRY_RUN_FLAG,
  COMMON_FLAGS.fieldSelector,
  COMMON_FLAGS.filename,
  { name: "list", type: "bool", default: false, usage: "" },
  { name: "local", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.output,
  { name: "overwrite", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.recursive,
  { name: "resource-version", type: "string", default: "", usage: "" },
  COMMON_FLAGS.selector,
  { name: "field-manager", type: "string", default: "kubectl-label", usage: "" },
];

/** cmdutil.GetResourcesAndPairs: resource words first, then `k=v` / `k-` pairs. */
export function resourcesAndPairs(
  args: readonly string[],
  pairType: string,
): { resources: string[]; pairs: string[] } | { error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const word of args) {
    const isPair = (word.includes("=") && word[0] !== "=") || (word.endsWith("-") && word !== "-");
    if (isPair) pairs.push(word);
    else if (pairs.length > 0)
      return { error: `all resources must be specified before ${pairType} changes: ${word}` };
    else resources.push(word);
  }
  return { resources, pairs };
}

/** What a metadata verb does to one map (labels or annotations): set these, remove those. */
export interface MapEdit {
  set: Record<string, string>;
  remove: string[];
}

/**
 * The shared run loop of label and annotate: resolve targets, change the map on each, write it
 * back, print the line the verb chooses; errors are collected and printed at the end.
 */
export async function runMetadataEdit(
  invocation: KubectlInvocation,
  verb: "label" | "annotate",
  edit: MapEdit,
  apply: (object: KubeObject, out: (text: string) => void) => { object: KubeObject; operation: string },
  resources: string[],
): Promise<number> {
  const { ctx, flags } = invocation;
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") return failWith(invocation, dryRun.error);
  if (flags.bool("all") && flags.string("selector"))
    return failWith(invocation, "cannot set --all and --selector at the same time");
  if (resources.length === 0 && flags.strings("filename").length === 0) {
    return failWith(
      invocation,
      "one or more resources must be specified as <resource> <name> or <resource>/<name>",
    );
  }
  if (Object.keys(edit.set).length === 0 && edit.remove.length === 0) {
    return failWith(
      invocation,
      `at least one ${verb === "label" ? "label" : "annotation"} update is required`,
    );
  }
  const resolved = liveTargets(invocation, { args: resources, all: flags.bool("all") });
  if (!resolved.ok) return failWith(invocation, resolved.error);
  const errors = [...resolved.errors];
  for (const target of resolved.targets) {
    try {
      const { object, operation } = apply(target.object, ctx.stdout);
      if (dryRun === "none" && JSON.stringify(object) !== JSON.stringify(target.object)) {
        ctx.env.cluster.api.update(object);
      } else if (dryRun === "server") {
        ctx.env.cluster.api.update(object, { dryRun: true });
      }
      ctx.stdout(
        successLine(target.type, object.metadata.name, operation, { dryRun, output: flags.string("output") }),
      );
    } catch (error) {
      // validateNoOverwrites returns an aggregate: each clash is its own error line.
      if (error instanceof AggregateError) errors.push(...error.errors);
      else errors.push(error);
    }
  }
  if (errors.length > 0) ctx.stderr(errorsText(errors));
  return errors.length > 0 ? 1 : 0;
}

function failWith(invocation: KubectlInvocation, message: string): number {
  invocation.ctx.stderr(`error: ${message}\n`);
  return 1;
}

function parseLabels(pairs: string[]): MapEdit | { error: string } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of pairs) {
    if (spec.includes("=")) {
      const parts = spec.split("=");
      if (parts.length !== 2) return { error: `invalid label spec: ${spec}` };
      const problems = labelValueProblems(parts[1]!);
      if (problems.length > 0) return { error: `invalid label value: "${spec}": ${problems.join(";")}` };
      set[parts[0]!] = parts[1]!;
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      return { error: `unknown label spec: ${spec}` };
    }
  }
  if (remove.some((key) => Object.hasOwn(set, key)))
    return { error: "can not both modify and remove a label in the same command" };
  return { set, remove };
}

/** validation.IsValidLabelValue's messages. */
function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push("must be no more than 63 characters");
  if (value !== "" && !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)) {
    problems.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return problems;
}

/** updateDataChangeMsg: compares the label maps before and after. */
function labelMessage(before: Record<string, string>, after: Record<string, string>): string {
  // Own keys only: a label named `constructor` is no member of Object's.
  const has = Object.hasOwn;
  const unlabeled = Object.keys(before).some((k) => !has(after, k));
  const labeled =
    Object.entries(before).some(([k, v]) => has(after, k) && after[k] !== v) ||
    Object.keys(after).some((k) => !has(before, k));
  if (labeled && unlabeled) return "label(s) changed";
  if (labeled) return "labeled";
  if (unlabeled) return "unlabeled";
  return "not labeled";
}

async function run(invocation: KubectlInvocation): Promise<number> {
  const split = resourcesAndPairs(invocation.flags.args, "label");
  if ("error" in split) return failWith(invocation, split.error);
  const edit = parseLabels(split.pairs);
  if ("error" in edit) return failWith(invocation, edit.error);
  const overwrite = invocation.flags.bool("overwrite");
  return runMetadataEdit(
    invocation,
    "label",
    edit,
    (object, out) => {
      const before = { ...(object.metadata.labels ?? {}) };
      if (!overwrite) {
        const conflicts = Object.entries(edit.set)
          .filter(([k, v]) => Object.hasOwn(before, k) && before[k] !== v)
          .map(([k]) => `'${k}' already has a value (${before[k]}), and --overwrite is false`);
        if (conflicts.length > 0) throw new AggregateError(conflicts.map((c) => new Error(c)));
      }
      for (const key of edit.remove) if (!Object.hasOwn(before, key)) out(`label "${key}" not found.\n`);
      const after = { ...before, ...edit.set };
      for (const key of edit.remove) delete after[key];
      return {
        object: { ...object, metadata: { ...object.metadata, labels: after } },
        operation: labelMessage(before, after),
      };
    },
    split.resources,
  );
}

export const label: KubectlVerb = { flags: METADATA_EDIT_FLAGS, help: HELP, run };
