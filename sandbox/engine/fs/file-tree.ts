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

export type FsErrorCode =
  | "ENOENT"
  | "ENOTDIR"
  | "EISDIR"
  | "EEXIST"
  | "ENOTEMPTY"
  | "EINVAL"
  | "EROFS"
  | "ENAMETOOLONG";

/** Linux's NAME_MAX: a file name is at most 255 bytes (of UTF-8), on ext4 and overlayfs alike. */
const NAME_MAX = 255;
const encoder = new TextEncoder();

/** Refuses a name the kernel would (ENAMETOOLONG) before anything is created under it. */
function checkName(name: string, path: string): void {
  if (name.length > NAME_MAX / 3 && encoder.encode(name).length > NAME_MAX)
    throw new FsError("ENAMETOOLONG", path);
}

/** What changed in a tree, for listeners such as the editor's file list. Paths are absolute. */
export type FsChange =
  | { type: "write" | "mkdir" | "remove"; path: string }
  | { type: "rename"; path: string; from: string };

/**
 * The file operations shells and tools use. FileTree implements it; a container's view that
 * stitches volume mounts into the image's tree can implement it too.
 */
export interface FileSystem {
  stat(path: string): TreeNode | undefined;
  readFile(path: string): string;
  writeFile(path: string, content: string, now: number, options?: { append?: boolean }): void;
  mkdir(path: string, now: number, options?: { parents?: boolean }): void;
  list(path: string): string[];
  remove(path: string, options?: { recursive?: boolean }): void;
  rename(from: string, to: string, now: number): void;
}

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

const normalise = (path: string) => `/${pathParts(path).join("/")}`;

export class FileTree implements FileSystem {
  root: DirNode;
  readonly #listeners = new Set<(change: FsChange) => void>();

  constructor(root?: DirNode) {
    this.root = root ?? { type: "dir", children: {}, mtime: 0, mode: 0o755 };
  }

