/**
 * kubectl apply (pkg/cmd/apply/apply.go): read every -f object first, then apply them one by one,
 * printing each success line as it happens; read errors and per-object errors are collected and
 * printed at the end (after the success lines), exit 1 if there were any (kubectl.md §7).
 */
import { ApiError } from "../../cluster/errors.ts";
import {
  type ApplyOutcome,
  applyObject,
  PatchError,
  patchErrorMessage,
  serverSideApply,
} from "../apply/apply-object.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText, withSource } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/apply.ts";
import { objectsFromFiles } from "../manifests/from-flags.ts";
import { parseOutputFormat, printObjects } from "../printers/output.ts";

const FLAGS: readonly FlagSpec[] = [
  COMMON_FLAGS.filename,
  COMMON_FLAGS.recursive,
  COMMON_FLAGS.output,
  COMMON_FLAGS.selector,
  DRY_RUN_FLAG,
  { name: "validate", type: "string", default: "strict", usage: "" },
  { name: "server-side", type: "bool", default: false, usage: "" },
  { name: "force", type: "bool", default: false, usage: "" },
  { name: "overwrite", type: "bool", default: true, usage: "" },
  { name: "prune", type: "bool", default: false, usage: "" },
  { name: "field-manager", type: "string", default: "kubectl-client-side-apply", usage: "" },
  { name: "kustomize", shorthand: "k", type: "string", default: "", usage: "" },
  { name: "wait", type: "bool", default: false, usage: "" },
];

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") {
    ctx.stderr(`error: ${dryRun.error}\n`);
    return 1;
  }
  const output = flags.string("output");
  const format = parseOutputFormat(output);
  if ("error" in format) {
    ctx.stderr(`error: ${format.error}\n`);
    return 1;
  }
  if (flags.strings("filename").length === 0) {
    ctx.stderr("error: must specify one of -f and -k\n");
    return 1;
  }
  const read = objectsFromFiles(invocation);
  if ("fatal" in read) {
    ctx.stderr(errorsText(read.fatal.map((m) => new Error(m))));
    return 1;
  }
  const errors: unknown[] = read.errors.map((m) => new Error(m));
  if (read.manifests.length === 0 && errors.length === 0) {
    ctx.stderr("error: no objects passed to apply\n");
    return 1;
  }
  const cluster = ctx.env.cluster;
  let printedCount = 0;
  const strict = !["false", "ignore", "warn"].includes(flags.string("validate"));
  for (const { object, type, source } of read.manifests) {
    let outcome: ApplyOutcome;
    try {
      outcome = flags.bool("server-side")
        ? serverSideApply(cluster, type, object, dryRun, strict)
        : applyObject(cluster, type, object, dryRun, strict);
    } catch (error) {
      if (error instanceof PatchError) {
        const { reason, causes, details } = error.cause;
        errors.push(new ApiError(reason, patchErrorMessage(error, type, object, source), causes, details));
      } else {
        errors.push(withSource(error, "creating", source));
      }
      continue;
    }
    for (const warning of outcome.warnings) ctx.stderr(`Warning: ${warning}\n`);
    if (output === "" || output === "name") {
      ctx.stdout(successLine(type, object.metadata.name, outcome.operation, { dryRun, output }));
      continue;
    }
    // Like cli-runtime's YAML printer, documents after the first are preceded by `---`.
    const printed = printObjects(format, [outcome.object], true);
    if ("error" in printed) errors.push(new Error(printed.error));
    else ctx.stdout(`${format.kind === "yaml" && printedCount++ > 0 ? "---\n" : ""}${printed.text}`);
  }
  if (errors.length > 0) ctx.stderr(errorsText(errors));
  return errors.length > 0 ? 1 : 0;
}

export const apply: KubectlVerb = { flags: FLAGS, help: HELP, run };
