/**
 * What the editor needs besides Monaco's code, imported beside Monaco's chunk when the editor opens
 * (or is about to): a small chunk that arrives and runs while the browser still compiles Monaco.
 * It brings Monaco's stylesheet (src/vite/monaco-css.mjs), which is parsed and applied meanwhile
 * rather than on the editor's critical path, and reads the workspace's files meanwhile, so that the
 * editor shows them the moment it is built.
 */
import "virtual:monaco-css";
import type { EditorHost } from "./yaml-editor.ts";

/** The workspace files the editor opens. */
export const EDITABLE = /\.(ya?ml|json)$/;

/** `paths` and their text, read side by side (one round trip to the engine worker for all). */
export async function readFiles(
  host: Pick<EditorHost, "readFile">,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const texts = await Promise.all(paths.map((path) => host.readFile(path)));
  return new Map(paths.map((path, i) => [path, texts[i] ?? ""]));
}

/** The workspace's editable files and their text. */
export async function readEditableFiles(
  host: Pick<EditorHost, "listFiles" | "readFile">,
): Promise<Map<string, string>> {
  return readFiles(
    host,
    (await host.listFiles()).filter((path) => EDITABLE.test(path)),
  );
}
