/**
 * What the generated schema gets wrong, put right. kubernetes-types describes the API in
 * TypeScript, so the generator only sees `number` and `string`: Go's int32/int64 fields come out as
 * numbers (`replicas: 2.5` would pass) and Go's string enums as free strings
 * (`podManagementPolicy: Sometimes` would pass). These tables restore what the API server checks.
 * Every entry names a definition and a property that must exist: `refine` throws when one is
 * missing, so a change in kubernetes-types cannot silently drop a refinement.
 */

/** A JSON schema node, as loosely as the generator's output needs. */
export interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
  [key: string]: unknown;
}

/**
 * Number fields that really are numbers. The API's conventions rule out floats in the groups the
 * sandbox serves, so every other `number` becomes `integer`.
 */
export const NOT_INTEGER: readonly string[] = [];

const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/**
 * `Definition.property` → the values the API server accepts (k8s.io/api core/v1, apps/v1,
 * storage/v1, discovery/v1 `+enum` types). For arrays the values apply to the items.
 */
export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  "StatefulSetSpec.podManagementPolicy": ["OrderedReady", "Parallel"],
  "StatefulSetUpdateStrategy.type": ["RollingUpdate", "OnDelete"],
  "StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted": ["Retain", "Delete"],
  "StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled": ["Retain", "Delete"],
  "DeploymentStrategy.type": ["Recreate", "RollingUpdate"],
  "PersistentVolumeClaimSpec.accessModes": ACCESS_MODES,
  "PersistentVolumeSpec.accessModes": ACCESS_MODES,
  "PersistentVolumeClaimSpec.volumeMode": ["Filesystem", "Block"],
  "PersistentVolumeSpec.volumeMode": ["Filesystem", "Block"],
  "PersistentVolumeSpec.persistentVolumeReclaimPolicy": ["Retain", "Delete", "Recycle"],
  "StorageClass.reclaimPolicy": ["Retain", "Delete"],
  "StorageClass.volumeBindingMode": ["Immediate", "WaitForFirstConsumer"],
  "ServiceSpec.type": ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"],
  "ServiceSpec.sessionAffinity": ["ClientIP", "None"],
  "ServiceSpec.externalTrafficPolicy": ["Cluster", "Local"],
  "ServiceSpec.internalTrafficPolicy": ["Cluster", "Local"],
  "ServiceSpec.ipFamilyPolicy": ["SingleStack", "PreferDualStack", "RequireDualStack"],
  "ServiceSpec.ipFamilies": ["IPv4", "IPv6"],
  "ServicePort.protocol": PROTOCOLS,
  "ContainerPort.protocol": PROTOCOLS,
  "EndpointPort.protocol": PROTOCOLS,
  "EndpointSlice.addressType": ["IPv4", "IPv6", "FQDN"],
  "PodSpec.restartPolicy": ["Always", "OnFailure", "Never"],
  "PodSpec.dnsPolicy": ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
  "Container.imagePullPolicy": ["Always", "IfNotPresent", "Never"],
  "Container.terminationMessagePolicy": ["File", "FallbackToLogsOnError"],
  "Container.restartPolicy": ["Always"],
  "VolumeMount.mountPropagation": ["None", "HostToContainer", "Bidirectional"],
  "HTTPGetAction.scheme": ["HTTP", "HTTPS"],
  "LabelSelectorRequirement.operator": SELECTOR_OPERATORS,
  "NodeSelectorRequirement.operator": [...SELECTOR_OPERATORS, "Gt", "Lt"],
  "Toleration.operator": ["Exists", "Equal"],
  "Toleration.effect": TAINT_EFFECTS,
  "Taint.effect": TAINT_EFFECTS,
  "Event.type": ["Normal", "Warning"],
};

/** `Definition.property` → inclusive bounds the API server validates. */
export const RANGES: Readonly<Record<string, { minimum?: number; maximum?: number }>> = {
  "StatefulSetSpec.replicas": { minimum: 0 },
  "DeploymentSpec.replicas": { minimum: 0 },
  "ReplicaSetSpec.replicas": { minimum: 0 },
  "StatefulSetSpec.minReadySeconds": { minimum: 0 },
  "DeploymentSpec.minReadySeconds": { minimum: 0 },
  "StatefulSetSpec.revisionHistoryLimit": { minimum: 0 },
  "DeploymentSpec.revisionHistoryLimit": { minimum: 0 },
  "StatefulSetOrdinals.start": { minimum: 0 },
  "ContainerPort.containerPort": { minimum: 1, maximum: 65535 },
  "ContainerPort.hostPort": { minimum: 1, maximum: 65535 },
  "ServicePort.port": { minimum: 1, maximum: 65535 },
  "ServicePort.nodePort": { minimum: 0, maximum: 65535 },
  "EndpointPort.port": { minimum: 1, maximum: 65535 },
  "PodSpec.terminationGracePeriodSeconds": { minimum: 0 },
  "Probe.initialDelaySeconds": { minimum: 0 },
  "Probe.periodSeconds": { minimum: 1 },
  "Probe.timeoutSeconds": { minimum: 1 },
  "Probe.successThreshold": { minimum: 1 },
  "Probe.failureThreshold": { minimum: 1 },
};

