import type { StatefulSet, StatefulSetSpec } from "kubernetes-types/apps/v1";
import type { PersistentVolumeClaim, PodTemplateSpec, Volume } from "kubernetes-types/core/v1";
import { cloneJson } from "../../api/clone.ts";
import type { KubeObject } from "../../types.ts";
import { podFromTemplate } from "../pod-util.ts";

/**
 * Pure helpers of the StatefulSet controller (stateful_set_utils.go): ordinals, the identity and
 * storage each pod must have, the claims built from volumeClaimTemplates, and revision patches.
 * Nothing here reads or writes the store.
 */

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
export const REVISION_LABEL = "controller-revision-hash";

/** The spec with apps/v1 defaults applied (workloads.md §3.1), whatever the API stored. */
export interface SetSpec {
  replicas: number;
  start: number;
  serviceName: string;
  parallel: boolean;
  onDelete: boolean;
  /** Undefined only for OnDelete: defaulting always fills `rollingUpdate: {partition: 0}`. */
  partition: number | undefined;
  revisionHistoryLimit: number;
  minReadySeconds: number;
  whenDeleted: "Retain" | "Delete";
  whenScaled: "Retain" | "Delete";
  template: PodTemplateSpec;
  claimTemplates: PersistentVolumeClaim[];
}

export const asStatefulSet = (object: KubeObject): StatefulSet => object as unknown as StatefulSet;

/**
 * Each set version's defaulted spec, worked out once: every pass asks it of the set for each of
 * its pods (a 1,000-replica set some 20,000 times per settle). A stored object is never changed
 * in place (a write stores a new one), so a version's spec stays what it was.
 */
const specs = new WeakMap<KubeObject, SetSpec>();

export function specOf(set: KubeObject): SetSpec {
  let spec = specs.get(set);
  if (!spec) {
    spec = defaultedSpec(set);
    specs.set(set, spec);
  }
  return spec;
}

function defaultedSpec(set: KubeObject): SetSpec {
  const spec: StatefulSetSpec = asStatefulSet(set).spec ?? ({} as StatefulSetSpec);
  const onDelete = spec.updateStrategy?.type === "OnDelete";
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  return {
    replicas: spec.replicas ?? 1,
    start: spec.ordinals?.start ?? 0,
    serviceName: spec.serviceName ?? "",
    parallel: spec.podManagementPolicy === "Parallel",
    onDelete,
    partition: onDelete ? undefined : (spec.updateStrategy?.rollingUpdate?.partition ?? 0),
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    minReadySeconds: spec.minReadySeconds ?? 0,
    whenDeleted: policy?.whenDeleted === "Delete" ? "Delete" : "Retain",
    whenScaled: policy?.whenScaled === "Delete" ? "Delete" : "Retain",
    template: spec.template ?? {},
    claimTemplates: spec.volumeClaimTemplates ?? [],
  };
}

/** What `.` does not match in the pattern `^(.*)-([0-9]+)$` (getParentNameAndOrdinal's): \n \r U+2028 U+2029. */
const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * Where the name splits as `^(.*)-([0-9]+)$` would split it (its last '-', followed by digits to
 * the end), or -1 when it does not match. By hand, one pass over the name: the controller asks
 * for every pod it looks at, and the pattern's match array and two substrings were garbage each
 * time (a second pattern for the line terminators was most of the cost).
 */
