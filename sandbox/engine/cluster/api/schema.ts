/**
 * Strict decoding (objects.md §5): the fields each served kind knows, so that a typo in a
 * manifest is refused the way kube-apiserver refuses it when kubectl asks for
 * `fieldValidation=Strict` (kubectl's default `--validate=strict`):
 * `StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replica"`.
 * A struct lists its fields; `ANY` leaves a subtree unchecked (maps, quantities, rarely used structs).
 * Type mismatches (`replicas: "3"`) are refused under every fieldValidation (decodingTypeError).
 */
import type { KubeObject } from "../types.ts";

type Schema =
  | typeof ANY
  | "int32"
  | "string"
  | "map[string]string"
  | { struct: string; fields: Record<string, Schema>; open?: true }
  | { list: Schema };
const ANY = "any" as const;
const struct = (name: string, fields: Record<string, Schema>): Schema => ({ struct: name, fields });
const listOf = (item: Schema): Schema => ({ list: item });
/** A struct whose fields other than `fields` are not looked at (an object's status). */
const openStruct = (name: string, fields: Record<string, Schema> = {}): Schema => ({
  struct: name,
  fields,
  open: true,
});
const anyFields = (...names: string[]) =>
  Object.fromEntries(names.map((n) => [n, ANY])) as Record<string, Schema>;

const OBJECT_META = struct("ObjectMeta", {
  // Typed because the store, the controllers and every printer key on them (found by tests/fuzz).
  name: "string",
  generateName: "string",
  namespace: "string",
  labels: "map[string]string",
  annotations: "map[string]string",
  ...anyFields(
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "ownerReferences",
    "finalizers",
    "managedFields",
  ),
});

const CONTAINER_PORT = struct("ContainerPort", {
  ...anyFields("name", "hostPort", "protocol", "hostIP"),
  containerPort: "int32",
});
const VOLUME_MOUNT = struct(
  "VolumeMount",
  anyFields(
    "name",
    "readOnly",
    "recursiveReadOnly",
    "mountPath",
    "subPath",
    "mountPropagation",
    "subPathExpr",
  ),
);
const CONTAINER = struct("Container", {
  // The kubelet keys its saved state on these: a list as a name made a snapshot unrestorable.
  name: "string",
  image: "string",
  ...anyFields(
    "command",
    "args",
    "workingDir",
    "envFrom",
    "env",
    "resources",
    "resizePolicy",
    "restartPolicy",
    "restartPolicyRules",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
  ),
  ports: listOf(CONTAINER_PORT),
  volumeMounts: listOf(VOLUME_MOUNT),
});
const VOLUME = struct(
  "Volume",
  anyFields(
    "name",
    "hostPath",
    "emptyDir",
    "secret",
    "persistentVolumeClaim",
    "configMap",
    "projected",
    "downwardAPI",
    "nfs",
    "csi",
    "ephemeral",
    "image",
  ),
);
const POD_SPEC = struct("PodSpec", {
  ...anyFields(
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "nodeSelector",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeName",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "securityContext",
    "imagePullSecrets",
    "hostname",
    "subdomain",
    "affinity",
    "schedulerName",
    "tolerations",
    "hostAliases",
    "priorityClassName",
    "priority",
    "dnsConfig",
    "readinessGates",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
    "overhead",
    "topologySpreadConstraints",
    "setHostnameAsFQDN",
    "os",
    "hostUsers",
    "schedulingGates",
    "resourceClaims",
    "resources",
    "ephemeralContainers",
  ),
  volumes: listOf(VOLUME),
  initContainers: listOf(CONTAINER),
  containers: listOf(CONTAINER),
});
const TEMPLATE = struct("PodTemplateSpec", { metadata: OBJECT_META, spec: POD_SPEC });
const PVC_SPEC = struct(
  "PersistentVolumeClaimSpec",
  anyFields(
    "accessModes",
    "selector",
    "resources",
    "volumeName",
    "storageClassName",
    "volumeMode",
    "dataSource",
    "dataSourceRef",
    "volumeAttributesClassName",
  ),
);
const CLAIM_TEMPLATE = struct("PersistentVolumeClaim", {
  ...anyFields("apiVersion", "kind", "status"),
  metadata: OBJECT_META,
  spec: PVC_SPEC,
});

const SERVICE_PORT = struct("ServicePort", {
  ...anyFields("name", "protocol", "appProtocol", "targetPort"),
  port: "int32",
  nodePort: "int32",
});

const top = (kind: string, fields: Record<string, Schema>): Schema =>
  struct(kind, { ...anyFields("apiVersion", "kind", "status"), metadata: OBJECT_META, ...fields });

