/**
 * Which PersistentVolume a claim may bind: a port of FindMatchingVolume
 * (component-helpers/storage/volume/pv_helpers.go) and of the PV controller's access-mode index
 * (pkg/controller/volume/persistentvolume/index.go), which tries the volumes whose access modes
 * are the smallest superset of the claim's first, and within them the smallest that fits.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { KubeObject } from "../types.ts";
import { parseQuantity, storageBytes } from "./quantity.ts";
import { asClaim, asVolume, claimClass, volumeClass } from "./storage-classes.ts";
import { pinnedNode } from "./volume-data.ts";

/** The printing order of GetAccessModesAsString. */
const MODE_ORDER = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
const MODE_SHORT: Record<string, string> = {
  ReadWriteOnce: "RWO",
  ReadOnlyMany: "ROX",
  ReadWriteMany: "RWX",
  ReadWriteOncePod: "RWOP",
};

/** `RWO,RWX`: duplicates dropped, fixed order (for printers and describe). */
export function accessModesAsString(modes: readonly string[] | undefined): string {
  return MODE_ORDER.filter((m) => modes?.includes(m))
    .map((m) => MODE_SHORT[m])
    .join(",");
}

/** IsVolumeBoundToClaim: the claimRef names this claim, and its uid if it has one. */
export function isVolumeBoundToClaim(volume: KubeObject, claim: KubeObject): boolean {
  const ref = asVolume(volume).spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

const volumeModeOf = (spec: { volumeMode?: string } | undefined) => spec?.volumeMode ?? "Filesystem";

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function volumeHasAccessModes(claim: KubeObject, volume: KubeObject): boolean {
  const offered = asVolume(volume).spec?.accessModes ?? [];
  return (asClaim(claim).spec?.accessModes ?? []).every((m) => offered.includes(m));
}

/**
 * checkVolumeSatisfyClaim, for a claim that names its volume: the reason it cannot bind, in the
 * controller's words, or undefined when it can.
 */
export function volumeMismatch(volume: KubeObject, claim: KubeObject): string | undefined {
  if (volume.metadata.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (capacityOf(volume) < requestOf(claim)) return "requested PV is too small";
  if (volumeClass(volume) !== claimClass(claim)) return "storageClassName does not match";
  if (volumeModeOf(asVolume(volume).spec) !== volumeModeOf(asClaim(claim).spec))
    return "incompatible volumeMode";
  if (!volumeHasAccessModes(claim, volume)) return "incompatible accessMode";
  return undefined;
}

export const capacityOf = (volume: KubeObject) => storageBytes(asVolume(volume).spec?.capacity);
export const requestOf = (claim: KubeObject) => storageBytes(asClaim(claim).spec?.resources?.requests);

/**
 * findBestMatchForClaim. With `delayBinding` (WaitForFirstConsumer and no node chosen yet) only a
 * volume pre-bound to the claim qualifies: the scheduler, not this controller, picks the others.
 */
export function findBestMatchForClaim(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
  node?: string,
): KubeObject | undefined {
  const wanted = asClaim(claim).spec?.accessModes ?? [];
  const groups = new Map<string, KubeObject[]>();
  for (const volume of volumes) {
    const modes = [...new Set(asVolume(volume).spec?.accessModes ?? [])].sort();
    if (!wanted.every((m) => modes.includes(m))) continue;
    const key = modes.join(",");
    const group = groups.get(key);
    if (group) group.push(volume);
    else groups.set(key, [volume]);
  }
  const ordered = [...groups.entries()].sort(
    ([a], [b]) => a.split(",").length - b.split(",").length || a.localeCompare(b),
  );
  for (const [, group] of ordered) {
    const match = findMatchingVolume(claim, group, delayBinding, node);
    if (match) return match;
  }
  return undefined;
}

/**
 * FindMatchingVolume: a pre-bound volume, else the smallest fit. With `node` (the node the
 * scheduler chose for a WaitForFirstConsumer claim) volumes pinned to another node do not fit,
 * which is the scheduler path's node-affinity check in its simplest (hostname) form.
 */
export function findMatchingVolume(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
  node?: string,
): KubeObject | undefined {
  const requested = requestOf(claim);
  const requestedClass = claimClass(claim);
  const selector = asClaim(claim).spec?.selector;
  let smallest: KubeObject | undefined;
  for (const volume of volumes) {
    const spec = asVolume(volume).spec;
    if (spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const capacity = capacityOf(volume);
    if (capacity < requested) continue;
    if (volumeModeOf(spec) !== volumeModeOf(asClaim(claim).spec)) continue;
    if (volume.metadata.deletionTimestamp) continue;
    const onOtherNode = node !== undefined && (pinnedNode(volume) ?? node) !== node;
    if (isVolumeBoundToClaim(volume, claim)) return onOtherNode ? undefined : volume;
    if (delayBinding) continue;
    if (asVolume(volume).status?.phase !== "Available") continue;
    if (selector && !selectorMatches(selector, volume.metadata.labels ?? {})) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (onOtherNode) continue;
    if (!smallest || capacityOf(smallest) > capacity) smallest = volume;
  }
  return smallest;
}

/** metav1.LabelSelector semantics: every matchLabels pair and every expression must hold. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    switch (operator) {
      case "In":
        if (!has || !values.includes(value!)) return false;
        break;
      case "NotIn":
        if (has && values.includes(value!)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether two quantities are equal as amounts (`1Gi` and `1024Mi` are). */
export function sameQuantity(a: unknown, b: unknown): boolean {
  return parseQuantity(a) === parseQuantity(b);
}
