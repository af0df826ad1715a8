/**
 * The three PATCH types the API server takes (`kubectl patch --type`):
 * - "merge": RFC 7386 JSON merge patch;
 * - "strategic": strategic merge patch — lists with a merge key merge element by element (the
 *   merge-key table and list merging are shared with `kubectl apply`), plus the `$patch`
 *   directives (`replace`, `delete`) on maps and `$retainKeys`;
 * - "json": RFC 6902 JSON patch with evanphx/json-patch's error texts.
 */
import {
  applyMergePatch,
  applyStrategicPatch,
  type Json,
  type JsonObject,
} from "../../kubectl/apply/strategic-merge.ts";
import { ApiError } from "../errors.ts";

export type PatchType = "merge" | "strategic" | "json";

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Applies `patch` to `target` (neither is changed) and returns the patched document. */
export function applyPatch(target: JsonObject, type: PatchType, patch: unknown, kind: string): JsonObject {
  if (type === "json") return applyJsonPatch(target, patch);
  if (!isObject(patch))
    throw new ApiError(
      "BadRequest",
      "json: cannot unmarshal array into Go value of type map[string]interface {}",
    );
  if (type === "merge") return applyMergePatch(target, patch) as JsonObject;
  const [prepared, cleaned] = applyMapDirectives(structuredClone(target), structuredClone(patch));
  return applyStrategicPatch(prepared, cleaned, kind);
}

/**
 * Handles the map-level directives before the merge: `$retainKeys` drops the target's other
 * keys, `$patch: replace` starts the map afresh, and `$patch: delete` removes it (a null in the
 * patch). Returns the prepared target and the patch without these directives.
 */
function applyMapDirectives(target: JsonObject, patch: JsonObject): [JsonObject, JsonObject] {
  const directive = patch.$patch;
  if (directive === "replace") {
    const { $patch: _, ...rest } = patch;
    return [{}, rest];
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(target)) if (!retain.includes(key)) delete target[key];
    delete patch.$retainKeys;
  }
  for (const [key, value] of Object.entries(patch)) {
    if (!isObject(value)) continue;
    if (value.$patch === "delete") {
      patch[key] = null;
      continue;
    }
    const current = target[key];
    const [prepared, cleaned] = applyMapDirectives(isObject(current) ? current : {}, value);
    if (isObject(current) || value.$patch === "replace") target[key] = prepared;
    patch[key] = cleaned;
  }
  return [target, patch];
}

// ---- RFC 6902 -------------------------------------------------------------------------------

interface Operation {
  op?: string;
  path?: string;
  from?: string;
  value?: Json;
}

/** What evanphx/json-patch says, wrapped the way the API server wraps it (422, no kind or name). */
function patchFailure(message: string): ApiError {
  return new ApiError(
    "Invalid",
    "the server rejected our request due to an error in our request",
    [{ field: "", type: "UnexpectedServerResponse", message }],
    { kind: "", group: "", name: "" },
  );
}

function decodePointer(path: string): string[] {
  if (path === "") return [];
  return path
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The container holding the pointer's last segment, or undefined when the path does not lead anywhere. */
function findContainer(doc: Json, path: string): { container: JsonObject | Json[]; key: string } | undefined {
  const parts = decodePointer(path);
  if (parts.length === 0) return undefined;
  let node: Json = doc;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(node)) {
      const i = Number(part);
      if (!/^\d+$/.test(part) || i >= node.length) return undefined;
      node = node[i]!;
    } else if (isObject(node)) {
      if (!(part in node)) return undefined;
      node = node[part]!;
    } else {
      return undefined;
    }
  }
  if (!Array.isArray(node) && !isObject(node)) return undefined;
  return { container: node, key: parts[parts.length - 1]! };
}

function getAt(doc: Json, path: string): Json | undefined {
  if (path === "") return doc;
  const found = findContainer(doc, path);
  if (!found) return undefined;
  const { container, key } = found;
  if (Array.isArray(container)) return /^\d+$/.test(key) ? container[Number(key)] : undefined;
  return Object.hasOwn(container, key) ? container[key] : undefined;
}

export function applyJsonPatch(target: JsonObject, patch: unknown): JsonObject {
  if (!Array.isArray(patch)) {
    throw new ApiError("BadRequest", "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  }
  const doc = structuredClone(target) as Json;
  for (const raw of patch as Operation[]) {
    const op = raw.op ?? "";
    const path = raw.path ?? "";
    switch (op) {
      case "add":
        add(doc, path, structuredClone(raw.value ?? null));
        break;
      case "remove":
        remove(doc, path);
        break;
      case "replace": {
        const found = findContainer(doc, path);
        if (!found || getAt(doc, path) === undefined) {
          throw patchFailure(`replace operation does not apply: doc is missing path: ${path}: missing value`);
        }
        set(found.container, found.key, structuredClone(raw.value ?? null));
        break;
      }
      case "move":
      case "copy": {
        const from = raw.from ?? "";
        const value = getAt(doc, from);
        if (value === undefined) {
          throw patchFailure(
            `${op} operation does not apply: doc is missing from path: ${from}: missing value`,
          );
        }
        if (op === "move") remove(doc, from);
        add(doc, path, structuredClone(value));
        break;
      }
      case "test": {
        const value = getAt(doc, path);
        if (JSON.stringify(sortKeys(value ?? null)) !== JSON.stringify(sortKeys(raw.value ?? null))) {
          throw patchFailure(`testing value ${path} failed: test failed`);
        }
        break;
      }
      default:
        throw patchFailure(`Unexpected kind: ${op}`);
    }
  }
  if (!isObject(doc)) throw patchFailure("the patched document is not an object");
  return doc;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k]!)]),
  );
}

function set(container: JsonObject | Json[], key: string, value: Json): void {
  if (Array.isArray(container)) container[Number(key)] = value;
  else container[key] = value;
}

function add(doc: Json, path: string, value: Json): void {
  const found = findContainer(doc, path);
  if (!found)
    throw patchFailure(`add operation does not apply: doc is missing path: "${path}": missing value`);
  const { container, key } = found;
  if (!Array.isArray(container)) {
    container[key] = value;
    return;
  }
  const index = key === "-" ? container.length : Number(key);
  if (!/^(\d+|-)$/.test(key) || index > container.length) {
    throw patchFailure(`add operation does not apply: doc is missing path: "${path}": missing value`);
  }
  container.splice(index, 0, value);
}

function remove(doc: Json, path: string): void {
  const found = findContainer(doc, path);
  if (!found)
    throw patchFailure(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  const { container, key } = found;
  if (Array.isArray(container)) {
    const index = Number(key);
    if (!/^\d+$/.test(key) || index >= container.length) {
      throw patchFailure(
        `error in remove for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`,
      );
    }
    container.splice(index, 1);
  } else {
    if (!Object.hasOwn(container, key)) {
      throw patchFailure(
        `error in remove for path: '${path}': unable to remove nonexistent key: ${key}: missing value`,
      );
    }
    delete container[key];
  }
}
