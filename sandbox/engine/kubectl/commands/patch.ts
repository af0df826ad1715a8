/**
 * kubectl patch (pkg/cmd/patch/patch.go, kubectl.md §13): `-p` (YAML or JSON) or --patch-file,
 * `--type strategic|merge|json`; prints `patched`, or `patched (no change)` when the object came
 * back equal to what it was.
 */
import { applyPatch, type PatchType } from "../../cluster/api/patch.ts";
import { resolvePath } from "../../fs/file-tree.ts";
import { type Json, type JsonObject, jsonEqual } from "../apply/strategic-merge.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/patch.ts";
import { liveTargets } from "../manifests/targets.ts";
import { parseYamlDocument } from "../manifests/yaml-parse.ts";

const FLAGS: readonly FlagSpec[] = [
  DRY_RUN_FLAG,
  COMMON_FLAGS.filename,
  { name: "local", type: "bool", default: false, usage: "" },
  COMMON_FLAGS.output,
  { name: "patch", shorthand: "p", type: "string", default: "", usage: "" },
  { name: "patch-file", type: "string", default: "", usage: "" },
  COMMON_FLAGS.recursive,
  { name: "subresource", type: "string", default: "", usage: "" },
  { name: "type", type: "string", default: "strategic", usage: "" },
  { name: "field-manager", type: "string", default: "kubectl-patch", usage: "" },
];

const PATCH_TYPES = ["json", "merge", "strategic"];

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const fail = (message: string) => {
    ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const patchType = flags.string("type");
  if (!PATCH_TYPES.includes(patchType)) {
    return fail(`--type must be one of [${PATCH_TYPES.join(" ")}], not "${patchType}"`);
  }
  let text = flags.string("patch");
  const patchFile = flags.string("patch-file");
  if (text !== "" && patchFile !== "") return fail("cannot specify --patch and --patch-file together");
  if (patchFile !== "") {
    const workspace = ctx.env.workspace;
    const node = workspace?.fs.stat(resolvePath(workspace.cwd, patchFile));
    if (node?.type !== "file")
      return fail(`unable to read patch file: open ${patchFile}: no such file or directory`);
    text = node.content;
  }
  if (text === "") return fail("must specify --patch or --patch-file containing the contents of the patch");
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") return fail(dryRun.error);
  const parsed = parseYamlDocument(text);
  // patch.go quotes the patch with %q.
  if (!parsed.ok)
    return fail(`unable to parse ${JSON.stringify(text)}: error converting YAML to JSON: ${parsed.error}`);
  const patch = parsed.value as Json;

  const resolved = liveTargets(invocation, { args: flags.args });
  if (!resolved.ok) return fail(resolved.error);
  const errors = [...resolved.errors];
  const cluster = ctx.env.cluster;
  for (const { type, object } of resolved.targets) {
    try {
      const { namespace, name } = object.metadata;
      let changed: boolean;
      if (dryRun === "client") {
        const patched = applyPatch(object as unknown as JsonObject, patchType as PatchType, patch, type.kind);
        changed = !jsonEqual(patched, object as unknown as Json);
      } else {
        // The server writes nothing for a patch that changes nothing, so the resourceVersion tells.
        const result = cluster.api.patch(type.kind, namespace, name, patchType as PatchType, patch, {
          dryRun: dryRun === "server",
        });
        changed =
          dryRun === "server"
            ? !jsonEqual(result as unknown as Json, object as unknown as Json)
            : result.metadata.resourceVersion !== object.metadata.resourceVersion;
      }
      const operation = changed ? "patched" : "patched (no change)";
      ctx.stdout(successLine(type, name, operation, { dryRun, output: flags.string("output") }));
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) ctx.stderr(errorsText(errors));
  return errors.length > 0 ? 1 : 0;
}

export const patch: KubectlVerb = { flags: FLAGS, help: HELP, run };
