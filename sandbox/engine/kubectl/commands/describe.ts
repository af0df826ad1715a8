/**
 * kubectl describe (pkg/cmd/describe): resolve the arguments like get, describe each object with
 * its kind's describer and its events, separated by blank lines. A single name that does not
 * exist falls back to every object of that type whose name starts with it, as kubectl does.
 */
import { ApiError } from "../../cluster/errors.ts";
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { eventsFor } from "../describe/common.ts";
import { describeObject } from "../describe/registry.ts";
import { errorLine } from "../errors.ts";
import { fetchTargets, listObjects, serverWarnings } from "../fetch.ts";
import { targetsFromFiles } from "../file-targets.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/describe.ts";
import { escapeTerminal } from "../printers/terminal.ts";
import { buildTargets, resolveType } from "../resources.ts";

const FLAGS: readonly FlagSpec[] = [
  COMMON_FLAGS.allNamespaces,
  { name: "chunk-size", type: "int", default: 500, usage: "" },
  COMMON_FLAGS.filename,
  { name: "kustomize", shorthand: "k", type: "string", default: "", usage: "" },
  COMMON_FLAGS.recursive,
  COMMON_FLAGS.selector,
  { name: "show-events", type: "bool", default: true, usage: "" },
];

export const describe: KubectlVerb = { flags: FLAGS, help: HELP, run };

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const { cluster } = ctx.env;
  const fromFiles = flags.strings("filename").length > 0;
  if (flags.args.length === 0 && !fromFiles) {
    ctx.stderr(
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
    return 1;
  }
  const allNamespaces = flags.bool("all-namespaces");
  const selectors = { labelSelector: flags.string("selector"), fieldSelector: "" };
  const built = fromFiles
    ? targetsFromFiles(invocation)
    : buildTargets({
        args: flags.args,
        namespace: invocation.namespace,
        allNamespaces,
        ...selectors,
        allowEmptySelector: true,
      });
  if ("errors" in built) {
    for (const error of built.errors) ctx.stderr(`error: ${error}\n`);
    return 1;
  }
  if (!built.ok) {
    ctx.stderr(`error: ${built.error}\n`);
    return 1;
  }
  const warnings = serverWarnings(built.targets);
  if (warnings) ctx.stderr(warnings);
  let { groups, errors } = fetchTargets(cluster, built.targets, selectors);
  const first = errors[0];
  const onlyTarget = built.targets.length === 1 ? built.targets[0] : undefined;
  if (
    first instanceof ApiError &&
    first.reason === "NotFound" &&
    flags.args.length === 2 &&
    onlyTarget?.name
  ) {
    // DescribeMatchingResources: `describe pods web` describes web-0, web-1, ...
    const matching = listObjects(cluster, onlyTarget.type, onlyTarget.namespace, selectors).filter((o) =>
      o.metadata.name.startsWith(onlyTarget.name!),
    );
    if (matching.length > 0) {
      groups = [{ type: onlyTarget.type, namespace: onlyTarget.namespace, objects: matching, isList: true }];
      errors = [];
    }
  }
  const objects: KubeObject[] = groups.flatMap((g) => g.objects);
  const showEvents = flags.bool("show-events");
  // Every line describe writes goes through printers.WriteEscaped (ESC as ^[, CR as \r).
  const texts = objects.map((object) =>
    escapeTerminal(describeObject(cluster, object, showEvents ? eventsFor(cluster, object) : undefined)),
  );
  if (texts.length > 0) ctx.stdout(texts.join("\n\n"));
  for (const error of errors) ctx.stderr(errorLine(error));
  if (objects.length === 0 && errors.length === 0) {
    const namespaced = !allNamespaces && built.targets.every((t) => resolveType(t.type.plural)?.namespaced);
    ctx.stderr(
      namespaced ? `No resources found in ${invocation.namespace} namespace.\n` : "No resources found\n",
    );
  }
  return errors.length > 0 ? 1 : 0;
}