function ordinalDash(podName: string): number {
  const dash = podName.lastIndexOf("-");
  if (dash < 0 || dash === podName.length - 1) return -1;
  for (let i = dash + 1; i < podName.length; i++) {
    const c = podName.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  for (let i = 0; i < dash; i++) if (isLineTerminator(podName.charCodeAt(i))) return -1;
  return dash;
}

/** getParentNameAndOrdinal: `web-2` → {parent: "web", ordinal: 2}; ordinal -1 when unparsable. */
export function parseOrdinal(podName: string): { parent: string; ordinal: number } {
  const dash = ordinalDash(podName);
  if (dash < 0) return { parent: "", ordinal: -1 };
  return { parent: podName.slice(0, dash), ordinal: ordinalAfter(podName, dash) };
}

/** The digits after the dash as an ordinal; -1 beyond int32, as strconv.ParseInt(…, 10, 32) fails. */
function ordinalAfter(podName: string, dash: number): number {
  const ordinal = Number(podName.slice(dash + 1));
  return ordinal <= 0x7fffffff ? ordinal : -1;
}

/** parseOrdinal(podName).parent === parent, without cutting the name. */
function parentIs(podName: string, parent: string): boolean {
  const dash = ordinalDash(podName);
  if (dash < 0) return parent === "";
  return dash === parent.length && podName.startsWith(parent);
}

/** parseOrdinal(name).ordinal, without cutting out the parent. */
export function ordinalOf(pod: KubeObject): number {
  const { name } = pod.metadata;
  const dash = ordinalDash(name);
  return dash < 0 ? -1 : ordinalAfter(name, dash);
}

export const podName = (set: KubeObject, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

export const claimName = (template: PersistentVolumeClaim, set: KubeObject, ordinal: number): string =>
  `${template.metadata?.name ?? ""}-${set.metadata.name}-${ordinal}`;

/** isMemberOf: the pod's name says it belongs to this set. */
export const isMemberOf = (set: KubeObject, pod: KubeObject): boolean =>
  parentIs(pod.metadata.name, set.metadata.name);

export function inOrdinalRange(set: KubeObject, pod: KubeObject, ordinal = ordinalOf(pod)): boolean {
  const { start, replicas } = specOf(set);
  return ordinal >= start && ordinal < start + replicas;
}

export const podRevision = (pod: KubeObject): string => pod.metadata.labels?.[REVISION_LABEL] ?? "";

/** Go prints map keys sorted; building label maps in that order keeps -o yaml identical. */
export function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** identityMatches: right name and namespace, and the pod-name label. */
export function identityMatches(set: KubeObject, pod: KubeObject, ordinal = ordinalOf(pod)): boolean {
  // A valid ordinal means the name matched, so its parent is the set's name exactly when isMemberOf says so.
  return (
    ordinal >= 0 &&
    isMemberOf(set, pod) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name
  );
}

/** updateIdentity: the labels that say which member of the set a pod is. */
export function updateIdentity(set: KubeObject, pod: KubeObject): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = sortedRecord({
    ...pod.metadata.labels,
    [POD_NAME_LABEL]: pod.metadata.name,
    [POD_INDEX_LABEL]: String(ordinal),
  });
}

/** initIdentity: hostname and subdomain are immutable, so they are set only at creation. */
function initIdentity(set: KubeObject, pod: KubeObject): void {
  updateIdentity(set, pod);
  const spec = pod.spec as Record<string, unknown>;
  spec.hostname = pod.metadata.name;
  const { serviceName } = specOf(set);
  if (serviceName) spec.subdomain = serviceName;
  else delete spec.subdomain;
}

/** One claim a pod of `ordinal` needs, built from its volumeClaimTemplate. */
export function claimFor(set: KubeObject, template: PersistentVolumeClaim, ordinal: number): KubeObject {
  const matchLabels = asStatefulSet(set).spec?.selector?.matchLabels ?? {};
  const { metadata = {}, spec = {} } = cloneJson(template);
  const labels = sortedRecord({ ...metadata.labels, ...matchLabels });
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      name: claimName(template, set, ordinal),
      namespace: set.metadata.namespace,
    },
    spec,
  };
}

/**
 * Each ordinal's claim names, per claim templates (the array every version of the set shares while
 * its spec is unchanged, applyRevision's copies too) and set name: every pass looks up every pod's
 * claims by name (a 1,000-replica set 7 times per settle), and a name built afresh each time was
 * a new string to build and hash for the store's lookup.
 */
const claimNameMemo = new WeakMap<
  readonly PersistentVolumeClaim[],
  { set: string; byOrdinal: Map<number, readonly string[]> }
>();

