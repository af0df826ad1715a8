/**
 * kubectl edit (pkg/cmd/edit, pkg/cmd/util/editor; kubectl.md §13). The sandbox has no `vi`, so
 * without a host editor kubectl answers as the real client does when its editor cannot start:
 * `error: unable to launch the editor "vi"`. The browser UI can provide one by putting an
 * `editor` function on the SandboxEnv (see EditorHost): it gets the YAML kubectl would have
 * written to the temp file and resolves to the saved text, or null when the learner closes it.
 */
import type { KubeObject } from "../../cluster/types.ts";
import { isObject, type Json, jsonEqual } from "../apply/strategic-merge.ts";
import { successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorLine, errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/edit.ts";
import { liveTargets } from "../manifests/targets.ts";
import { parseYamlDocument } from "../manifests/yaml-parse.ts";
import { toYaml } from "../printers/serialize.ts";

/** What a host (the browser UI) may add to the SandboxEnv so that `kubectl edit` can open a file. */
export interface EditorHost {
  editor?: (file: { name: string; content: string }) => Promise<string | null>;
}

/** The comment kubectl puts above the object in the temp file. */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

const FLAGS: readonly FlagSpec[] = [
  COMMON_FLAGS.filename,
  COMMON_FLAGS.output,
  COMMON_FLAGS.recursive,
  { name: "save-config", type: "bool", default: false, usage: "" },
  { name: "validate", type: "string", default: "strict", usage: "" },
  { name: "windows-line-endings", type: "bool", default: false, usage: "" },
  { name: "subresource", type: "string", default: "", usage: "" },
  { name: "field-manager", type: "string", default: "kubectl-edit", usage: "" },
];

/** The saved text without comment lines; empty when nothing but comments and blanks is left. */
function stripComments(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n");
}

async function run(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const resolved = liveTargets(invocation, { args: flags.args });
  if (!resolved.ok) {
    ctx.stderr(`error: ${resolved.error}\n`);
    return 1;
  }
  if (resolved.errors.length > 0) {
    ctx.stderr(errorsText(resolved.errors));
    return 1;
  }
  const editor = (ctx.env as typeof ctx.env & EditorHost).editor;
  if (!editor) {
    ctx.stderr('error: unable to launch the editor "vi"\n');
    return 1;
  }
  let status = 0;
  for (const { type, object } of resolved.targets) {
    const saved = await editor({
      name: `${object.metadata.name}.yaml`,
      content: EDIT_HEADER + toYaml(object),
    });
    const body = saved === null ? null : stripComments(saved);
    if (body === null || body.trim() === "") {
      ctx.stderr(
        body === null ? "Edit cancelled, no changes made.\n" : "Edit cancelled, saved file was empty.\n",
      );
      continue;
    }
    const parsed = parseYamlDocument(body);
    if (!parsed.ok || !isObject(parsed.value as Json)) {
      ctx.stderr(
        `error: ${parsed.ok ? "the edited file is not an object" : `error converting YAML to JSON: ${parsed.error}`}\n`,
      );
      status = 1;
      continue;
    }
    const edited = parsed.value as unknown as KubeObject;
    if (jsonEqual(edited as unknown as Json, JSON.parse(JSON.stringify(object)) as Json)) {
      ctx.stderr("Edit cancelled, no changes made.\n");
      continue;
    }
    try {
      ctx.env.cluster.api.update(edited);
      ctx.stdout(successLine(type, object.metadata.name, "edited"));
    } catch (error) {
      ctx.stderr(`${errorLine(error)}error: Edit cancelled, no valid changes were saved.\n`);
      status = 1;
    }
  }
  return status;
}

export const edit: KubectlVerb = { flags: FLAGS, help: HELP, run };
