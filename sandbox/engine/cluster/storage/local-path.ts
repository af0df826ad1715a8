/**
 * rancher.io/local-path, the provisioner kind ships (rancher/local-path-provisioner on top of
 * sig-storage-lib-external-provisioner). It provisions claims that the PV controller has handed
 * to it (the `volume.kubernetes.io/storage-provisioner` annotation) by creating a directory on
 * the chosen node and a hostPath PV pinned to that node, and deletes Released volumes it made
 * whose policy is Delete, directory and all.
 *
 * Progress is read back from the store rather than kept in memory, so a snapshot needs nothing
 * extra: a claim is being provisioned once its `Provisioning` event exists (the helper pod's
 * time is counted from it), and a volume is being deleted since it became Released
 * (`status.lastPhaseTransitionTime`).
 */
import type { Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { recordEvent } from "../events.ts";
import { splitNamespacedKey } from "../object-keys.ts";
import type { KubeObject } from "../types.ts";
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
} from "./binder-common.ts";
import {
  asClaim,
  asClass,
  asVolume,
  bindingModeOf,
  claimClass,
  LOCAL_PATH_PROVISIONER,
} from "./storage-classes.ts";
import { volumeData } from "./volume-data.ts";

/** How long local-path's helper pods take, in simulated milliseconds (behaviour as data). */
export const LOCAL_PATH_TIMINGS = {
  /** From the `Provisioning` event to the PV (helper pod `mkdir`). */
  provisionMs: 3000,
  /** From Released to the PV being deleted (helper pod `rm -rf`). */
  deleteMs: 2000,
};

export const LOCAL_PATH_BASE = "/var/local-path-provisioner";
export const ANN_LOCAL_PATH_SELECTED_NODE = "local.path.provisioner/selected-node";
const NAME = "local-path-provisioner";

/** Used when no provisioner pod is running in local-path-storage to lend its name. */
const FALLBACK_POD = {
  name: "local-path-provisioner-7dc846544d-xk2pq",
  uid: "0c6b6f4e-5f3a-4a1e-9d2b-3f0c8e7a9b14",
};

export function createLocalPathProvisioner(): Controller<Cluster> {
  return {
    name: NAME,
    kinds: ["PersistentVolumeClaim", "PersistentVolume"],
    keysFor: keysFor,
    reconcile(key, cluster) {
      // `claim/<namespace>/<name>` or `volume/<name>`, read without splitting into arrays.
      if (key.startsWith("claim/")) {
        const { namespace, name } = splitNamespacedKey(key.slice("claim/".length));
        syncClaim(cluster, namespace, name);
      } else if (key.startsWith("volume/")) syncVolume(cluster, key.slice("volume/".length));
    },
  };
}

function keysFor({ type, object }: WatchEvent): string[] {
  if (type === "DELETED") return [];
  if (object.kind === "PersistentVolumeClaim") {
    const annotations = object.metadata.annotations ?? {};
    const ours =
      annotations[ANN_STORAGE_PROVISIONER] === LOCAL_PATH_PROVISIONER ||
      annotations[ANN_BETA_STORAGE_PROVISIONER] === LOCAL_PATH_PROVISIONER;
    return ours ? [`claim/${object.metadata.namespace}/${object.metadata.name}`] : [];
  }
  if (
    object.kind === "PersistentVolume" &&
    object.metadata.annotations?.[ANN_PROVISIONED_BY] === LOCAL_PATH_PROVISIONER
  ) {
    return [`volume/${object.metadata.name}`];
  }
  return [];
}

/** The event source local-path signs with: `<provisioner>_<its pod>_<its identity uuid>`. */
function component(cluster: Cluster): string {
  const pod =
    cluster.api
      .list("Pod", { namespace: "local-path-storage" })
      .find(
        (p) => p.metadata.name.startsWith(`${NAME}-`) && (p as unknown as Pod).status?.phase === "Running",
      ) ?? undefined;
  const name = pod?.metadata.name ?? FALLBACK_POD.name;
  const uid = pod?.metadata.uid ?? FALLBACK_POD.uid;
  return `${LOCAL_PATH_PROVISIONER}_${name}_${uid}`;
}

