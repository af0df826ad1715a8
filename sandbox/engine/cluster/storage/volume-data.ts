/**
 * Where volume contents live. A real node has one root filesystem, and every hostPath volume is
 * a directory in it: a hostPath PV, a pod's `hostPath:` volume and a local-path PV
 * (`/var/local-path-provisioner/pvc-…`) on node N at path P are all the same directory. So the
 * store keeps one FileTree per node and hands out sub-trees that share the node's nodes by
 * reference: a write through any of them is seen by all. Volumes that are not on a node (csi,
 * nfs, … in a real cluster) get one tree per PersistentVolume name.
 *
 * Who uses it:
 * - the kubelet mounts `forPersistentVolume(pvName, nodeName)` or `forHostPath(nodeName, path)`
 *   into a container at its mountPath;
 * - the PV controller calls `deletePersistentVolume(pv)` when a Delete-reclaimed volume is
 *   deleted, which is when the data is gone;
 * - snapshots carry `save()` / `restore()`.
 */
import { type DirNode, FileTree, pathParts } from "../../fs/file-tree.ts";
import type { Cluster } from "../cluster.ts";
import { isTree } from "../kubelet/state-part.ts";
import { check, isRecord } from "../snapshot-guard.ts";
import type { StatePart } from "../state-parts.ts";
import type { KubeObject } from "../types.ts";

export interface VolumeDataState {
  /** Each node's root filesystem, as far as volumes have used it. */
  nodes: Record<string, DirNode>;
  /** Contents of PersistentVolumes that do not live on a node, by PV name. */
  persistentVolumes: Record<string, DirNode>;
}

interface PersistentVolumeSpecView {
  hostPath?: { path?: string };
  local?: { path?: string };
  nodeAffinity?: {
    required?: {
      nodeSelectorTerms?: { matchExpressions?: { key?: string; operator?: string; values?: string[] }[] }[];
    };
  };
}

export class VolumeData {
  readonly #cluster: Cluster;
  #nodes = new Map<string, FileTree>();
  #persistentVolumes = new Map<string, FileTree>();

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  /**
   * The directory `path` on node `nodeName`, created (with its parents) on first use, as the
   * kubelet's DirectoryOrCreate does. The returned tree is a view: it shares contents with every
   * other view of the same node.
   */
  forHostPath(nodeName: string, path: string): FileTree {
    const node = this.#nodeTree(nodeName);
    const now = this.#cluster.clock.now();
    if (pathParts(path).length > 0) node.mkdir(path, now, { parents: true });
    return new FileTree(node.stat(path) as DirNode);
  }

  /**
   * The contents of a PersistentVolume as a pod on `nodeName` sees them. hostPath and local
   * volumes are directories on a node: the node they are pinned to by nodeAffinity if any,
   * otherwise the pod's node. Any other source has a single tree per PV. Undefined when the PV
   * does not exist, or when a node-local PV has no pinned node and no `nodeName` was given.
   */
  forPersistentVolume(pvName: string, nodeName?: string): FileTree | undefined {
    const pv = this.#cluster.api.tryGet("PersistentVolume", undefined, pvName);
    if (!pv) return undefined;
    const local = nodeLocalPath(pv);
    if (local !== undefined) {
      const node = pinnedNode(pv) ?? nodeName;
      return node === undefined ? undefined : this.forHostPath(node, local);
    }
    let tree = this.#persistentVolumes.get(pvName);
    if (!tree) {
      tree = new FileTree();
      this.#persistentVolumes.set(pvName, tree);
    }
    return tree;
  }

  /**
   * Throws away a PV's data, as a deleter does when a Delete-reclaimed volume goes (local-path's
   * helper pod runs `rm -rf` on the directory). Takes the object because by then it may already
   * be gone from the store.
   */
  deletePersistentVolume(pv: KubeObject): void {
    this.#persistentVolumes.delete(pv.metadata.name);
    const local = nodeLocalPath(pv);
    const node = pinnedNode(pv);
    if (local === undefined || node === undefined || pathParts(local).length === 0) return;
    const tree = this.#nodes.get(node);
    if (tree?.stat(local)) tree.remove(local, { recursive: true });
  }

  save(): VolumeDataState {
    const dump = (trees: Map<string, FileTree>) =>
      Object.fromEntries([...trees].map(([name, tree]) => [name, structuredClone(tree.root)]));
    return { nodes: dump(this.#nodes), persistentVolumes: dump(this.#persistentVolumes) };
  }

  restore(state: VolumeDataState): void {
    const load = (roots: Record<string, DirNode>) =>
      new Map(Object.entries(roots).map(([name, root]) => [name, new FileTree(structuredClone(root))]));
    this.#nodes = load(state.nodes);
    this.#persistentVolumes = load(state.persistentVolumes);
  }

  #nodeTree(nodeName: string): FileTree {
    let tree = this.#nodes.get(nodeName);
    if (!tree) {
      tree = new FileTree();
      this.#nodes.set(nodeName, tree);
    }
    return tree;
  }
}

const stores = new WeakMap<Cluster, VolumeData>();

/** The volume-content store of a cluster (one per cluster, made on first use). */
export function volumeData(cluster: Cluster): VolumeData {
  let store = stores.get(cluster);
  if (!store) {
    store = new VolumeData(cluster);
    stores.set(cluster, store);
  }
  return store;
}

/** Volume contents join snapshots; what comes back is checked to be file trees. */
export function volumeDataStatePart(cluster: Cluster): StatePart {
  return {
    save: () => volumeData(cluster).save(),
    restore(data) {
      const trees = (v: unknown) => isRecord(v) && Object.values(v).every(isTree);
      check(
        isRecord(data) && trees(data.nodes) && trees(data.persistentVolumes),
        "the snapshot's volume contents are damaged",
      );
      volumeData(cluster).restore(data as unknown as VolumeDataState);
    },
  };
}

/** The node directory behind a hostPath or local PV, or undefined for other sources. */
export function nodeLocalPath(pv: KubeObject): string | undefined {
  const spec = (pv.spec ?? {}) as PersistentVolumeSpecView;
  return spec.hostPath?.path ?? spec.local?.path;
}

/** The single node a PV's required nodeAffinity pins it to (`kubernetes.io/hostname In [n]`). */
export function pinnedNode(pv: KubeObject): string | undefined {
  const terms = ((pv.spec ?? {}) as PersistentVolumeSpecView).nodeAffinity?.required?.nodeSelectorTerms;
  for (const term of terms ?? []) {
    for (const expr of term.matchExpressions ?? []) {
      if (expr.key === "kubernetes.io/hostname" && expr.operator === "In" && expr.values?.length === 1) {
        return expr.values[0];
      }
    }
  }
  return undefined;
}
