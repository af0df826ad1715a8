/**
 * RFC 6902 JSON patch (`kubectl patch --type json`): add, remove, replace, move, copy, test on
 * JSON pointers. Errors use the wording of the evanphx/json-patch library the API server runs.
 */
import { isObject, type Json, jsonEqual } from "./strategic-merge.ts";

export class JsonPatchError extends Error {}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

export function applyJsonPatch(document: Json, patch: Json): Json {
  if (!Array.isArray(patch))
    throw new JsonPatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = structuredClone(document);
  for (const raw of patch) {
    if (!isObject(raw))
      throw new JsonPatchError("json: cannot unmarshal into Go value of type jsonpatch.Operation");
    const op = raw as unknown as Operation;
    switch (op.op) {
      case "add":
        doc = put(doc, op.path, op.value ?? null, "add");
        break;
      case "replace":
        get(doc, op.path, "replace");
        doc = put(doc, op.path, op.value ?? null, "replace");
        break;
      case "remove":
        doc = removeAt(doc, op.path);
        break;
      case "move": {
        const value = get(doc, op.from ?? "", "move");
        doc = put(removeAt(doc, op.from ?? ""), op.path, value, "add");
        break;
      }
      case "copy":
        doc = put(doc, op.path, structuredClone(get(doc, op.from ?? "", "copy")), "add");
        break;
      case "test":
        if (!jsonEqual(get(doc, op.path, "test"), op.value ?? null)) {
          throw new JsonPatchError(`testing value ${op.path} failed: test failed`);
        }
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

function tokens(path: string): string[] {
  if (path === "") return [];
  return path
    .slice(1)
    .split("/")
    .map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function get(doc: Json, path: string, op: string): Json {
  let node: Json | undefined = doc;
  for (const token of tokens(path)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else node = undefined;
    if (node === undefined)
      throw new JsonPatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
  }
  return node as Json;
}

function put(doc: Json, path: string, value: Json, op: string): Json {
  const parts = tokens(path);
  if (parts.length === 0) return value;
  const last = parts.pop()!;
  const parent = get(
    doc,
    `/${parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`.replace(/^\/$/, ""),
    op,
  );
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw new JsonPatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
    }
    if (op === "replace") parent[index] = value;
    else parent.splice(index, 0, value);
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw new JsonPatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  return doc;
}

function removeAt(doc: Json, path: string): Json {
  get(doc, path, "remove");
  const parts = tokens(path);
  const last = parts.pop()!;
  const parent = get(doc, parts.length === 0 ? "" : `/${parts.join("/")}`, "remove");
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) delete parent[last];
  return doc;
}