/** The names of the claims a pod needs, in template order (without building the claims). */
export function claimNamesFor(set: KubeObject, ordinal: number): readonly string[] {
  const templates = specOf(set).claimTemplates;
  let memo = claimNameMemo.get(templates);
  if (memo?.set !== set.metadata.name) {
    memo = { set: set.metadata.name, byOrdinal: new Map() };
    claimNameMemo.set(templates, memo);
  }
  let names = memo.byOrdinal.get(ordinal);
  if (!names) {
    names = templates.map((template) => claimName(template, set, ordinal));
    memo.byOrdinal.set(ordinal, names);
  }
  return names;
}

/** storageMatches: every claim template has a volume pointing at this ordinal's claim. */
export function storageMatches(set: KubeObject, pod: KubeObject, ordinal = ordinalOf(pod)): boolean {
  if (ordinal < 0) return false;
  const volumes = ((pod.spec as { volumes?: Volume[] } | undefined)?.volumes ?? []) as Volume[];
  const { claimTemplates } = specOf(set);
  const names = claimNamesFor(set, ordinal);
  for (let i = 0; i < claimTemplates.length; i++) {
    const volume = volumeNamed(volumes, claimTemplates[i]!.metadata?.name);
    if (volume?.persistentVolumeClaim?.claimName !== names[i]) return false;
  }
  return true;
}

/** volumes.find by name, without a closure per call (every pod of every pass). */
function volumeNamed(volumes: readonly Volume[], name: string | undefined): Volume | undefined {
  for (const volume of volumes) if (volume.name === name) return volume;
  return undefined;
}

/** updateStorage: claim volumes first (template order), then the template's other volumes. */
export function updateStorage(set: KubeObject, pod: KubeObject, ordinal = ordinalOf(pod)): void {
  const spec = pod.spec as { volumes?: Volume[] };
  // getPersistentVolumeClaims' map, by template name in template order (a repeated name keeps
  // its first place and its last claim), of the claims' names only: nothing else is used.
  const { claimTemplates } = specOf(set);
  const names = claimNamesFor(set, ordinal);
  const claims = new Map<string, string>();
  for (let i = 0; i < claimTemplates.length; i++)
    claims.set(claimTemplates[i]!.metadata?.name ?? "", names[i]!);
  const volumes: Volume[] = [...claims].map(([name, claimName]) => ({
    name,
    persistentVolumeClaim: { claimName },
  }));
  for (const volume of spec.volumes ?? []) if (!claims.has(volume.name)) volumes.push(volume);
  if (volumes.length > 0) spec.volumes = volumes;
}

/** newStatefulSetPod: the template, the set's controller ref, identity and storage. */
export function newStatefulSetPod(set: KubeObject, ordinal: number): KubeObject {
  const pod = podFromTemplate(specOf(set).template, set);
  pod.metadata.name = podName(set, ordinal);
  initIdentity(set, pod);
  updateStorage(set, pod, ordinal);
  return pod;
}

/**
 * newVersionedStatefulSetPod: pods below the partition are built from the current revision,
 * the rest from the update revision (workloads.md §3.4 step 2).
 */
export function newVersionedPod(
  currentSet: KubeObject,
  updateSet: KubeObject,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
  currentReplicas: number,
): KubeObject {
  const { onDelete, partition, start } = specOf(currentSet);
  const useCurrent =
    (!onDelete && partition === undefined && ordinal < start + currentReplicas) ||
    (partition !== undefined && ordinal < start + partition);
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
  pod.metadata.labels = sortedRecord({
    ...pod.metadata.labels,
    [REVISION_LABEL]: useCurrent ? currentRevision : updateRevision,
  });
  return pod;
}

/** getPatch: the revision data, `{"spec":{"template":{...,"$patch":"replace"}}}`. */
export function revisionData(set: KubeObject): unknown {
  return { spec: { template: { ...cloneJson(specOf(set).template), $patch: "replace" } } };
}

/** ApplyRevision: the set as it was at `revision` (its template replaced by the saved one). */
export function applyRevision(set: KubeObject, revision: KubeObject): KubeObject {
  const saved = (revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec
    ?.template;
  if (!saved) return set;
  const { $patch: _replace, ...template } = cloneJson(saved);
  return { ...set, spec: { ...(set.spec as object), template } };
}
