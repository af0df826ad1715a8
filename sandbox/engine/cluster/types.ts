import type { ObjectMeta } from "kubernetes-types/meta/v1";

/**
 * The shape every stored object has. Metadata is kubernetes-types' ObjectMeta with the name
 * required (the API server fills it from generateName when needed). Kind-specific code narrows
 * with the kubernetes-types object types, e.g. `object as unknown as StatefulSet`.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  [field: string]: unknown;
}

/**
 * Metadata the API server may change in place: only its own copy of an object on the way into
 * the store (kubernetes-types marks ObjectMeta's fields readonly).
 */
export type WritableMeta = { -readonly [K in keyof KubeObject["metadata"]]: KubeObject["metadata"][K] };
