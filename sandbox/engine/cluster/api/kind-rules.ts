/**
 * The per-kind table the strategy consults: how names are checked, which defaults are filled,
 * and which spec rules apply. One entry per kind; the rules live beside their kind group in
 * defaults/ and validation/. Service and storage kinds get their defaults from the network and
 * storage admission plugins (cluster/network, cluster/storage).
 */
import { MAX_UNAVAILABLE_STATEFULSET } from "../controllers/statefulset/control.ts";
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
  /**
   * The strategy's dropDisabledFields: clears, in place, fields of features whose gate is off in
   * 1.34, unless the stored object (`old`, on update) already uses them.
   */
  dropDisabledFields?(object: KubeObject, old: KubeObject | undefined): void;
  /** Spec rules, on create and on update. */
  validate?(object: KubeObject): FieldError[];
  /** Update-only rules (immutability), reported after the spec rules as the real strategies do. */
  validateUpdate?(object: KubeObject, old: KubeObject): FieldError[];
}

type Obj = Record<string, unknown>;

const rollingUpdateOf = (sts: KubeObject | undefined): Obj | undefined => {
  const strategy = (sts?.spec as Obj | undefined)?.updateStrategy as Obj | undefined;
  const rolling = strategy?.rollingUpdate;
  return rolling !== null && typeof rolling === "object" ? (rolling as Obj) : undefined;
};
const maxUnavailableOf = (sts: KubeObject | undefined) => rollingUpdateOf(sts)?.maxUnavailable ?? undefined;

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
    // pkg/registry/apps/statefulset/strategy.go: rollingUpdate.maxUnavailable is dropped while the
    // MaxUnavailableStatefulSet gate is off (alpha until 1.35), so it is neither validated nor kept.
    dropDisabledFields(sts, old) {
      if (MAX_UNAVAILABLE_STATEFULSET || maxUnavailableOf(old) !== undefined) return;
      const rolling = rollingUpdateOf(sts);
      if (rolling) delete rolling.maxUnavailable;
    },
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
