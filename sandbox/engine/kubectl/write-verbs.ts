/**
 * The mutating verbs (apply, create, delete, scale, patch, label, annotate, rollout, …),
 * registered into kubectl.ts's verb table in one line so that this list can grow without
 * touching the table others edit.
 */
import type { VerbLoader } from "./command.ts";

export const WRITE_VERBS: Record<string, VerbLoader> = {
  apply: async () => (await import("./commands/apply.ts")).apply,
  create: async () => (await import("./commands/create.ts")).create,
  delete: async () => (await import("./commands/delete.ts")).deleteVerb,
  annotate: async () => (await import("./commands/annotate.ts")).annotate,
  label: async () => (await import("./commands/label.ts")).label,
  patch: async () => (await import("./commands/patch.ts")).patch,
  rollout: async () => (await import("./commands/rollout.ts")).rollout,
  scale: async () => (await import("./commands/scale.ts")).scale,
  cordon: async () => (await import("./commands/cordon.ts")).cordon,
  uncordon: async () => (await import("./commands/cordon.ts")).uncordon,
  drain: async () => (await import("./commands/drain.ts")).drain,
  run: async () => (await import("./commands/run.ts")).runVerb,
  expose: async () => (await import("./commands/expose.ts")).expose,
  set: async () => (await import("./commands/set.ts")).set,
  wait: async () => (await import("./commands/wait.ts")).wait,
  edit: async () => (await import("./commands/edit.ts")).edit,
};
