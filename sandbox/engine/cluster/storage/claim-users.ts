/** Which pods use a claim: shared by pvc-protection and the binder's WaitForPodScheduled event. */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
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

const isTerminated = (pod: KubeObject) => {
  const phase = (pod as unknown as Pod).status?.phase;
  return phase === "Succeeded" || phase === "Failed";
};

/** Pods in the claim's namespace that reference it and have not finished (Pending ones count). */
export function podsUsingClaim(cluster: Cluster, claim: KubeObject): KubeObject[] {
  return cluster.api
    .list("Pod", { namespace: claim.metadata.namespace })
    .filter((pod) => !isTerminated(pod) && claimNamesOf(pod).includes(claim.metadata.name));
}

/** Pods that reference the claim and have no node yet (the scheduler still has to place them). */
export function unscheduledPodsUsingClaim(cluster: Cluster, claim: KubeObject): KubeObject[] {
  return podsUsingClaim(cluster, claim).filter((pod) => !(pod as unknown as Pod).spec?.nodeName);
}
