/**
 * apps/v1 validation (pkg/apis/apps/validation/validation.go): StatefulSet, Deployment and
 * ReplicaSet specs and what may change on update (objects.md §8, workloads.md §3.8).
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { FieldError } from "../../errors.ts";
import type { KubeObject } from "../../types.ts";
import { deepEqual } from "../equality.ts";
import { matchesLabels, requirementsOf, validateLabelSelector, validateLabels } from "../selectors.ts";
import { forbidden, invalid, notSupported, required } from "./field.ts";
import { validatePodSpec } from "./pods.ts";

type Obj = Record<string, unknown>;

const nonNegative = (value: unknown, path: string): FieldError[] =>
  typeof value === "number" && value < 0 ? [invalid(path, value, "must be greater than or equal to 0")] : [];

/** How Go's encoding/json prints a LabelSelector struct: matchLabels first, map keys sorted. */
function selectorValue(selector: LabelSelector): unknown {
  const out: Obj = {};
  if (selector.matchLabels && Object.keys(selector.matchLabels).length > 0) {
    out.matchLabels = Object.fromEntries(
      Object.entries(selector.matchLabels).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
  if (selector.matchExpressions && selector.matchExpressions.length > 0)
    out.matchExpressions = selector.matchExpressions;
  return out;
}

function sortedLabels(labels: Record<string, string> | undefined): unknown {
  return labels ? Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))) : null;
}

/** Selector present, valid and not empty; the template's labels match it; the pod spec is valid. */
function validateSelectorAndTemplate(spec: Obj, kindWord: string, restartAlways: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector as LabelSelector | undefined;
  const template = (spec.template ?? {}) as { metadata?: { labels?: Record<string, string> }; spec?: Obj };
  if (!selector) {
    errs.push(required("spec.selector"));
  } else {
    errs.push(...validateLabelSelector(selector, "spec.selector"));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(
        invalid("spec.selector", selectorValue(selector), `empty selector is invalid for ${kindWord}`),
      );
    }
  }
  const labels = template.metadata?.labels;
  let selects = true;
  try {
    selects = !selector || matchesLabels(requirementsOf(selector), labels ?? {});
  } catch {
    selects = false;
  }
  if (selector && !selects) {
    errs.push(
      invalid(
        "spec.template.metadata.labels",
        sortedLabels(labels),
        "`selector` does not match template `labels`",
      ),
    );
  }
  errs.push(...validateLabels(labels, "spec.template.metadata.labels"));
  // A StatefulSet's pods also get a volume per claim template (replacing a same-named one), so
  // mounts may name those; the real server does not validate this pod spec at all.
  const podVolumes = (template.spec?.volumes as Obj[] | undefined) ?? [];
  const claimVolumes = ((spec.volumeClaimTemplates ?? []) as { metadata?: { name?: string } }[])
    .map((t) => t.metadata?.name)
    .filter((name) => name && !podVolumes.some((v) => v.name === name))
    .map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  const podSpec =
    claimVolumes.length > 0
      ? {
          ...template.spec,
          volumes: [...podVolumes, ...claimVolumes],
        }
      : template.spec;
  errs.push(...validatePodSpec(podSpec, "spec.template.spec"));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartAlways && restartPolicy !== undefined && restartPolicy !== "Always") {
    errs.push(notSupported("spec.template.spec.restartPolicy", restartPolicy, ["Always"]));
  }
  return errs;
}