function syncClaim(cluster: Cluster, namespace: string, name: string): void {
  const claim = cluster.api.tryGet("PersistentVolumeClaim", namespace, name);
  if (!claim || claim.metadata.deletionTimestamp) return;
  const spec = asClaim(claim).spec ?? {};
  if (spec.volumeName) return;
  const className = claimClass(claim);
  const sc = cluster.api.tryGet("StorageClass", undefined, className);
  if (!sc || asClass(sc).provisioner !== LOCAL_PATH_PROVISIONER) return;
  const volumeName = `pvc-${claim.metadata.uid}`;
  if (cluster.api.tryGet("PersistentVolume", undefined, volumeName)) return;
  const node = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  // The library leaves WaitForFirstConsumer claims alone until the scheduler has picked a node.
  if (bindingModeOf(sc) === "WaitForFirstConsumer" && !node) return;

  const source = component(cluster);
  const started = provisioningEvent(cluster, claim);
  if (!started) {
    recordEvent(
      cluster,
      claim,
      "Normal",
      "Provisioning",
      `External provisioner is provisioning volume for claim "${namespace}/${name}"`,
      {
        component: source,
      },
    );
    const refusal = refuse(claim, node);
    if (refusal) {
      recordEvent(
        cluster,
        claim,
        "Warning",
        "ProvisioningFailed",
        `failed to provision volume with StorageClass "${className}": ${refusal}`,
        {
          component: source,
        },
      );
      return;
    }
    cluster.clock.wakeAt(
      cluster.clock.now() + LOCAL_PATH_TIMINGS.provisionMs,
      NAME,
      `claim/${namespace}/${name}`,
    );
    return;
  }
  if (refuse(claim, node)) return;
  const due = Date.parse(String(started.lastTimestamp)) + LOCAL_PATH_TIMINGS.provisionMs;
  if (cluster.clock.now() < due) {
    cluster.clock.wakeAt(due, NAME, `claim/${namespace}/${name}`);
    return;
  }
  const path = `${LOCAL_PATH_BASE}/${volumeName}_${namespace}_${name}`;
  volumeData(cluster).forHostPath(node!, path);
  // Built for this call (its access modes are the claim's, which nothing changes in place).
  cluster.api.create(localPathVolume(claim, sc, volumeName, node!, path), { owned: true });
  recordEvent(
    cluster,
    claim,
    "Normal",
    "ProvisioningSucceeded",
    `Successfully provisioned volume ${volumeName}`,
    {
      component: source,
    },
  );
}

function provisioningEvent(cluster: Cluster, claim: KubeObject): KubeObject | undefined {
  const { namespace, uid } = claim.metadata;
  const events =
    namespace === undefined ? cluster.api.list("Event") : cluster.store.eventsAbout(namespace, uid);
  return events.find(
    (e) => (e.involvedObject as { uid?: string }).uid === claim.metadata.uid && e.reason === "Provisioning",
  );
}

/** The checks local-path's Provision makes before it does anything, with its own messages. */
function refuse(claim: KubeObject, node: string | undefined): string | undefined {
  const spec = asClaim(claim).spec ?? {};
  if (spec.volumeMode === "Block")
    return `${LOCAL_PATH_PROVISIONER} does not support block volume provisioning`;
  if (spec.selector) return "claim.Spec.Selector is not supported";
  for (const mode of spec.accessModes ?? []) {
    if (mode !== "ReadWriteOnce" && mode !== "ReadWriteOncePod") {
      return "NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes";
    }
  }
  if (!node) return "configuration error, no node was specified";
  return undefined;
}

/** The PV local-path returns, completed by the library (class, claimRef, provisioned-by). */
function localPathVolume(
  claim: KubeObject,
  sc: KubeObject,
  name: string,
  node: string,
  path: string,
): KubeObject {
  const spec = asClaim(claim).spec ?? {};
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: {
      name,
      annotations: {
        [ANN_LOCAL_PATH_SELECTED_NODE]: node,
        [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER,
      },
    },
    spec: {
      accessModes: spec.accessModes,
      capacity: { storage: spec.resources?.requests?.storage },
      claimRef: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        name: claim.metadata.name,
        namespace: claim.metadata.namespace,
        resourceVersion: claim.metadata.resourceVersion,
        uid: claim.metadata.uid,
      },
      hostPath: { path, type: "DirectoryOrCreate" },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] },
          ],
        },
      },
      persistentVolumeReclaimPolicy: asClass(sc).reclaimPolicy ?? "Delete",
      storageClassName: sc.metadata.name,
      volumeMode: "Filesystem",
    },
  };
}

function syncVolume(cluster: Cluster, name: string): void {
  const volume = cluster.api.tryGet("PersistentVolume", undefined, name);
  if (!volume || volume.metadata.deletionTimestamp) return;
  const status = asVolume(volume).status;
  if (status?.phase !== "Released" || asVolume(volume).spec?.persistentVolumeReclaimPolicy !== "Delete")
    return;
  const due = Date.parse(String(status.lastPhaseTransitionTime)) + LOCAL_PATH_TIMINGS.deleteMs;
  if (cluster.clock.now() < due) {
    cluster.clock.wakeAt(due, NAME, `volume/${name}`);
    return;
  }
  volumeData(cluster).deletePersistentVolume(volume);
  cluster.api.delete("PersistentVolume", undefined, name);
}
