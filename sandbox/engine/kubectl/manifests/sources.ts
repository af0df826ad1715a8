/**
 * Turning `-f` arguments into the texts to decode (cli-runtime's FilenameParam / Path): a file,
 * a directory (only .json/.yaml/.yml, in lexical order, into subdirectories with -R), or `-` for
 * stdin, named `STDIN`. A missing path fails the whole command before anything is sent.
 */
import { type FileTree, resolvePath } from "../../fs/file-tree.ts";
import type { Workspace } from "../../shell/command.ts";

export interface ManifestSource {
  /** The path exactly as the user typed it (joined with the entry name inside a directory), or `STDIN`. */
  name: string;
  text: string;
}

export interface SourceOptions {
  recursive?: boolean;
  stdin?: string;
  workspace?: Workspace;
}

export type SourcesResult = { ok: true; sources: ManifestSource[] } | { ok: false; errors: string[] };

/** The file extensions a directory walk picks up. */
export const MANIFEST_EXTENSIONS = [".json", ".yaml", ".yml"] as const;

/** A bound on what one source may hold, so a pasted file cannot freeze the tab. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export function collectSources(paths: readonly string[], options: SourceOptions): SourcesResult {
  const sources: ManifestSource[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    if (path === "-") {
      sources.push({ name: "STDIN", text: options.stdin ?? "" });
      continue;
    }
    const workspace = options.workspace;
    const absolute = workspace ? resolvePath(workspace.cwd, path) : path;
    const node = workspace?.fs.stat(absolute);
    if (!workspace || !node) {
      errors.push(`the path "${path}" does not exist`);
      continue;
    }
    if (node.type === "file") {
      sources.push({ name: path, text: node.content });
      continue;
    }
    const found = walk(workspace.fs, absolute, path, options.recursive ?? false);
    if (found.length === 0 && sources.length === 0 && errors.length === 0) {
      errors.push(
        `error reading [${path}]: recognized file extensions are [${MANIFEST_EXTENSIONS.join(" ")}]`,
      );
    }
    sources.push(...found);
  }
  const tooBig = sources.find((s) => s.text.length > MAX_MANIFEST_BYTES);
  if (tooBig)
    errors.push(`error reading ${tooBig.name}: manifests larger than 4 MiB are not accepted in this sandbox`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sources };
}

/** filepath.Walk order: entries sorted by name, files of a subdirectory where the directory sorts. */
function walk(fs: FileTree, absolute: string, shown: string, recursive: boolean): ManifestSource[] {
  const found: ManifestSource[] = [];
  for (const name of fs.list(absolute)) {
    const childAbsolute = `${absolute === "/" ? "" : absolute}/${name}`;
    const childShown = shown.endsWith("/") ? `${shown}${name}` : `${shown}/${name}`;
    const node = fs.stat(childAbsolute);
    if (!node) continue;
    if (node.type === "dir") {
      if (recursive) found.push(...walk(fs, childAbsolute, childShown, true));
      continue;
    }
    if (MANIFEST_EXTENSIONS.some((ext) => name.endsWith(ext)))
      found.push({ name: childShown, text: node.content });
  }
  return found;
}
