import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";

/**
 * An admission plugin: sees every create (`old` undefined) and update (`old` the stored object)
 * after defaulting and before validation, and returns the object to go on with — the same one,
 * or a changed copy (e.g. the Service ClusterIP allocator, the pvc-protection finalizer). It
 * refuses a write by throwing an ApiError.
 */
export type AdmissionPlugin = (
  cluster: Cluster,
  object: KubeObject,
  old: KubeObject | undefined,
) => KubeObject;