  /**
   * The node at an absolute path, or undefined. The caller may change it in place (`touch` sets
   * its mtime, `chmod` its mode), so it is this tree's own: a node shared with the tree this one
   * was cloned from is copied first (see `clone`), with the directories on the way.
   */
  stat(path: string): TreeNode | undefined {
    let node: TreeNode = this.root;
    for (const part of pathParts(path)) {
      if (node.type !== "dir") return undefined;
      const child = ownChild(node, part);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  /** The node at an absolute path for reading only: nothing is copied. */
  #peek(path: string): TreeNode | undefined {
    return this.#peekParts(pathParts(path));
  }

  #peekParts(parts: readonly string[]): TreeNode | undefined {
    let node: TreeNode = this.root;
    for (const part of parts) {
      if (node.type !== "dir") return undefined;
      const child = childOf(node, part);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  readFile(path: string): string {
    const node = this.#peek(path);
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
    checkName(name, path);
    const existing = childOf(parent, name);
    if (existing?.type === "dir") throw new FsError("EISDIR", path);
    const previous = options.append && existing ? existing.content : "";
    setChild(parent.children, name, {
      type: "file",
      content: previous + content,
      mtime: now,
      mode: existing?.mode ?? 0o644,
    });
    parent.mtime = now;
    if (this.#listeners.size > 0) this.#tell({ type: "write", path: normalise(path) });
  }

  /** Creates a directory; with `parents`, creates missing ancestors and accepts an existing one. */
  mkdir(path: string, now: number, options: { parents?: boolean } = {}): void {
    let dir = this.root;
    const parts = pathParts(path);
    // `mkdir -p` of a directory that exists changes nothing: found without taking the directories
    // on the way from a tree this one was cloned from (every container start asks it for each
    // mount path, and its image has most of them, /usr/share/nginx/html for nginx).
    if (options.parents && this.#peekParts(parts)?.type === "dir") return;
    parts.forEach((part, i) => {
      const child = ownChild(dir, part);
      const last = i === parts.length - 1;
      if (child?.type === "file") throw new FsError(last ? "EEXIST" : "ENOTDIR", path);
      if (child?.type === "dir") {
        if (last && !options.parents) throw new FsError("EEXIST", path);
        dir = child;
        return;
      }
      if (!last && !options.parents) throw new FsError("ENOENT", path);
      checkName(part, path);
      const created: DirNode = { type: "dir", children: {}, mtime: now, mode: 0o755 };
      setChild(dir.children, part, created);
      dir.mtime = now;
      dir = created;
      if (this.#listeners.size > 0)
        this.#tell({ type: "mkdir", path: `/${parts.slice(0, i + 1).join("/")}` });
    });
  }

  /** Names in a directory, sorted as `ls` sorts them in the C locale. */
  list(path: string): string[] {
    const node = this.#peek(path);
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
    const node = childOf(parent, name);
    if (!node) throw new FsError("ENOENT", path);
    if (node.type === "dir" && !options.recursive && Object.keys(node.children).length > 0) {
      throw new FsError("ENOTEMPTY", path);
    }
    delete parent.children[name];
    if (this.#listeners.size > 0) this.#tell({ type: "remove", path: normalise(path) });
  }

  /**
   * Moves a file or directory, replacing a file (or an empty directory) at `to`, as rename(2)
   * does. Moving a directory into itself is EINVAL.
   */
  rename(from: string, to: string, now: number): void {
    const fromParts = pathParts(from);
    const toParts = pathParts(to);
    const fromName = fromParts.pop();
    const toName = toParts.pop();
    if (fromName === undefined || toName === undefined) throw new FsError("EINVAL", from);
    checkName(toName, to);
    const source = this.#dirAt(fromParts, from);
    const node = childOf(source, fromName);
    if (!node) throw new FsError("ENOENT", from);
    const target = this.#dirAt(toParts, to);
    const fromPath = normalise(from);
    const toPath = normalise(to);
    if (fromPath === toPath) return;
    if (toPath.startsWith(`${fromPath}/`)) throw new FsError("EINVAL", to);
    const existing = childOf(target, toName);
    if (existing?.type === "dir") {
      if (node.type !== "dir") throw new FsError("EISDIR", to);
      if (Object.keys(existing.children).length > 0) throw new FsError("ENOTEMPTY", to);
    } else if (existing && node.type === "dir") {
      throw new FsError("ENOTDIR", to);
    }
    delete source.children[fromName];
    setChild(target.children, toName, node);
    source.mtime = now;
    target.mtime = now;
    this.#tell({ type: "rename", path: toPath, from: fromPath });
  }

  /** Calls `listener` after every change made through this tree; returns the unsubscribe function. */
  onChange(listener: (change: FsChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every file under `path` (absolute paths, sorted), for the editor's file list. */
  walkFiles(path = "/"): string[] {
    const start = this.#peek(path);
    if (!start) return [];
    const base = normalise(path);
    const out: string[] = [];
    const visit = (node: TreeNode, at: string) => {
      if (node.type === "file") out.push(at);
      else
        for (const name of Object.keys(node.children).sort())
          visit(node.children[name]!, `${at === "/" ? "" : at}/${name}`);
    };
    visit(start, base);
    return out;
  }

  /**
   * A copy, e.g. for a container's filesystem made from its image, that shares this tree's nodes
   * until either tree changes them (copy on write): what changes a node — a write, mkdir, remove
   * or rename through either tree, or a node handed out by `stat` — first gives that tree its
   * own copy of the node and of the directories above it. A container start no longer copies its
   * image's whole tree (1,000 nginx containers kept 4.8 MB of copies nobody had changed).
   */
  clone(): FileTree {
    const children: Record<string, TreeNode> = {};
    for (const name of Object.keys(this.root.children)) {
      const child = this.root.children[name]!;
      share(child);
      setChild(children, name, child);
    }
    return new FileTree({ ...this.root, children });
  }

  /** Callers skip building the change when nobody listens (only the workspace has listeners). */
  #tell(change: FsChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** The directory at `parts`, this tree's own (it is about to change). */
  #dirAt(parts: string[], path: string): DirNode {
    let dir = this.root;
    for (const part of parts) {
      const child = ownChild(dir, part);
      if (!child) throw new FsError("ENOENT", path);
      if (child.type !== "dir") throw new FsError("ENOTDIR", path);
      dir = child;
    }
    return dir;
  }
}

/**
 * Nodes that more than one tree may hold (everything below a cloned tree's root): never changed
 * in place. A tree's root is always its own; a shared directory's nodes are all shared too.
 */
const shared = new WeakSet<TreeNode>();

/** Marks a subtree shared (a subtree marked before is whole already: its nodes never changed since). */
function share(node: TreeNode): void {
  if (shared.has(node)) return;
  shared.add(node);
  if (node.type === "dir") for (const name of Object.keys(node.children)) share(node.children[name]!);
}

/**
 * `dir`'s entry by name, made the tree's own first if it is shared: a shallow copy (a directory's
 * copy holds the same, still shared, children) put in its place. `dir` must be the tree's own.
 */
function ownChild(dir: DirNode, name: string): TreeNode | undefined {
  const child = childOf(dir, name);
  if (!child || !shared.has(child)) return child;
  let copy: TreeNode;
  if (child.type === "dir") {
    const children: Record<string, TreeNode> = {};
    for (const key of Object.keys(child.children)) setChild(children, key, child.children[key]!);
    copy = { ...child, children };
  } else {
    copy = { ...child };
  }
  setChild(dir.children, name, copy);
  return copy;
}

/**
 * A directory's entry by name. Children live in a plain object (it serializes as it is), so a
 * name such as `toString` or `constructor` must not find Object.prototype's members.
 */
function childOf(dir: DirNode, name: string): TreeNode | undefined {
  return Object.hasOwn(dir.children, name) ? dir.children[name] : undefined;
}

/** Sets an entry; a file named __proto__ stays a name (plain assignment would set the prototype). */
function setChild(children: Record<string, TreeNode>, name: string, node: TreeNode): void {
  if (name === "__proto__")
    Object.defineProperty(children, name, {
      value: node,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else children[name] = node;
}
