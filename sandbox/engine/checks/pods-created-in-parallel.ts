import {
  clockTime,
  find,
  historySince,
  lastEntryBefore,
  missing,
  NAMESPACE_PARAM,
  namespaceOf,
} from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/**
 * The opposite of pods-created-in-order: with podManagementPolicy Parallel, no pod waits for the
 * one before it, so each pod N ≥ 1 was first created while pod N-1 was not yet Ready.
 */
export const podsCreatedInParallel: Check = {
  name: "pods-created-in-parallel",
  description:
    "Since StatefulSet `statefulset` was created, each pod N ≥ 1 was first created before pod N-1 was Ready (Parallel).",
  params: {
    statefulset: { type: "string", description: "The StatefulSet's name." },
    replicas: {
      type: "integer",
      optional: true,
      description: "How many ordinals must have been created (default 2).",
    },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "statefulset");
    const sts = find(ctx, "StatefulSet", namespace, name);
    if (!sts) return fail(missing(ctx, "StatefulSet", namespace, name));
    const count = optInt(params, "replicas") ?? 2;
    const entries = historySince(ctx, sts).filter((e) => e.namespace === namespace);
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const pod = `${name}-${ordinal}`;
      const first = entries.findIndex((e) => e.kind === "Pod" && e.name === pod && e.type === "ADDED");
      if (first < 0) return fail(`${pod} has not been created yet`);
      if (ordinal === 0) continue;
      const previous = `${name}-${ordinal - 1}`;
      const before = lastEntryBefore(entries, first, previous);
      if (before && before.type !== "DELETED" && !before.terminating && before.ready) {
        return fail(
          `${pod} was created at ${clockTime(entries[first]!.time)}, after ${previous} was Ready: the pods were created one at a time`,
        );
      }
    }
    return pass(`Pods ${name}-0 … ${name}-${count - 1} were created without waiting for each other`);
  },
};
