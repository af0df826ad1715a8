/**
 * The persistentvolume-controller of kube-controller-manager (pkg/controller/volume/
 * persistentvolume/pv_controller.go): binds claims to volumes, asks provisioners for new
 * volumes, moves both through their phases and reclaims released volumes. One claim or one
 * volume per reconcile, keyed `claim/<ns>/<name>` or `volume/<name>`.
 *
 * Differences from the real loop, on purpose: there is no 15-second resync (it would keep
 * simulated time from ever settling); instead a new or changed volume or class re-queues the
 * pending claims it could matter to, so binding happens at once rather than up to 15s later,
 * and events repeat at most once per resync period when something re-queues a claim.
 * A WaitForFirstConsumer claim whose node the scheduler chose binds a matching hand-made volume
 * on that node before asking for a new one (the scheduler's own binder does that for real).
 */
import type { Cluster } from "../cluster.ts";
import type { Controller, WatchEvent } from "../controller-manager.ts";
import { splitNamespacedKey } from "../object-keys.ts";
import type { KubeObject } from "../types.ts";
import { ANN_BIND_COMPLETED, PV_CONTROLLER } from "./binder-common.ts";
import { syncClaim } from "./claim-sync.ts";
import { asVolume, claimClass, volumeClass } from "./storage-classes.ts";
import { syncVolume } from "./volume-sync.ts";

const claimKey = (namespace: string | undefined, name: string) => `claim/${namespace ?? "default"}/${name}`;
const volumeKey = (name: string) => `volume/${name}`;

export function createPersistentVolumeController(): Controller<Cluster> {
  return {
    name: PV_CONTROLLER,
    kinds: ["PersistentVolumeClaim", "PersistentVolume", "StorageClass"],
    keysFor(event, cluster) {
      return keysFor(event, cluster);
    },
    reconcile(key, cluster) {
      // `claim/<namespace>/<name>` or `volume/<name>`, read without splitting into arrays.
      if (key.startsWith("claim/")) {
        const { namespace, name } = splitNamespacedKey(key.slice("claim/".length));
        syncClaim(cluster, namespace, name);
      } else if (key.startsWith("volume/")) syncVolume(cluster, key.slice("volume/".length));
    },
  };
}

function keysFor({ type, object }: WatchEvent, cluster: Cluster): string[] {
  switch (object.kind) {
    case "PersistentVolumeClaim": {
      const keys = [claimKey(object.metadata.namespace, object.metadata.name)];
      // A claim that goes away releases its volume: the volume side notices.
      if (type === "DELETED") {
        for (const volume of cluster.api.list("PersistentVolume")) {
          const ref = asVolume(volume).spec?.claimRef;
          if (ref?.namespace === object.metadata.namespace && ref?.name === object.metadata.name) {
            keys.push(volumeKey(volume.metadata.name));
          }
        }
      }
      return keys;
    }
    case "PersistentVolume": {
      const keys = type === "DELETED" ? [] : [volumeKey(object.metadata.name)];
      const ref = asVolume(object).spec?.claimRef;
      if (ref?.name) keys.push(claimKey(ref.namespace, ref.name));
      if (type !== "DELETED" && !ref) {
        const cls = volumeClass(object);
        for (const claim of pendingClaims(cluster))
          if (claimClass(claim) === cls) keys.push(claimKeyOf(claim));
      }
      return keys;
    }
    case "StorageClass":
      // A class that appears can provision pending claims; a new default is assigned retroactively.
      return type === "DELETED" ? [] : pendingClaims(cluster).map(claimKeyOf);
    default:
      return [];
  }
}

const claimKeyOf = (claim: KubeObject) => claimKey(claim.metadata.namespace, claim.metadata.name);
const pendingClaims = (cluster: Cluster) =>
  cluster.api.list("PersistentVolumeClaim").filter((c) => !c.metadata.annotations?.[ANN_BIND_COMPLETED]);
