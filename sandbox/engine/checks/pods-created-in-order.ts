import {
  clockTime,
  find,
  historySince,
  lastEntryBefore,
  missing,
  NAMESPACE_PARAM,
  namespaceOf,
  specReplicas,
} from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/**
 * An order check no real cluster can answer after the fact: every pod `<sts>-N` (N ≥ 1) was
 * created only while `<sts>-(N-1)` was Ready, read from the change history since the
 * StatefulSet was created.
 */
export const podsCreatedInOrder: Check = {
  name: "pods-created-in-order",
  description:
    "Since StatefulSet `statefulset` was created, each pod N ≥ 1 was created only after pod N-1 was Ready.",
  params: {
    statefulset: { type: "string", description: "The StatefulSet's name." },
    replicas: {
      type: "integer",
      optional: true,
      description:
        "How many ordinals must have been created (default: the StatefulSet's replicas, at least 2).",
    },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "statefulset");
    const sts = find(ctx, "StatefulSet", namespace, name);
    if (!sts) return fail(missing(ctx, "StatefulSet", namespace, name));
    const count = optInt(params, "replicas") ?? Math.max(2, specReplicas(sts));
    const entries = historySince(ctx, sts).filter((e) => e.namespace === namespace);
    for (let ordinal = 0; ordinal < count; ordinal++) {
      const pod = `${name}-${ordinal}`;
      const creations = entries.flatMap((e, index) =>
        e.kind === "Pod" && e.name === pod && e.type === "ADDED" ? [index] : [],
      );
      if (creations.length === 0) return fail(`${pod} has not been created yet`);
      if (ordinal === 0) continue;
      const previous = `${name}-${ordinal - 1}`;
      for (const index of creations) {
        const before = lastEntryBefore(entries, index, previous);
        if (!before || before.type === "DELETED" || before.terminating || !before.ready) {
          return fail(
            `${pod} was created at ${clockTime(entries[index]!.time)} while ${previous} was not Ready`,
          );
        }
      }
    }
    return pass(`Pods ${name}-0 … ${name}-${count - 1} were each created after the one before was Ready`);
  },
};
