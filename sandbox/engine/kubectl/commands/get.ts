/**
 * kubectl get (pkg/cmd/get/get.go): flags → options → validate → run. Tables go through the
 * per-kind printers, one group per type with its own header and a blank line between groups;
 * the other -o formats print the objects (a List when more than one could come back).
 */
import type { KubeObject } from "../../cluster/types.ts";
import { resolvePath } from "../../fs/file-tree.ts";
import type { SandboxEnv } from "../../shell/command.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine, usageError } from "../errors.ts";
import { type FetchedGroup, fetchTargets, serverWarnings } from "../fetch.ts";
import { targetsFromFiles } from "../file-targets.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/get.ts";
import { type OutputFormat, parseOutputFormat, printObjects } from "../printers/output.ts";
import { type TableOptions, tableFor } from "../printers/table.ts";
import { buildTargets } from "../resources.ts";
import { sortObjects } from "../sort.ts";
import { watch } from "./get-watch.ts";

const FLAGS: readonly FlagSpec[] = [
  COMMON_FLAGS.allNamespaces,
  { name: "allow-missing-template-keys", type: "bool", default: true, usage: "" },
  { name: "chunk-size", type: "int", default: 500, usage: "" },
  COMMON_FLAGS.fieldSelector,
  COMMON_FLAGS.filename,
  { name: "ignore-not-found", type: "bool", default: false, usage: "" },
  { name: "kustomize", shorthand: "k", type: "string", default: "", usage: "" },
  { name: "label-columns", shorthand: "L", type: "stringSlice", default: [], usage: "" },
  { name: "no-headers", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.output,
  { name: "output-watch-events", type: "bool", default: false, usage: "" },
  { name: "raw", type: "string", default: "", usage: "" },
  COMMON_FLAGS.recursive,
  COMMON_FLAGS.selector,
  { name: "server-print", type: "bool", default: true, usage: "" },
  { name: "show-kind", type: "bool", default: false, usage: "" },
  { name: "show-labels", type: "bool", default: false, usage: "" },
  { name: "show-managed-fields", type: "bool", default: false, usage: "" },
  { name: "sort-by", type: "string", default: "", usage: "" },
  { name: "subresource", type: "string", default: "", usage: "" },
  { name: "template", type: "string", default: "", usage: "" },
  { name: "watch", shorthand: "w", type: "bool", default: false, usage: "" },
  { name: "watch-only", type: "bool", default: false, usage: "" },
];

export interface GetOptions {
  output: OutputFormat;
  allNamespaces: boolean;
  namespace: string;
  labelSelector: string;
  fieldSelector: string;
  ignoreNotFound: boolean;
  sortBy: string;
  table: Omit<TableOptions, "withKind" | "withNamespace">;
  watch: boolean;
  watchOnly: boolean;
  outputWatchEvents: boolean;
}

export const get: KubectlVerb = { flags: FLAGS, help: HELP, run };

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const output = parseOutputFormat(flags.string("output"), flags.string("template"), (path) =>
    readWorkspaceFile(ctx.env, path),
  );
  if ("error" in output) {
    ctx.stderr(`error: ${output.error}\n`);
    return 1;
  }
  const options: GetOptions = {
    output,
    allNamespaces: flags.bool("all-namespaces"),
    namespace: invocation.namespace,
    labelSelector: flags.string("selector"),
    fieldSelector: flags.string("field-selector"),
    ignoreNotFound: flags.bool("ignore-not-found"),
    sortBy: flags.string("sort-by"),
    table: {
      wide: output.kind === "wide",
      noHeaders: flags.bool("no-headers"),
      showLabels: flags.bool("show-labels"),
      labelColumns: flags.strings("label-columns"),
      customColumns: output.kind === "custom-columns" ? output.columns : undefined,
    },
    watch: flags.bool("watch"),
    watchOnly: flags.bool("watch-only"),
    outputWatchEvents: flags.bool("output-watch-events"),
  };
  const fromFiles = flags.strings("filename").length > 0;
  if (flags.args.length === 0 && !fromFiles) {
    ctx.stderr(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    return usageError(
      ctx,
      "get",
      'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
    );
  }
  const built = fromFiles
    ? targetsFromFiles(invocation)
    : buildTargets({
        args: flags.args,
        namespace: options.namespace,
        allNamespaces: options.allNamespaces,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        allowEmptySelector: true,
        singleResourceType: options.watch || options.watchOnly,
      });
  if ("errors" in built) {
    for (const error of built.errors) ctx.stderr(`error: ${error}\n`);
    return 1;
  }
  if (!built.ok) {
    ctx.stderr(`error: ${built.error}\n`);
    return 1;
  }
  if (options.watch || options.watchOnly) return watch(invocation, options, built.targets);

  const { cluster } = ctx.env;
  const warnings = serverWarnings(built.targets);
  if (warnings) ctx.stderr(warnings);
  const { groups, errors } = fetchTargets(cluster, built.targets, options);
  const shownErrors = options.ignoreNotFound
    ? errors.filter((e) => !(e instanceof Error && "reason" in e && e.reason === "NotFound"))
    : errors;
  if (options.sortBy) {
    for (const group of groups) {
      const sorted = sortObjects(group.objects, options.sortBy);
      if ("error" in sorted) {
        ctx.stderr(`error: ${sorted.error}\n`);
        return 1;
      }
      group.objects = sorted.objects;
    }
  }

  if (output.kind === "table" || output.kind === "wide" || output.kind === "custom-columns") {
    printTables(invocation, options, groups, shownErrors.length > 0);
  } else {
    // printGeneric: a single named object prints bare; its NotFound is the only output.
    if (built.singleItemImplied && shownErrors.length > 0) {
      ctx.stderr(errorLine(shownErrors[0]));
      return 1;
    }
    const objects = groups.flatMap((g) => g.objects);
    if (!(objects.length === 0 && options.ignoreNotFound)) {
      const printed = printObjects(output, objects, built.singleItemImplied && objects.length === 1);
      if ("error" in printed) {
        if (printed.text) ctx.stdout(printed.text);
        ctx.stderr(`error: ${printed.error}\n`);
        return 1;
      }
      ctx.stdout(printed.text);
    }
  }
  for (const error of shownErrors) ctx.stderr(errorLine(error));
  return shownErrors.length > 0 ? 1 : 0;
}

/** The human-readable path of get.go's Run, with its group separators and "No resources found". */
function printTables(
  invocation: KubectlInvocation,
  options: GetOptions,
  groups: readonly FetchedGroup[],
  hadErrors: boolean,
): void {
  const { ctx } = invocation;
  const now = ctx.env.cluster.clock.now();
  const withKind = invocation.flags.bool("show-kind") || new Set(groups.map((g) => g.type)).size > 1;
  let written = "";
  let allNamespaced = !options.allNamespaces;
  for (const group of mergeConsecutive(groups)) {
    allNamespaced &&= group.type.namespaced;
    const text = tableFor(group.type, group.objects as KubeObject[], now, {
      ...options.table,
      withKind,
      withNamespace: options.allNamespaces && group.type.namespaced,
    });
    if (text === "") continue;
    // A blank line between groups, only once something was printed and headers are on.
    if (written !== "" && !options.table.noHeaders) written += "\n";
    written += text;
  }
  ctx.stdout(written);
  if (written === "" && !options.ignoreNotFound && !hadErrors) {
    ctx.stderr(
      allNamespaced ? `No resources found in ${options.namespace} namespace.\n` : "No resources found\n",
    );
  }
}

/** Objects of the same type that follow each other share one table (one header, one alignment). */
function mergeConsecutive(groups: readonly FetchedGroup[]): FetchedGroup[] {
  const merged: FetchedGroup[] = [];
  for (const group of groups) {
    const last = merged.at(-1);
    if (last && last.type === group.type) last.objects = [...last.objects, ...group.objects];
    else merged.push({ ...group, objects: [...group.objects] });
  }
  return merged;
}

/** A workspace file's text (for -o go-template-file / jsonpath-file), or undefined. */
function readWorkspaceFile(env: SandboxEnv, path: string): string | undefined {
  const workspace = env.workspace;
  if (!workspace) return undefined;
  try {
    return workspace.fs.readFile(resolvePath(workspace.cwd, path));
  } catch {
    return undefined;
  }
}
