/**
 * The per-kind table the strategy consults: how names are checked, which defaults are filled,
 * and which spec rules apply. One entry per kind; the rules live beside their kind group in
 * defaults/ and validation/. Service and storage kinds get their defaults from the network and
 * storage admission plugins (cluster/network, cluster/storage).
 */
import type { FieldError } from "../errors.ts";
import { validateService } from "../network/service-validation.ts";
import type { KubeObject } from "../types.ts";
import {
  defaultDeployment,
  defaultPod,
  defaultReplicaSet,
  defaultStatefulSet,
} from "./defaults/workloads.ts";
import { deepEqual } from "./equality.ts";
import { validateConfigData, validateConfigUpdate } from "./validation/config.ts";
import { type NameValidator, nameIsDNS1035Label, nameIsDNSLabel } from "./validation/meta.ts";
import { validatePodSpec, validatePodSpecUpdate } from "./validation/pods.ts";
import {
  validateClaim,
  validateClaimUpdate,
  validateStorageClass,
  validateStorageClassUpdate,
  validateVolume,
  validateVolumeUpdate,
} from "./validation/storage.ts";
import {
  validateDeployment,
  validateReplicaSet,
  validateSelectorImmutable,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from "./validation/workloads.ts";

export interface KindRules {
  /** Name rule set (objects.md §3); DNS-1123 subdomain when left out. */
  name?: NameValidator;
  /** Fills defaults in place. */
  default?(object: KubeObject): void;
  /** Spec rules, on create and on update. */
  validate?(object: KubeObject): FieldError[];
  /** Update-only rules (immutability), reported after the spec rules as the real strategies do. */
  validateUpdate?(object: KubeObject, old: KubeObject): FieldError[];
}

type Obj = Record<string, unknown>;

export const KIND_RULES: Record<string, KindRules> = {
  Namespace: {
    name: nameIsDNSLabel,
    // The namespace controller's finalizer: contents are deleted before the namespace goes (§9).
    default(ns) {
      ns.spec ??= {};
      const spec = ns.spec as { finalizers?: string[] };
      spec.finalizers ??= ["kubernetes"];
      ns.status = { phase: "Active", ...(ns.status as object | undefined) };
    },
  },
  Pod: {
    default: defaultPod,
    validate: (pod) => validatePodSpec(pod.spec as Obj | undefined, "spec"),
    validateUpdate: (pod, old) => validatePodSpecUpdate(pod.spec as Obj, old.spec as Obj, deepEqual),
  },
  StatefulSet: {
    name: nameIsDNSLabel,
    default: defaultStatefulSet,
    validate: validateStatefulSet,
    validateUpdate: validateStatefulSetUpdate,
  },
  Deployment: {
    default: defaultDeployment,
    validate: validateDeployment,
    validateUpdate: validateSelectorImmutable,
  },
  ReplicaSet: {
    default: defaultReplicaSet,
    validate: validateReplicaSet,
    validateUpdate: validateSelectorImmutable,
  },
  Service: { name: nameIsDNS1035Label, validate: validateService },
  PersistentVolumeClaim: { validate: validateClaim, validateUpdate: validateClaimUpdate },
  PersistentVolume: { validate: validateVolume, validateUpdate: validateVolumeUpdate },
  StorageClass: { validate: validateStorageClass, validateUpdate: validateStorageClassUpdate },
  ConfigMap: { validate: validateConfigData, validateUpdate: validateConfigUpdate },
  Secret: {
    default(secret) {
      secret.type ??= "Opaque";
    },
    validate: validateConfigData,
    validateUpdate: validateConfigUpdate,
  },
};
