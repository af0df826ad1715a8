/**
 * A container's filesystem as processes inside it see it: the image's files (a private copy per
 * container run, so a restart starts clean) with the pod's volumes mounted over it. Writes under
 * a mount go to the volume's tree (emptyDir for the pod's lifetime, hostPath on the node, a PVC's
 * PersistentVolume data), everything else to the container's own layer.
 */
import type { Pod, Volume } from "kubernetes-types/core/v1";
import { FileTree, FsError, pathParts, type TreeNode } from "../../fs/file-tree.ts";
import type { Cluster } from "../cluster.ts";
import { volumeData } from "../storage/volume-data.ts";
import type { KubeObject } from "../types.ts";
import { containerFilesChanged } from "./files-changed.ts";
import { podRecordKey, runtimeState } from "./state.ts";

interface Mount {
  /** Normalised absolute mount path, e.g. "/usr/share/nginx/html". */
  path: string;
  tree: FileTree;
  readOnly: boolean;
}

const normal = (path: string) => `/${pathParts(path).join("/")}`;

/** The container's root with volumes stitched in at their mount paths (longest path wins). */
export class ContainerFileSystem {
  readonly root: FileTree;
  readonly mounts: readonly Mount[];
  /** Told after each change made through this view, with its time (what the probes see moves). */
  readonly #changed: ((now: number | undefined) => void) | undefined;

  constructor(root: FileTree, mounts: Mount[], changed?: (now: number | undefined) => void) {
    this.root = root;
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
    this.#changed = changed;
  }

  /** Which tree holds `path`, and the path inside that tree. */
  resolve(path: string): { tree: FileTree; inner: string; mount?: Mount } {
    const p = normal(path);
    for (const mount of this.mounts) {
      if (p === mount.path || p.startsWith(`${mount.path}/`)) {
        return { tree: mount.tree, inner: p.slice(mount.path.length) || "/", mount };
      }
    }
    return { tree: this.root, inner: p };
  }

  stat(path: string): TreeNode | undefined {
    const { tree, inner } = this.resolve(path);
    return tree.stat(inner);
  }
  readFile(path: string): string {
    const { tree, inner } = this.resolve(path);
    return tree.readFile(inner);
  }
  writeFile(path: string, content: string, now: number, options: { append?: boolean } = {}): void {
    const { tree, inner } = this.resolve(path);
    tree.writeFile(inner, content, now, options);
    this.#changed?.(now);
  }
  mkdir(path: string, now: number, options: { parents?: boolean } = {}): void {
    const { tree, inner } = this.resolve(path);
    if (inner === "/" && options.parents) return;
    tree.mkdir(inner, now, options);
    this.#changed?.(now);
  }
  list(path: string): string[] {
    const { tree, inner } = this.resolve(path);
    return tree.list(inner);
  }
  remove(path: string, options: { recursive?: boolean } = {}): void {
    const { tree, inner } = this.resolve(path);
    tree.remove(inner, options);
    // FileSystem's remove is told no time: the listener takes the cluster's.
    this.#changed?.(undefined);
  }
  rename(from: string, to: string, now: number): void {
    this.#rename(from, to, now);
    this.#changed?.(now);
  }
  #rename(from: string, to: string, now: number): void {
    const a = this.resolve(from);
    const b = this.resolve(to);
    // Crossing a mount is a copy in real life (EXDEV then cp); only files are supported here.
    if (a.tree !== b.tree) {
      const node = a.tree.stat(a.inner);
      if (!node) throw new FsError("ENOENT", from);
      if (node.type === "dir") throw new FsError("EINVAL", from);
      b.tree.writeFile(b.inner, node.content, now);
      a.tree.remove(a.inner);
      return;
    }
    (a.tree as FileTree & { rename(f: string, t: string, n: number): void }).rename(a.inner, b.inner, now);
  }
}

function filesTree(files: Record<string, string>): FileTree {
  const tree = new FileTree();
  for (const [name, content] of Object.entries(files)) tree.writeFile(`/${name}`, content, 0);
  return tree;
}

