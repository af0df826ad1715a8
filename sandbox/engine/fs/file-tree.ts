/**
 * An in-memory POSIX-like file tree. One implementation serves every place files live: the
 * learner's workspace (shared by the shell and the editor), each volume (a PV's contents, an
 * emptyDir, a node's hostPath), and each container's own filesystem. Serializable for snapshots.
 */

export interface FileNode {
  type: "file";
  content: string;
  /** Simulated epoch ms of the last write. */
  mtime: number;
  mode: number;
}

export interface DirNode {
  type: "dir";
  children: Record<string, TreeNode>;
  mtime: number;
  mode: number;
}

export type TreeNode = FileNode | DirNode;

export type FsErrorCode = "ENOENT" | "ENOTDIR" | "EISDIR" | "EEXIST" | "ENOTEMPTY" | "EINVAL";

/** A failed file operation; tools turn it into their own message (`cat: x: No such file or directory`). */
export class FsError extends Error {
  readonly code: FsErrorCode;
  constructor(code: FsErrorCode, path: string) {
    super(`${code}: ${path}`);
    this.name = "FsError";
    this.code = code;
  }
}

/** Splits an absolute path into its parts, resolving `.` and `..`. */
export function pathParts(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts;
}

/** Resolves `path` against the directory `cwd` into a normalised absolute path. */
export function resolvePath(cwd: string, path: string): string {
  return `/${pathParts(path.startsWith("/") ? path : `${cwd}/${path}`).join("/")}`;
}

export class FileTree {
  root: DirNode;

  constructor(root?: DirNode) {
    this.root = root ?? { type: "dir", children: {}, mtime: 0, mode: 0o755 };
  }

  /** The node at an absolute path, or undefined. */
  stat(path: string): TreeNode | undefined {
    let node: TreeNode = this.root;
    for (const part of pathParts(path)) {
      if (node.type !== "dir") return undefined;
      const child: TreeNode | undefined = node.children[part];
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  readFile(path: string): string {
    const node = this.stat(path);
    if (!node) throw new FsError("ENOENT", path);
    if (node.type === "dir") throw new FsError("EISDIR", path);
    return node.content;
  }

  /** Writes (or with `append`, appends to) a file; the parent directory must exist. */
  writeFile(path: string, content: string, now: number, options: { append?: boolean } = {}): void {
    const parts = pathParts(path);
    const name = parts.pop();
    if (name === undefined) throw new FsError("EISDIR", path);
    const parent = this.#dirAt(parts, path);
    const existing = parent.children[name];
    if (existing?.type === "dir") throw new FsError("EISDIR", path);
    const previous = options.append && existing ? existing.content : "";
    parent.children[name] = {
      type: "file",
      content: previous + content,
      mtime: now,
      mode: existing?.mode ?? 0o644,
    };
    parent.mtime = now;
  }

  /** Creates a directory; with `parents`, creates missing ancestors and accepts an existing one. */
  mkdir(path: string, now: number, options: { parents?: boolean } = {}): void {
    let dir = this.root;
    const parts = pathParts(path);
    parts.forEach((part, i) => {
      const child = dir.children[part];
      const last = i === parts.length - 1;
      if (child?.type === "file") throw new FsError(last ? "EEXIST" : "ENOTDIR", path);
      if (child?.type === "dir") {
        if (last && !options.parents) throw new FsError("EEXIST", path);
        dir = child;
        return;
      }
      if (!last && !options.parents) throw new FsError("ENOENT", path);
      const created: DirNode = { type: "dir", children: {}, mtime: now, mode: 0o755 };
      dir.children[part] = created;
      dir.mtime = now;
      dir = created;
    });
  }

  /** Names in a directory, sorted as `ls` sorts them in the C locale. */
  list(path: string): string[] {
    const node = this.stat(path);
    if (!node) throw new FsError("ENOENT", path);
    if (node.type !== "dir") throw new FsError("ENOTDIR", path);
    return Object.keys(node.children).sort();
  }

  /** Removes a file, or a directory when `recursive` (or when it is empty). */
  remove(path: string, options: { recursive?: boolean } = {}): void {
    const parts = pathParts(path);
    const name = parts.pop();
    if (name === undefined) throw new FsError("EINVAL", path);
    const parent = this.#dirAt(parts, path);
    const node = parent.children[name];
    if (!node) throw new FsError("ENOENT", path);
    if (node.type === "dir" && !options.recursive && Object.keys(node.children).length > 0) {
      throw new FsError("ENOTEMPTY", path);
    }
    delete parent.children[name];
  }

  /** A deep copy, e.g. for a container's filesystem made from its image. */
  clone(): FileTree {
    return new FileTree(structuredClone(this.root));
  }

  #dirAt(parts: string[], path: string): DirNode {
    let dir = this.root;
    for (const part of parts) {
      const child = dir.children[part];
      if (!child) throw new FsError("ENOENT", path);
      if (child.type !== "dir") throw new FsError("ENOTDIR", path);
      dir = child;
    }
    return dir;
  }
}