/**
 * A kind's status: the engine writes it, so only the lists its controllers, kubelet and printers
 * walk are typed (a restored Pod whose conditions were a number stopped the kubelet:
 * tests/engine/snapshot/mutated-settle.test.ts); as the apiserver, a manifest's status of the
 * wrong type is refused too.
 */
const statusOf = (kind: string, lists: Record<string, string> = {}): Schema =>
  openStruct(`${kind}Status`, {
    conditions: listOf(openStruct(`${kind}Condition`)),
    ...Object.fromEntries(Object.entries(lists).map(([field, item]) => [field, listOf(openStruct(item))])),
  });

const KIND_SCHEMAS: Record<string, Schema> = {
  Pod: top("Pod", {
    spec: POD_SPEC,
    status: statusOf("Pod", {
      containerStatuses: "ContainerStatus",
      initContainerStatuses: "ContainerStatus",
      ephemeralContainerStatuses: "ContainerStatus",
      podIPs: "PodIP",
      hostIPs: "HostIP",
    }),
  }),
  Node: top("Node", {
    spec: ANY,
    status: statusOf("Node", {
      addresses: "NodeAddress",
      images: "ContainerImage",
      volumesAttached: "AttachedVolume",
    }),
  }),
  StatefulSet: top("StatefulSet", {
    spec: struct("StatefulSetSpec", {
      ...anyFields(
        "selector",
        "serviceName",
        "podManagementPolicy",
        "updateStrategy",
        "revisionHistoryLimit",
        "minReadySeconds",
        "persistentVolumeClaimRetentionPolicy",
        "ordinals",
      ),
      replicas: "int32",
      template: TEMPLATE,
      volumeClaimTemplates: listOf(CLAIM_TEMPLATE),
    }),
    status: statusOf("StatefulSet"),
  }),
  Deployment: top("Deployment", {
    spec: struct("DeploymentSpec", {
      ...anyFields(
        "selector",
        "strategy",
        "minReadySeconds",
        "revisionHistoryLimit",
        "paused",
        "progressDeadlineSeconds",
      ),
      replicas: "int32",
      template: TEMPLATE,
    }),
    status: statusOf("Deployment"),
  }),
  ReplicaSet: top("ReplicaSet", {
    spec: struct("ReplicaSetSpec", {
      ...anyFields("selector", "minReadySeconds"),
      replicas: "int32",
      template: TEMPLATE,
    }),
    status: statusOf("ReplicaSet"),
  }),
  Service: top("Service", {
    spec: struct("ServiceSpec", {
      ports: listOf(SERVICE_PORT),
      clusterIP: "string",
      type: "string",
      ...anyFields(
        "selector",
        "clusterIPs",
        "externalIPs",
        "sessionAffinity",
        "loadBalancerIP",
        "loadBalancerSourceRanges",
        "externalName",
        "externalTrafficPolicy",
        "healthCheckNodePort",
        "publishNotReadyAddresses",
        "sessionAffinityConfig",
        "ipFamilies",
        "ipFamilyPolicy",
        "allocateLoadBalancerNodePorts",
        "loadBalancerClass",
        "internalTrafficPolicy",
        "trafficDistribution",
      ),
    }),
    status: openStruct("ServiceStatus", {
      conditions: listOf(openStruct("Condition")),
      loadBalancer: openStruct("LoadBalancerStatus", { ingress: listOf(openStruct("LoadBalancerIngress")) }),
    }),
  }),
  PersistentVolumeClaim: top("PersistentVolumeClaim", {
    spec: PVC_SPEC,
    status: statusOf("PersistentVolumeClaim"),
  }),
  ConfigMap: top("ConfigMap", { data: "map[string]string", ...anyFields("binaryData", "immutable") }),
  Secret: top("Secret", { stringData: "map[string]string", ...anyFields("data", "type", "immutable") }),
  Namespace: top("Namespace", { spec: ANY, status: statusOf("Namespace") }),
};

/** encoding/json's UnmarshalTypeError, as the apiserver's strict decoder words it. */
function mismatch(value: unknown, goPath: string, goType: string): string {
  const jsonType =
    typeof value === "string"
      ? "string"
      : typeof value === "number"
        ? "number"
        : typeof value === "boolean"
          ? "bool"
          : Array.isArray(value)
            ? "array"
            : "object";
  return `json: cannot unmarshal ${jsonType} into Go struct field ${goPath} of type ${goType}`;
}

/**
 * The server's strict-decoding complaint about `object`, or undefined when every field is known.
 * Kinds without a schema here are not checked.
 */
