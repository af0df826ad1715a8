/**
 * kubectl annotate (pkg/cmd/annotate/annotate.go): like label, but values may hold any text (and
 * `=`), the line always says `annotated`, and an overwrite conflict lists every clashing key in
 * one error. `kubernetes.io/change-cause` may always be overwritten.
 */
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import type { FlagSpec } from "../flags.ts";
import { HELP } from "../help/annotate.ts";
import { type MapEdit, METADATA_EDIT_FLAGS, resourcesAndPairs, runMetadataEdit } from "./label.ts";

const CHANGE_CAUSE = "kubernetes.io/change-cause";

const FLAGS: readonly FlagSpec[] = METADATA_EDIT_FLAGS.map((f) =>
  f.name === "field-manager" ? { ...f, default: "kubectl-annotate" } : f,
);

function parseAnnotations(pairs: string[]): MapEdit | { error: string } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of pairs) {
    const eq = spec.indexOf("=");
    if (eq >= 0) {
      if (eq === 0) return { error: `invalid annotation format: ${spec}` };
      set[spec.slice(0, eq)] = spec.slice(eq + 1);
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      return { error: `invalid annotation format: ${spec}` };
    }
  }
  if (remove.some((key) => Object.hasOwn(set, key)))
    return { error: "can not both modify and remove an annotation in the same command" };
  return { set, remove };
}

async function run(invocation: KubectlInvocation): Promise<number> {
  const fail = (message: string) => {
    invocation.ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const split = resourcesAndPairs(invocation.flags.args, "annotation");
  if ("error" in split) return fail(split.error);
  const edit = parseAnnotations(split.pairs);
  if ("error" in edit) return fail(edit.error);
  const overwrite = invocation.flags.bool("overwrite");
  return runMetadataEdit(
    invocation,
    "annotate",
    edit,
    (object) => {
      const before = { ...(object.metadata.annotations ?? {}) };
      if (!overwrite) {
        const conflicts = Object.entries(edit.set)
          .filter(([k, v]) => k !== CHANGE_CAUSE && Object.hasOwn(before, k) && before[k] !== v)
          .map(([k]) => `'${k}' already has a value (${before[k]})`);
        if (conflicts.length > 0) {
          throw new Error(
            `--overwrite is false but found the following declared annotation(s): ${conflicts.join("; ")}`,
          );
        }
      }
      const after = { ...before, ...edit.set };
      for (const key of edit.remove) delete after[key];
      return {
        object: { ...object, metadata: { ...object.metadata, annotations: after } },
        operation: "annotated",
      };
    },
    split.resources,
  );
}

export const annotate: KubectlVerb = { flags: FLAGS, help: HELP, run };
