import { find } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A PersistentVolume is in a phase: Available, Bound, Released or Failed. */
export const pvPhase: Check = {
  name: "pv-phase",
  description:
    "PersistentVolume `name` exists and its phase is `phase` (Available, Bound, Released, Failed).",
  params: {
    name: { type: "string", description: "The volume's name, e.g. manual-pv." },
    phase: { type: "string", description: "Available, Bound, Released or Failed." },
  },
  run(ctx, params) {
    const name = str(params, "name");
    const phase = str(params, "phase");
    const volume = find(ctx, "PersistentVolume", "", name);
    if (!volume) return fail(`There is no PersistentVolume ${name}`);
    const actual = (volume.status as { phase?: string } | undefined)?.phase ?? "Pending";
    return actual === phase
      ? pass(`Volume ${name} is ${phase}`)
      : fail(`Volume ${name} is ${actual}, not ${phase}`);
  },
};
