/**
 * The top level of the kinds lessons use, with the API's own v1.34 wording where kubernetes-types
 * (the source of explain-types.ts, the generated schema of every nested type) flattened it. A
 * kind here overrides its generated entry; its fields lead to the generated types of the same name.
 */

export interface ExplainField {
  name: string;
  /** The type as kubectl's template guesses it: `string`, `[]Container`, `map[string]string`, `Object`. */
  type: string;
  description: string;
  required?: boolean;
  enum?: string[];
  /** The named type the field leads to (through lists and maps), when there is one. */
  ref?: string;
}

export interface ExplainType {
  description: string;
  fields: ExplainField[];
}

const SPEC_STATUS =
  "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status";

const COMMON: ExplainField[] = [
  {
    name: "apiVersion",
    type: "string",
    description:
      "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  },
  {
    name: "kind",
    type: "string",
    description:
      "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  },
  {
    name: "metadata",
    type: "ObjectMeta",
    description:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  },
];

const withSpec = (kind: string, description: string, spec: string, status: string): ExplainType => ({
  description,
  fields: [
    ...COMMON,
    { name: "spec", type: `${kind}Spec`, description: spec },
    { name: "status", type: `${kind}Status`, description: status },
  ],
});

export const EXPLAIN_SCHEMAS: Record<string, ExplainType> = {
  Pod: withSpec(
    "Pod",
    "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
    `Specification of the desired behavior of the pod. More info: ${SPEC_STATUS}`,
    `Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: ${SPEC_STATUS}`,
  ),
  Deployment: withSpec(
    "Deployment",
    "Deployment enables declarative updates for Pods and ReplicaSets.",
    "Specification of the desired behavior of the Deployment.",
    "Most recently observed status of the Deployment.",
  ),
  ReplicaSet: withSpec(
    "ReplicaSet",
    "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
    `Spec defines the specification of the desired behavior of the ReplicaSet. More info: ${SPEC_STATUS}`,
    `Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: ${SPEC_STATUS}`,
  ),
  StatefulSet: withSpec(
    "StatefulSet",
    "StatefulSet represents a set of pods with consistent identities. Identities are defined as:\n  - Network: A single stable DNS and hostname.\n  - Storage: As many VolumeClaims as requested.\n\nThe StatefulSet guarantees that a given network identity will always map to the same storage identity.",
    "Spec defines the desired identities of pods in this set.",
    "Status is the current status of Pods in this StatefulSet. This data may be out of date by some window of time.",
  ),
  Service: withSpec(
    "Service",
    "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
    `Spec defines the behavior of a service. ${SPEC_STATUS}`,
    `Most recently observed status of the service. Populated by the system. Read-only. More info: ${SPEC_STATUS}`,
  ),
  PersistentVolumeClaim: withSpec(
    "PersistentVolumeClaim",
    "PersistentVolumeClaim is a user's request for and claim to a persistent volume",
    "spec defines the desired characteristics of a volume requested by a pod author. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
    "status represents the current information/status of a persistent volume claim. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims",
  ),
  PersistentVolume: withSpec(
    "PersistentVolume",
    "PersistentVolume (PV) is a storage resource provisioned by an administrator. It is analogous to a node. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes",
    "spec defines a specification of a persistent volume owned by the cluster. Provisioned by an administrator. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes",
    "status represents the current information/status for the persistent volume. Populated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes",
  ),
};
