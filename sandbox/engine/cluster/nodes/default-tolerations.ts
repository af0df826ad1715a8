/**
 * The DefaultTolerationSeconds admission plugin: every new pod that does not already tolerate
 * them gets `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s` and the same for
 * `unreachable` — which is why pods on a dead node are evicted five minutes after it goes
 * NotReady.
 */
import type { Toleration } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";

export const DEFAULT_TOLERATION_SECONDS = 300;

export function admitDefaultTolerationSeconds(
  _cluster: Cluster,
  object: KubeObject,
  old: KubeObject | undefined,
): KubeObject {
  if (object.kind !== "Pod" || old !== undefined) return object;
  const spec = (object.spec ?? {}) as { tolerations?: Toleration[] };
  const tolerations = [...(spec.tolerations ?? [])];
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    // Like the plugin: any toleration naming the key with NoExecute (or all effects) counts.
    const covered = tolerations.some(
      (t) =>
        (t.key === key || (!t.key && t.operator === "Exists")) && (!t.effect || t.effect === "NoExecute"),
    );
    if (!covered)
      tolerations.push({
        effect: "NoExecute",
        key,
        operator: "Exists",
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      });
  }
  return { ...object, spec: { ...spec, tolerations } };
}
