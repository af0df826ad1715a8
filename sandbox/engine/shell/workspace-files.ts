/**
 * The workspace as the editor sees it: files under the learner's home directory, named by their
 * path relative to it (`web.yaml`, `manifests/sts.yaml`). The shell and the editor share one tree,
 * so a file made by `cat > web.yaml <<EOF` appears in the editor and a file saved in the editor
 * is there for `kubectl apply -f`.
 */
import { FsError, pathParts } from "../fs/file-tree.ts";
import type { Workspace } from "./command.ts";
import { HOME } from "./host.ts";

export interface WorkspaceChange {
  type: "write" | "mkdir" | "remove" | "rename";
  /** Relative to the home directory (absolute when outside it). */
  path: string;
  /** For renames, where it came from. */
  from?: string;
}

export interface WorkspaceFiles {
  /** Every file under the home directory, sorted, relative to it. */
  listFiles(): string[];
  /** A file's text; throws FsError (code ENOENT/EISDIR) when it cannot be read. */
  readFile(path: string): string;
  /** Writes a file, creating missing parent directories as an editor's save does. */
  writeFile(path: string, content: string): void;
  /** Removes a file or a directory with its contents. */
  deleteFile(path: string): void;
  renameFile(from: string, to: string): void;
  /** Calls `listener` after every change, whoever made it (shell or editor); returns unsubscribe. */
  onFilesChanged(listener: (change: WorkspaceChange) => void): () => void;
}

const absolute = (path: string) => (path.startsWith("/") ? path : `${HOME}/${path}`);
const relative = (path: string) => (path.startsWith(`${HOME}/`) ? path.slice(HOME.length + 1) : path);

export function workspaceFiles(workspace: Workspace, now: () => number): WorkspaceFiles {
  const { fs } = workspace;
  const ensureParent = (path: string) => {
    const parts = pathParts(path);
    parts.pop();
    if (parts.length > 0) fs.mkdir(`/${parts.join("/")}`, now(), { parents: true });
  };
  return {
    listFiles: () => fs.walkFiles(HOME).map(relative),
    readFile: (path) => fs.readFile(absolute(path)),
    writeFile(path, content) {
      ensureParent(absolute(path));
      fs.writeFile(absolute(path), content, now());
    },
    deleteFile(path) {
      if (!fs.stat(absolute(path))) throw new FsError("ENOENT", path);
      fs.remove(absolute(path), { recursive: true });
    },
    renameFile(from, to) {
      ensureParent(absolute(to));
      fs.rename(absolute(from), absolute(to), now());
    },
    onFilesChanged: (listener) =>
      fs.onChange((change) =>
        listener({
          type: change.type,
          path: relative(change.path),
          ...(change.type === "rename" ? { from: relative(change.from) } : {}),
        }),
      ),
  };
}
