import { find, isPodReady, NAMESPACE_PARAM, namespaceOf, ordinalOf } from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/**
 * A StatefulSet pod was deleted and a new pod (another uid) came back under the same name and is
 * Ready: sticky identity, seen in the history.
 */
export const podRecreatedSameName: Check = {
  name: "pod-recreated-same-name",
  description:
    "A pod of StatefulSet `statefulset` (ordinal `ordinal` if given) was deleted and is back, Ready, under the same name.",
  params: {
    statefulset: { type: "string", description: "The StatefulSet's name." },
    ordinal: { type: "integer", optional: true, description: "Which pod (default: any)." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "statefulset");
    const wanted = optInt(params, "ordinal");
    const entries = ctx.cluster.history.entries({ kind: "Pod", namespace }).filter((e) => {
      const ordinal = ordinalOf(name, e.name);
      return ordinal !== undefined && (wanted === undefined || ordinal === wanted);
    });
    const deleted = new Map<string, Set<string>>();
    for (const e of entries) {
      if (e.type === "DELETED") {
        const uids = deleted.get(e.name) ?? new Set<string>();
        uids.add(e.uid);
        deleted.set(e.name, uids);
      }
    }
    const label = wanted === undefined ? `a pod of ${name}` : `${name}-${wanted}`;
    if (deleted.size === 0) return fail(`${label} has not been deleted yet`);
    for (const [podName, uids] of deleted) {
      const pod = find(ctx, "Pod", namespace, podName);
      if (pod && !uids.has(pod.metadata.uid ?? "") && isPodReady(pod)) {
        return pass(`${podName} was deleted and came back as ${podName}, Ready`);
      }
    }
    return fail(`${[...deleted.keys()].join(", ")} deleted; waiting for the same name to come back Ready`);
  },
};
