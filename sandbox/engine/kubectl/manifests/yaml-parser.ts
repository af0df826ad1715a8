/**
 * The YAML parser (the `yaml` library, about 30 KB gzip) is loaded the first time a command reads
 * manifests, not when the engine starts: kubectl.ts awaits `loadYamlParser()` before running a
 * verb given -f, and read.ts takes the parser from here. Keeps `kubectl get pods` and the worker's
 * start-up chunk free of it (budgets.json).
 */
import type { parseYamlDocument } from "./yaml-parse.ts";

let parser: typeof parseYamlDocument | undefined;

export async function loadYamlParser(): Promise<void> {
  parser ??= (await import("./yaml-parse.ts")).parseYamlDocument;
}

export function yamlParser(): typeof parseYamlDocument {
  if (!parser) throw new Error("the YAML parser is not loaded yet: await loadYamlParser() first");
  return parser;
}
