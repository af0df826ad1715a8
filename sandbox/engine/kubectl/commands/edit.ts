/**
 * kubectl edit (pkg/cmd/edit, pkg/cmd/util/editor; kubectl.md §13). The sandbox has no `vi`, so
 * without a host editor kubectl answers as the real client does when its editor cannot start:
 * `error: unable to launch the editor "vi"`. The browser UI can provide one by putting an
 * `editor` function on the SandboxEnv (see EditorHost): it gets the YAML kubectl would have
 * written to the temp file and resolves to the saved text, or null when the learner closes it.
 */
import { ApiError } from "../../cluster/errors.ts";
import { qualifiedResource, type ResourceType } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { isObject, type Json, type JsonObject, jsonEqual, threeWayPatch } from "../apply/strategic-merge.ts";
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
    status = Math.max(status, await editOne(invocation, editor, type, object));
  }
  return status;
}

/**
 * One object through kubectl's edit loop (editoptions.go): the file opens with the header and the
 * object's YAML; when the API rejects the saved object as Invalid, or it does not parse, the file
 * reopens with the reasons in its header and the learner's text below; saving it unchanged then
 * gives up, keeping a copy in /tmp. Closing the editor without saving leaves the file as it was.
 */
async function editOne(
  { ctx }: KubectlInvocation,
  editor: NonNullable<EditorHost["editor"]>,
  type: ResourceType,
  object: KubeObject,
): Promise<number> {
  const original = toYaml(object);
  let content = EDIT_HEADER + original;
  /** After a failed attempt: the text that failed, without comments. */
  let failed: string | undefined;
  for (;;) {
    const saved = (await editor({ name: `${object.metadata.name}.yaml`, content })) ?? content;
    const body = stripComments(saved);
    if (failed !== undefined && body === failed) {
      const file = `/tmp/kubectl-edit-${1_000_000_000 + ctx.env.cluster.rng.int(1_000_000_000)}.yaml`;
      const now = ctx.env.cluster.clock.now();
      ctx.env.workspace?.fs.mkdir("/tmp", now, { parents: true });
      ctx.env.workspace?.fs.writeFile(file, saved, now);
      ctx.stderr(
        `A copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.\n`,
      );
      return 1;
    }
    if (body === stripComments(EDIT_HEADER + original)) {
      ctx.stderr("Edit cancelled, no changes made.\n");
      return 0;
    }
    if (body.trim() === "") {
      ctx.stderr("Edit cancelled, saved file was empty.\n");
      return 0;
    }
    const reopen = (reasons: string) => {
      failed = body;
      content = `${EDIT_HEADER}${reasons}#\n${body}`;
    };
    const parsed = parseYamlDocument(body);
    if (!parsed.ok || !isObject(parsed.value as Json)) {
      reopen(
        `# The edited file had a syntax error: ${parsed.ok ? "the edited file is not an object" : `error converting YAML to JSON: ${parsed.error}`}\n`,
      );
      continue;
    }
    const edited = parsed.value as unknown as KubeObject;
    if (jsonEqual(edited as unknown as Json, JSON.parse(JSON.stringify(object)) as Json)) {
      ctx.stderr("Edit cancelled, no changes made.\n");
      return 0;
    }
    try {
      // kubectl sends the difference as a two-way strategic merge patch, so the controllers' own
      // writes while the editor was open (status, resourceVersion) are no conflict.
      const before = JSON.parse(JSON.stringify(object)) as JsonObject;
      const patch = threeWayPatch(before, edited as unknown as JsonObject, before, type.kind);
      ctx.env.cluster.api.patch(
        type.kind,
        object.metadata.namespace,
        object.metadata.name,
        "strategic",
        patch,
      );
      ctx.stdout(successLine(type, object.metadata.name, "edited"));
      return 0;
    } catch (error) {
      if (error instanceof ApiError && error.reason === "Invalid") {
        const resource = `${qualifiedResource(type)} "${object.metadata.name}"`;
        ctx.stderr(`error: ${resource} is invalid\n`);
        const causes = [...new Set(error.causes.map((c) => c.message))];
        reopen(
          `# ${resource} was not valid:\n${causes.map((c) => `# * ${c.replaceAll("\n", "\n# ")}\n`).join("")}`,
        );
        continue;
      }
      ctx.stderr(`${errorLine(error)}error: Edit cancelled, no valid changes were saved.\n`);
      return 1;
    }
  }
}

export const edit: KubectlVerb = { flags: FLAGS, help: HELP, run };
