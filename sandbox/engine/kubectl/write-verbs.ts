/**
 * The mutating verbs (apply, create, delete, scale, patch, label, annotate, rollout, …),
 * registered into kubectl.ts's verb table in one line so that this list can grow without
 * touching the table others edit.
 */
import type { KubectlVerb } from "./command.ts";
import { annotate } from "./commands/annotate.ts";
import { apply } from "./commands/apply.ts";
import { create } from "./commands/create.ts";
import { deleteVerb } from "./commands/delete.ts";
import { label } from "./commands/label.ts";
import { patch } from "./commands/patch.ts";
import { scale } from "./commands/scale.ts";

export const WRITE_VERBS: Record<string, KubectlVerb> = {
  apply,
  create,
  delete: deleteVerb,
  annotate,
  label,
  patch,
  scale,
};
