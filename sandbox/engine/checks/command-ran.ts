import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/**
 * The learner ran a command: for observation tasks ("ask the cluster its version") that leave
 * no trace in the cluster. Prefer a state or history check whenever the task changes something.
 */
export const commandRan: Check = {
  name: "command-ran",
  description: "A command line containing `contains` was run and (unless `succeeded: false`) exited 0.",
  params: {
    contains: {
      type: "string",
      description: "Text the command line must contain, e.g. `kubectl get nodes`.",
    },
    succeeded: {
      type: "boolean",
      optional: true,
      description: "Whether it must have exited 0 (default true).",
    },
  },
  run(ctx, params) {
    const text = str(params, "contains");
    const mustSucceed = params.succeeded !== false;
    const runs = ctx.commands.filter((c) => c.line.includes(text));
    if (runs.length === 0) return fail(`\`${text}\` has not been run yet`);
    if (mustSucceed && !runs.some((c) => c.status === 0)) return fail(`\`${text}\` ran but did not succeed`);
    return pass(`\`${text}\` was run`);
  },
};
