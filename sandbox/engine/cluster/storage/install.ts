/**
 * Storage's part of a kind cluster: its admission plugin, the kube-controller-manager loops
 * (persistentvolume binder, pvc- and pv-protection) and the local-path provisioner.
 * `installStorage` wires them into a cluster; `createDefaultStorage` adds what
 * `kind create cluster` leaves behind (the `standard` default class).
 */
import type { Cluster } from "../cluster.ts";
import { admitStorage } from "./admission.ts";
import { createLocalPathProvisioner } from "./local-path.ts";
import { createPvcProtectionController, createPvProtectionController } from "./protection.ts";
import { createPersistentVolumeController } from "./pv-controller.ts";
import { kindStandardStorageClass } from "./storage-classes.ts";

export function installStorage(cluster: Cluster): void {
  cluster.api.admission.push(admitStorage);
  cluster.controllers.register(createPersistentVolumeController());
  cluster.controllers.register(createPvcProtectionController());
  cluster.controllers.register(createPvProtectionController());
  cluster.controllers.register(createLocalPathProvisioner());
}

export function createDefaultStorage(cluster: Cluster): void {
  cluster.create(kindStandardStorageClass());
}