export function validateStatefulSet(sts: KubeObject): FieldError[] {
  const spec = (sts.spec ?? {}) as Obj;
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (policy === undefined || policy === "") errs.push(required("spec.podManagementPolicy"));
  else if (policy !== "OrderedReady" && policy !== "Parallel") {
    errs.push(invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = (spec.updateStrategy ?? {}) as { type?: string; rollingUpdate?: Obj };
  if (!strategy.type) errs.push(required("spec.updateStrategy"));
  else if (strategy.type === "OnDelete") {
    if (strategy.rollingUpdate) {
      errs.push(
        invalid(
          "spec.updateStrategy.rollingUpdate",
          strategy.rollingUpdate,
          "only allowed for updateStrategy 'RollingUpdate'",
        ),
      );
    }
  } else if (strategy.type === "RollingUpdate") {
    const rolling = strategy.rollingUpdate ?? {};
    errs.push(...nonNegative(rolling.partition, "spec.updateStrategy.rollingUpdate.partition"));
    if (rolling.maxUnavailable === 0 || rolling.maxUnavailable === "0%") {
      errs.push(
        invalid("spec.updateStrategy.rollingUpdate.maxUnavailable", rolling.maxUnavailable, "cannot be 0"),
      );
    }
  } else {
    errs.push(invalid("spec.updateStrategy", strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = (spec.persistentVolumeClaimRetentionPolicy ?? {}) as Obj;
  for (const key of ["whenDeleted", "whenScaled"]) {
    const value = retention[key];
    if (value !== undefined && value !== "Retain" && value !== "Delete") {
      errs.push(
        notSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, value, ["Retain", "Delete"]),
      );
    }
  }
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  errs.push(...nonNegative((spec.ordinals as Obj | undefined)?.start, "spec.ordinals.start"));
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...validateSelectorAndTemplate(spec, "statefulset", true));
  const template = (spec.template ?? {}) as { spec?: Obj };
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      forbidden(
        "spec.template.spec.activeDeadlineSeconds",
        "activeDeadlineSeconds in StatefulSet is not Supported",
      ),
    );
  }
  return errs;
}

export const STATEFULSET_UPDATE_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

const STATEFULSET_MUTABLE = [
  "replicas",
  "ordinals",
  "template",
  "updateStrategy",
  "revisionHistoryLimit",
  "persistentVolumeClaimRetentionPolicy",
  "minReadySeconds",
];

export function validateStatefulSetUpdate(sts: KubeObject, old: KubeObject): FieldError[] {
  const spec = { ...((sts.spec ?? {}) as Obj) };
  const oldSpec = (old.spec ?? {}) as Obj;
  for (const key of STATEFULSET_MUTABLE) spec[key] = oldSpec[key];
  return deepEqual(spec, oldSpec) ? [] : [forbidden("spec", STATEFULSET_UPDATE_FORBIDDEN)];
}

export function validateDeployment(deploy: KubeObject): FieldError[] {
  const spec = (deploy.spec ?? {}) as Obj;
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.replicas, "spec.replicas"));
  errs.push(...validateSelectorAndTemplate(spec, "deployment", true));
  const strategy = (spec.strategy ?? {}) as { type?: string; rollingUpdate?: Obj };
  if (strategy.type !== undefined && strategy.type !== "RollingUpdate" && strategy.type !== "Recreate") {
    errs.push(notSupported("spec.strategy.type", strategy.type, ["Recreate", "RollingUpdate"]));
  }
  if (strategy.type === "Recreate" && strategy.rollingUpdate) {
    errs.push(
      forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"),
    );
  }
  errs.push(...nonNegative(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...nonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return errs;
}

export function validateReplicaSet(rs: KubeObject): FieldError[] {
  const spec = (rs.spec ?? {}) as Obj;
  return [
    ...nonNegative(spec.replicas, "spec.replicas"),
    ...validateSelectorAndTemplate(spec, "replicaset", true),
  ];
}

/** apps/v1 selectors cannot change once set. */
export function validateSelectorImmutable(object: KubeObject, old: KubeObject): FieldError[] {
  const selector = (object.spec as Obj | undefined)?.selector as LabelSelector | undefined;
  const previous = (old.spec as Obj | undefined)?.selector;
  if (deepEqual(selector, previous)) return [];
  return [invalid("spec.selector", selector ? selectorValue(selector) : null, "field is immutable")];
}