export function strictDecodingError(object: KubeObject, version: string): string | undefined {
  const { prefix, problems, typeErrors } = decode(object, version);
  if (typeErrors.length > 0) return prefix + typeErrors[0];
  if (problems.length === 0) return undefined;
  return `${prefix}strict decoding error: ${problems.map((p) => `unknown field "${p}"`).join(", ")}`;
}

/**
 * The decoding error the server answers whatever `fieldValidation` says: a value of the wrong JSON
 * type is fatal to encoding/json, while unknown (and duplicate) fields are only the non-fatal
 * "strict errors" that sigs.k8s.io/json's UnmarshalStrict collects beside it, reported under
 * Strict alone (apimachinery's json serializer decodes with UnmarshalCaseSensitivePreserveInts
 * when not strict, and returns its error as is).
 */
export function decodingTypeError(object: KubeObject, version: string): string | undefined {
  const { prefix, typeErrors } = decode(object, version);
  return typeErrors.length > 0 ? prefix + typeErrors[0] : undefined;
}

function decode(object: KubeObject, version: string) {
  const schema = KIND_SCHEMAS[object.kind];
  const problems: string[] = [];
  const typeErrors: string[] = [];
  if (schema) walk(object, schema, { keys: [], owner: "", problems, types: typeErrors });
  // Every kind's metadata has types the store relies on, even where the rest is not checked.
  else
    walk(object.metadata, OBJECT_META, {
      keys: ["metadata"],
      owner: object.kind,
      problems,
      types: typeErrors,
    });
  const prefix = `${object.kind} in version "${version}" cannot be handled as a ${object.kind}: `;
  return { prefix, problems, typeErrors };
}

/**
 * Where the walk is: the field names and list indices from the object's root, and the Go struct
 * whose field the value is ("" at the root). The paths are spelled out only for a problem, so a
 * valid object (nearly every write) builds no strings.
 */
interface Trail {
  keys: (string | number)[];
  owner: string;
  problems: string[];
  types: string[];
}

/** `spec.containers[0].image` */
function pathOf(keys: readonly (string | number)[]): string {
  let path = "";
  for (const key of keys) path += typeof key === "number" ? `[${key}]` : path === "" ? key : `.${key}`;
  return path;
}

/** `Container.spec.containers.image`, as encoding/json names a field: its struct, then the names on the way. */
function goPathOf(trail: Trail): string {
  if (trail.owner === "") return "";
  return `${trail.owner}.${trail.keys.filter((k) => typeof k === "string").join(".")}`;
}

function walk(value: unknown, schema: Schema, trail: Trail) {
  if (schema === ANY || value === null || value === undefined) return;
  const { types } = trail;
  if (schema === "string") {
    if (typeof value !== "string") types.push(mismatch(value, goPathOf(trail), "string"));
    return;
  }
  if (schema === "map[string]string") {
    if (typeof value !== "object" || Array.isArray(value))
      types.push(mismatch(value, goPathOf(trail), "map[string]string"));
    else {
      const bad = Object.values(value as Record<string, unknown>).find(
        (v) => typeof v !== "string" && v !== null,
      );
      if (bad !== undefined) types.push(mismatch(bad, goPathOf(trail), "string"));
    }
    return;
  }
  if (schema === "int32") {
    if (typeof value !== "number") {
      const jsonType = typeof value === "string" ? "string" : typeof value === "boolean" ? "bool" : "object";
      types.push(`json: cannot unmarshal ${jsonType} into Go struct field ${goPathOf(trail)} of type int32`);
    }
    return;
  }
  if ("list" in schema) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        trail.keys.push(i);
        walk(value[i], schema.list, trail);
        trail.keys.pop();
      }
    } else if (typeof schema.list === "object" && "struct" in schema.list) {
      types.push(mismatch(value, goPathOf(trail), `[]v1.${schema.list.struct}`));
    }
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    // A scalar or a list where a struct belongs: the decoder refuses it rather than letting the
    // controllers meet `spec: 3` or `volumeClaimTemplates: -1` (found by tests/fuzz).
    if (trail.owner !== "") types.push(mismatch(value, goPathOf(trail), `v1.${schema.struct}`));
    return;
  }
  const owner = trail.owner;
  for (const key of Object.keys(value)) {
    const sub = schema.fields[key];
    if (sub === undefined && schema.open) continue;
    trail.keys.push(key);
    if (sub === undefined) trail.problems.push(pathOf(trail.keys));
    else {
      trail.owner = schema.struct;
      walk((value as Record<string, unknown>)[key], sub, trail);
      trail.owner = owner;
    }
    trail.keys.pop();
  }
}
