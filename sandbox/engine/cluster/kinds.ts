/**
 * The API resources this cluster serves: what discovery tells kubectl. kubectl resolves the
 * type words a learner types (plural, singular, short name, Kind, `plural.group`) against this
 * table, and the API server refuses kinds that are not in it.
 */
export interface ResourceType {
  kind: string;
  /** "" for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
}

const r = (
  kind: string,
  groupVersion: string,
  plural: string,
  shortNames: string[],
  namespaced: boolean,
): ResourceType => {
  const [group, version] = groupVersion.includes("/") ? groupVersion.split("/") : ["", groupVersion];
  return {
    kind,
    group: group!,
    version: version!,
    plural,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced,
  };
};

export const RESOURCE_TYPES: readonly ResourceType[] = [
  r("Namespace", "v1", "namespaces", ["ns"], false),
  r("Node", "v1", "nodes", ["no"], false),
  r("Pod", "v1", "pods", ["po"], true),
  r("Service", "v1", "services", ["svc"], true),
  r("Endpoints", "v1", "endpoints", ["ep"], true),
  r("ConfigMap", "v1", "configmaps", ["cm"], true),
  r("Secret", "v1", "secrets", [], true),
  r("ServiceAccount", "v1", "serviceaccounts", ["sa"], true),
  r("PersistentVolume", "v1", "persistentvolumes", ["pv"], false),
  r("PersistentVolumeClaim", "v1", "persistentvolumeclaims", ["pvc"], true),
  r("Event", "v1", "events", ["ev"], true),
  r("Deployment", "apps/v1", "deployments", ["deploy"], true),
  r("ReplicaSet", "apps/v1", "replicasets", ["rs"], true),
  r("StatefulSet", "apps/v1", "statefulsets", ["sts"], true),
  r("DaemonSet", "apps/v1", "daemonsets", ["ds"], true),
  r("ControllerRevision", "apps/v1", "controllerrevisions", [], true),
  r("EndpointSlice", "discovery.k8s.io/v1", "endpointslices", [], true),
  r("StorageClass", "storage.k8s.io/v1", "storageclasses", ["sc"], false),
];

/** `apps/v1` for StatefulSet, `v1` for Pod. */
export function apiVersionOf(type: ResourceType): string {
  return type.group === "" ? type.version : `${type.group}/${type.version}`;
}

/** The `<plural>[.<group>]` form the API server uses in its messages: `statefulsets.apps "web" not found`. */
export function qualifiedResource(type: ResourceType): string {
  return type.group === "" ? type.plural : `${type.plural}.${type.group}`;
}

/** The first type of each kind, looked up on every API call. */
const TYPE_BY_KIND = new Map<string, ResourceType>();
for (const type of RESOURCE_TYPES) if (!TYPE_BY_KIND.has(type.kind)) TYPE_BY_KIND.set(type.kind, type);

export function resourceTypeForKind(kind: string): ResourceType | undefined {
  return TYPE_BY_KIND.get(kind);
}
