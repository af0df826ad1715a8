import { find } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A node's Ready condition is (or is not) True, as `kubectl get nodes` shows Ready / NotReady. */
export const nodeReady: Check = {
  name: "node-ready",
  description: "Node `name` is Ready (or, with `ready: false`, NotReady).",
  params: {
    name: { type: "string", description: "The node's name, e.g. kind-worker." },
    ready: { type: "boolean", optional: true, description: "Whether it must be Ready (default true)." },
  },
  run(ctx, params) {
    const name = str(params, "name");
    const want = params.ready !== false;
    const node = find(ctx, "Node", "", name);
    if (!node) return fail(`There is no node ${name}`);
    const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)
      ?.conditions;
    const ready = conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    const state = ready ? "Ready" : "NotReady";
    return ready === want ? pass(`Node ${name} is ${state}`) : fail(`Node ${name} is ${state}`);
  },
};
