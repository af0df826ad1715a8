import type { HistoryEntry } from "../cluster/history.ts";
import { find, missing, NAMESPACE_PARAM, namespaceOf, ordinalOf, specReplicas } from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/**
 * The StatefulSet was scaled down to `replicas`, and the pods it removed went highest ordinal
 * first, each one only after the one above it was gone (OrderedReady scale-down).
 */
export const scaledDownInReverseOrder: Check = {
  name: "scaled-down-in-reverse-order",
  description:
    "StatefulSet `statefulset` now has `replicas` replicas; the pods above went highest ordinal first, one at a time.",
  params: {
    statefulset: { type: "string", description: "The StatefulSet's name." },
    replicas: { type: "integer", description: "The replica count it was scaled down to." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "statefulset");
    const sts = find(ctx, "StatefulSet", namespace, name);
    if (!sts) return fail(missing(ctx, "StatefulSet", namespace, name));
    const target = optInt(params, "replicas")!;
    if (specReplicas(sts) !== target)
      return fail(`StatefulSet ${name} has ${specReplicas(sts)} replicas, not ${target}`);
    // The last removal of every ordinal at or above the target: when it started and when it ended.
    const removals = new Map<number, { start: number; end: number | undefined }>();
    const entries = ctx.cluster.history.entries({ kind: "Pod", namespace });
    entries.forEach((e: HistoryEntry, index) => {
      const ordinal = ordinalOf(name, e.name);
      if (ordinal === undefined || ordinal < target) return;
      const current = removals.get(ordinal);
      if (e.type === "ADDED") removals.delete(ordinal);
      else if ((e.terminating || e.type === "DELETED") && (!current || current.end !== undefined)) {
        removals.set(ordinal, { start: index, end: e.type === "DELETED" ? index : undefined });
      } else if (e.type === "DELETED" && current) current.end = index;
    });
    if (removals.size === 0)
      return fail(`No pod of ${name} above ordinal ${target - 1} has been removed yet`);
    const still = [...removals].find(([, r]) => r.end === undefined);
    if (still) return fail(`${name}-${still[0]} is still terminating`);
    const order = [...removals].sort(([, a], [, b]) => a.start - b.start);
    for (let i = 1; i < order.length; i++) {
      const [above, previous] = order[i - 1]!;
      const [ordinal, removal] = order[i]!;
      if (ordinal > above)
        return fail(`${name}-${ordinal} was removed after ${name}-${above}: not in reverse order`);
      if (removal.start < previous.end!) {
        return fail(`${name}-${ordinal} started terminating before ${name}-${above} was gone`);
      }
    }
    const names = order.map(([ordinal]) => `${name}-${ordinal}`).join(", then ");
    return pass(`Scaled down to ${target}: ${names}`);
  },
};