function property(definitions: Record<string, SchemaNode>, path: string): SchemaNode {
  const [definition = "", name = ""] = path.split(".");
  const found = definitions[definition]?.properties?.[name];
  if (!found) throw new Error(`k8s schema refinement: ${path} is not in the generated schema`);
  return found;
}

/** Every `number` in the tree becomes `integer` (also inside `["number", "string"]` int-or-strings). */
function integers(node: SchemaNode, path: string): void {
  if (!NOT_INTEGER.includes(path)) {
    if (node.type === "number") node.type = "integer";
    else if (Array.isArray(node.type)) node.type = node.type.map((t) => (t === "number" ? "integer" : t));
  }
  for (const [name, child] of Object.entries(node.properties ?? {})) integers(child, `${path}.${name}`);
  if (node.items) integers(node.items, `${path}[]`);
  if (typeof node.additionalProperties === "object") integers(node.additionalProperties, `${path}{}`);
  for (const child of node.anyOf ?? []) integers(child, path);
}

/** Applies the tables above to the generator's definitions, in place. */
export function refineDefinitions(definitions: Record<string, SchemaNode>): void {
  for (const [name, definition] of Object.entries(definitions)) integers(definition, name);
  for (const [path, values] of Object.entries(ENUMS)) {
    const node = property(definitions, path);
    const target = node.type === "array" && node.items ? node.items : node;
    target.enum = [...values];
  }
  for (const [path, bounds] of Object.entries(RANGES)) Object.assign(property(definitions, path), bounds);
  // resource.Quantity unmarshals from a JSON number as well as a string (`cpu: 0.5`, `storage: 1`).
  if (definitions.Quantity) definitions.Quantity.type = ["string", "number"];
}

/** A kind the sandbox serves, with the one apiVersion it is served at. */
export interface ServedKind {
  kind: string;
  apiVersion: string;
}

/**
 * The root schema: one document of any served kind. It dispatches on `kind` to that kind's
 * definition, whose `apiVersion` is a constant, so a StatefulSet with `apiVersion: v1` is an error
 * that says which version is right. `List` holds objects of any kind, dispatched the same way.
 */
export function rootSchema(
  kinds: readonly ServedKind[],
  definitions: Record<string, SchemaNode>,
): SchemaNode {
  const served = [...kinds, { kind: "List", apiVersion: "v1" }];
  const dispatch: SchemaNode[] = [];
  for (const { kind, apiVersion } of served) {
    const definition = definitions[kind];
    if (!definition?.properties) throw new Error(`k8s schema: no definition for kind ${kind}`);
    definition.properties.apiVersion = {
      ...definition.properties.apiVersion,
      type: "string",
      const: apiVersion,
    };
    definition.properties.kind = { ...definition.properties.kind, type: "string", const: kind };
    // Not required here: the same definitions describe embedded objects (a StatefulSet's
    // volumeClaimTemplates are PersistentVolumeClaims without apiVersion and kind).
    dispatch.push({
      if: { properties: { kind: { const: kind } }, required: ["kind"] },
      // biome-ignore lint/suspicious/noThenProperty: JSON schema's if/then, not a thenable.
      then: { $ref: `#/definitions/${kind}` },
    });
  }
  const object: SchemaNode = {
    type: "object",
    description: "A Kubernetes object: apiVersion and kind say which.",
    properties: {
      apiVersion: {
        type: "string",
        description: "The API group and version of the object's kind, e.g. apps/v1 for a StatefulSet.",
        enum: [...new Set(served.map((k) => k.apiVersion))].sort(),
      },
      kind: {
        type: "string",
        description: "The kind of object this document describes.",
        enum: served.map((k) => k.kind).sort(),
      },
    },
    required: ["apiVersion", "kind"],
    allOf: dispatch,
  };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $ref: "#/definitions/KubernetesObject",
    definitions: { ...definitions, KubernetesObject: object },
  };
}

/** The List kind, which kubernetes-types does not describe: objects of any served kind. */
export function listDefinition(): SchemaNode {
  return {
    type: "object",
    description: "A list of objects of any kind: what `kubectl get -o yaml` prints for several objects.",
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { $ref: "#/definitions/ListMeta" },
      items: {
        type: "array",
        description: "The objects.",
        items: { $ref: "#/definitions/KubernetesObject" },
      },
    },
    required: ["items"],
    additionalProperties: false,
  };
}