/** The tree behind one pod volume, or undefined when it cannot be mounted (yet). */
function volumeTree(cluster: Cluster, pod: KubeObject, volume: Volume, node: string): FileTree | undefined {
  const namespace = pod.metadata.namespace ?? "default";
  const record = runtimeState(cluster).pods.get(podRecordKey(namespace, pod.metadata.name));
  if (volume.emptyDir) {
    if (!record) return undefined;
    let tree = record.emptyDirs.get(volume.name);
    if (!tree) {
      tree = new FileTree();
      record.emptyDirs.set(volume.name, tree);
    }
    return tree;
  }
  if (volume.hostPath?.path) return volumeData(cluster).forHostPath(node, volume.hostPath.path);
  if (volume.persistentVolumeClaim) {
    const claim = cluster.api.tryGet(
      "PersistentVolumeClaim",
      namespace,
      volume.persistentVolumeClaim.claimName,
    );
    const pvName = (claim?.spec as { volumeName?: string } | undefined)?.volumeName;
    return pvName ? volumeData(cluster).forPersistentVolume(pvName, node) : undefined;
  }
  if (volume.configMap) {
    const cm = cluster.api.tryGet("ConfigMap", namespace, volume.configMap.name ?? "");
    return filesTree((cm?.data as Record<string, string> | undefined) ?? {});
  }
  if (volume.secret) {
    const secret = cluster.api.tryGet("Secret", namespace, volume.secret.secretName ?? "");
    const data = (secret?.data as Record<string, string> | undefined) ?? {};
    return filesTree(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, atob(v)])));
  }
  if (volume.projected) {
    // The service-account volume: the CA from kube-root-ca.crt, the namespace, a bound token.
    const ca = cluster.api.tryGet("ConfigMap", namespace, "kube-root-ca.crt")?.data as
      | Record<string, string>
      | undefined;
    return filesTree({
      "ca.crt": ca?.["ca.crt"] ?? "",
      namespace,
      token: "eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9",
    });
  }
  return new FileTree();
}

/**
 * The filesystem of `containerName` in `pod` as `kubectl exec` sees it, or undefined when the
 * container is not running (exec then fails as the real one does).
 */
export function containerFilesystem(
  cluster: Cluster,
  pod: KubeObject,
  containerName: string,
): ContainerFileSystem | undefined {
  const mounts = mountVolumes(cluster, pod, containerName, true);
  if (!mounts) return undefined;
  return new ContainerFileSystem(mounts.root, mounts.mounts, (now) =>
    containerFilesChanged(cluster, pod, now ?? cluster.clock.now()),
  );
}

/**
 * What looking at a running container's filesystem does to the trees, without building the view:
 * its mount paths made in its own layer, the node directories behind its hostPath, local and
 * subPath mounts (at this moment's time), its emptyDirs. A container's start does this whether
 * or not anything reads its files (only an httpGet probe does then), so the directories carry
 * the start's time.
 */
export function makeMountPoints(cluster: Cluster, pod: KubeObject, containerName: string): void {
  mountVolumes(cluster, pod, containerName, false);
}

/**
 * The container's mounts (undefined when it is not running). Without `views`, the volumes whose
 * trees are made afresh from API objects and change nothing else (configMap, secret, projected
 * and the like) are not built; their mount paths are made all the same.
 */
function mountVolumes(
  cluster: Cluster,
  pod: KubeObject,
  containerName: string,
  views: boolean,
): { root: FileTree; mounts: Mount[] } | undefined {
  const namespace = pod.metadata.namespace ?? "default";
  const record = runtimeState(cluster).pods.get(podRecordKey(namespace, pod.metadata.name));
  const container =
    record && [...record.initContainers, ...record.containers].find((c) => c.name === containerName);
  const instance = container?.current;
  if (!record || !container || !instance || instance.finishedAt !== undefined) return undefined;
  const spec = (pod as unknown as Pod).spec;
  const specContainer =
    spec?.containers.find((c) => c.name === containerName) ??
    spec?.initContainers?.find((c) => c.name === containerName);
  const mounts: Mount[] = [];
  for (const m of specContainer?.volumeMounts ?? []) {
    const volume = spec?.volumes?.find((v) => v.name === m.name);
    if (!volume) continue;
    const fresh = !volume.emptyDir && !volume.hostPath?.path && !volume.persistentVolumeClaim;
    if (!views && fresh) {
      instance.filesystem.mkdir(m.mountPath, cluster.clock.now(), { parents: true });
      continue;
    }
    let tree = volumeTree(cluster, pod, volume, record.node);
    if (!tree) continue;
    if (m.subPath) {
      tree.mkdir(`/${m.subPath}`, cluster.clock.now(), { parents: true });
      tree = new FileTree(tree.stat(`/${m.subPath}`) as FileTree["root"]);
    }
    instance.filesystem.mkdir(m.mountPath, cluster.clock.now(), { parents: true });
    mounts.push({ path: normal(m.mountPath), tree, readOnly: m.readOnly === true });
  }
  return { root: instance.filesystem, mounts };
}
