/**
 * Where in a manifest `kubectl apply -f` went wrong, read from what kubectl printed: the API
 * server's field paths (`The StatefulSet "web" is invalid: spec.replicas: Invalid value: …`,
 * `cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas`, `unknown field
 * "spec.foo"`) are looked up in the YAML's syntax tree (the `yaml` library keeps source ranges), and
 * YAML errors (`yaml: line 4: …`) point at their line. Pure: no DOM, no Monaco.
 */
import { type Document, isMap, isScalar, isSeq, type Node, parseAllDocuments } from "yaml";

export interface ApplyProblem {
  /** Character offsets into the manifest's text. */
  from: number;
  to: number;
  message: string;
}

/** apimachinery's field.ErrorType strings: each starts a cause after its field path. */
const CAUSE =
  /((?:[A-Za-z0-9_-]+|\[[^\]]*\])(?:\.[A-Za-z0-9_/.-]+?|\[[^\]]*\])*): (?:Invalid value|Required value|Unsupported value|Forbidden|Duplicate value|Not found|Too long|Too many|Internal error)\b/g;
const INVALID = /(?:The )?([A-Za-z]+)(?:\.[a-z0-9.-]+)? "([^"]*)" is invalid: /g;
const UNDECODABLE = /([A-Za-z]+) in version "[^"]*" cannot be handled as a [A-Za-z]+: (.*)/;
const YAML_LINE = /error converting YAML to JSON: yaml: line (\d+): (.*)/;

/** `spec.ports[0].port` → ["spec", "ports", 0, "port"]; `metadata.labels[app]` → […, "labels", "app"]. */
export function fieldPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else segments.push(/^\d+$/.test(match[2]!) ? Number(match[2]) : match[2]!);
  }
  return segments;
}

/** Documents as apimachinery's YAMLReader splits them (lines of `---`), each with its first line. */
function documentStarts(text: string): number[] {
  const starts = [0];
  text.split("\n").forEach((line, index) => {
    if (line.startsWith("---") && line.slice(3).trim() === "") starts.push(index + 1);
  });
  return starts;
}

function lineRange(text: string, line: number): { from: number; to: number } {
  const lines = text.split("\n");
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  const from = lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0);
  return { from, to: from + (lines[index]?.length ?? 0) };
}

/**
 * The node at `path` in `doc`, or the deepest one that exists on the way (a missing required field
 * is reported on its parent). Returns the range of the key and value for a map entry.
 */
function locate(doc: Document, path: (string | number)[]): { from: number; to: number } | undefined {
  let node: Node | null | undefined = doc.contents;
  let range = node?.range ? { from: node.range[0], to: node.range[1] } : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      range = { from: key.range?.[0] ?? 0, to: value?.range?.[1] ?? key.range?.[1] ?? 0 };
      node = value;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
      node = node.items[segment] as Node;
      range = node.range ? { from: node.range[0], to: node.range[1] } : range;
    } else break;
  }
  return range;
}

function kindAndName(doc: Document): { kind: string; name: string } {
  const kind = doc.get("kind");
  const name = doc.getIn(["metadata", "name"]);
  return { kind: typeof kind === "string" ? kind : "", name: typeof name === "string" ? name : "" };
}

/** Field paths, each with its message, from one line of kubectl's output. */
function causes(text: string): { path: string; message: string }[] {
  const found = [...text.matchAll(CAUSE)];
  return found.map((match, i) => {
    const end = found[i + 1]?.index ?? text.length;
    const message = text.slice(match.index, end).replace(/[,\]\s]+$/, "");
    return { path: match[1]!, message };
  });
}

/** The problems kubectl's `output` reports for the manifest `text`, each on the range it concerns. */
export function applyProblems(text: string, output: string): ApplyProblem[] {
  const docs = parseAllDocuments(text);
  const documents = Array.isArray(docs) ? docs : [];
  const problems: ApplyProblem[] = [];
  const find = (kind: string, name?: string) =>
    documents.find((doc) => {
      const object = kindAndName(doc);
      return object.kind === kind && (name === undefined || object.name === name);
    });
  let current: Document | undefined;
  for (const line of output.split("\n")) {
    const yamlError = YAML_LINE.exec(line);
    if (yamlError) {
      // go-yaml counts lines within the document kubectl handed it, 1-based for scanner errors and
      // 0-based for parser errors; the yaml library's own error in that document is exact.
      const failing = documents.findIndex((doc) => doc.errors.length > 0);
      const at = documents[failing]?.errors[0]?.pos[0];
      const range =
        at === undefined
          ? lineRange(text, Number(yamlError[1]) + (documentStarts(text)[0] ?? 0))
          : lineRange(text, text.slice(0, at).split("\n").length);
      problems.push({ ...range, message: `yaml: line ${yamlError[1]}: ${yamlError[2]}` });
      continue;
    }
    const undecodable = UNDECODABLE.exec(line);
    if (undecodable) {
      const doc = find(undecodable[1]!);
      const detail = undecodable[2]!;
      const paths = [
        ...[...detail.matchAll(/Go struct field [A-Za-z0-9]+\.([A-Za-z0-9_.[\]]+) of type/g)].map(
          (m) => m[1]!,
        ),
        ...[...detail.matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1]!),
      ];
      for (const path of paths) {
        const range = doc && locate(doc, fieldPath(path));
        if (range) problems.push({ ...range, message: detail });
      }
      continue;
    }
    const headers = [...line.matchAll(INVALID)];
    if (headers.length > 0) current = find(headers[0]![1]!, headers[0]![2]!);
    else if (!line.startsWith("* ")) current = undefined;
    if (!current) continue;
    const after = headers.length > 0 ? line.slice(headers[0]!.index + headers[0]![0].length) : line.slice(2);
    for (const { path, message } of causes(after)) {
      const range = locate(current, fieldPath(path));
      if (range) problems.push({ ...range, message });
    }
  }
  return problems;
}
