/** Which describer each kind gets; kinds without one use the generic describer (describe.go). */
import type { Cluster } from "../../cluster/cluster.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { describeConfigMap, describeGeneric, describeNamespace, describeSecret } from "./generic.ts";
import { describeEndpointSlice, describeEndpoints, describeService } from "./network.ts";
import { describeNode } from "./node.ts";
import { describePod } from "./pod.ts";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from "./storage.ts";
import { describeDeployment, describeReplicaSet, describeStatefulSet } from "./workloads.ts";

type Describer = (
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
  nowMs: number,
) => string;

const DESCRIBERS: Record<string, Describer> = {
  ConfigMap: (_c, o, e, n) => describeConfigMap(o, e, n),
  Deployment: describeDeployment,
  EndpointSlice: (_c, o, e, n) => describeEndpointSlice(o, e, n),
  Endpoints: (_c, o, e, n) => describeEndpoints(o, e, n),
  Namespace: (_c, o) => describeNamespace(o),
  Node: describeNode,
  PersistentVolume: (_c, o, e, n) => describePersistentVolume(o, e, n),
  PersistentVolumeClaim: describePersistentVolumeClaim,
  Pod: (_c, o, e, n) => describePod(o, e, n),
  ReplicaSet: describeReplicaSet,
  Secret: (_c, o) => describeSecret(o),
  Service: describeService,
  StatefulSet: describeStatefulSet,
  StorageClass: (_c, o, e, n) => describeStorageClass(o, e, n),
};

export function describeObject(
  cluster: Cluster,
  object: KubeObject,
  events: readonly KubeObject[] | undefined,
): string {
  const describer = Object.hasOwn(DESCRIBERS, object.kind) ? DESCRIBERS[object.kind]! : undefined;
  const now = cluster.clock.now();
  return describer ? describer(cluster, object, events, now) : describeGeneric(object, events, now);
}
