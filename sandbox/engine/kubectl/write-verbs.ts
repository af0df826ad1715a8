/**
 * The mutating verbs (apply, create, delete, scale, patch, label, annotate, rollout, …),
 * registered into kubectl.ts's verb table in one line so that this list can grow without
 * touching the table others edit.
 */
import type { KubectlVerb } from "./command.ts";
import { annotate } from "./commands/annotate.ts";
import { apply } from "./commands/apply.ts";
import { cordon, uncordon } from "./commands/cordon.ts";
import { create } from "./commands/create.ts";
import { deleteVerb } from "./commands/delete.ts";
import { drain } from "./commands/drain.ts";
import { edit } from "./commands/edit.ts";
import { expose } from "./commands/expose.ts";
import { label } from "./commands/label.ts";
import { patch } from "./commands/patch.ts";
import { rollout } from "./commands/rollout.ts";
import { runVerb } from "./commands/run.ts";
import { scale } from "./commands/scale.ts";
import { set } from "./commands/set.ts";
import { wait } from "./commands/wait.ts";

export const WRITE_VERBS: Record<string, KubectlVerb> = {
  apply,
  create,
  delete: deleteVerb,
  annotate,
  label,
  patch,
  rollout,
  scale,
  cordon,
  uncordon,
  drain,
  run: runVerb,
  expose,
  set,
  wait,
  edit,
};
