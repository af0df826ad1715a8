/** Which pods use a claim: shared by pvc-protection and the binder's WaitForPodScheduled event. */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import { namespacedKey } from "../object-keys.ts";
import { keysBySpec } from "../store.ts";
import type { KubeObject } from "../types.ts";

/** The claim names a pod's volumes refer to (generic ephemeral volumes are `<pod>-<volume>`). */
export function claimNamesOf(pod: KubeObject): string[] {
  const names: string[] = [];
  for (const volume of (pod as unknown as Pod).spec?.volumes ?? []) {
    if (volume.persistentVolumeClaim?.claimName) names.push(volume.persistentVolumeClaim.claimName);
    else if (volume.ephemeral) names.push(`${pod.metadata.name}-${volume.name}`);
  }
  return names;
}

/** Succeeded or Failed: a finished pod no longer uses its claims. */
export const isTerminated = (pod: KubeObject) => {
  const phase = (pod as unknown as Pod).status?.phase;
  return phase === "Succeeded" || phase === "Failed";
};

/** Pods in the claim's namespace that reference it and have not finished (Pending ones count). */
export function podsUsingClaim(cluster: Cluster, claim: KubeObject): KubeObject[] {
  const { namespace, name } = claim.metadata;
  if (namespace === undefined) {
    return cluster.api.list("Pod").filter((pod) => !isTerminated(pod) && claimNamesOf(pod).includes(name));
  }
  // The index files a pod under `<its namespace>/<claim>` for each claim it names: those are the
  // pods of this namespace that name this claim.
  return cluster.store
    .indexed("Pod", "claim-users/claim-names", claimKeysOf, namespacedKey(namespace, name))
    .filter((pod) => !isTerminated(pod));
}

/**
 * `<namespace>/<claim>` for each claim a pod refers to: the store index podsUsingClaim reads. The
 * keys are namespacedKey's (made once each), so a lookup hashes no new string.
 */
const claimKeysOf = keysBySpec((pod) =>
  claimNamesOf(pod).map((claim) => namespacedKey(pod.metadata.namespace ?? "", claim)),
);

/** Pods that reference the claim and have no node yet (the scheduler still has to place them). */
export function unscheduledPodsUsingClaim(cluster: Cluster, claim: KubeObject): KubeObject[] {
  return podsUsingClaim(cluster, claim).filter((pod) => !(pod as unknown as Pod).spec?.nodeName);
}
