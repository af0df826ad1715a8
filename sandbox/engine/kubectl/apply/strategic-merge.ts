/**
 * Strategic merge patch for the built-in kinds (objects.md §10): JSON merge semantics (a `null`
 * value deletes a field, maps merge recursively) except that lists with a merge key merge element
 * by element instead of being replaced, and an element `{"$patch": "delete", <key>: v}` removes
 * one. Real Kubernetes reads the merge keys from Go struct tags; here they are keyed by field
 * name and parent path, which is what the tags amount to for the kinds this sandbox serves.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Merge key of the list at `path` (field names from the object root), or undefined for atomic lists. */
export function mergeKeyFor(path: readonly string[], kind: string): string | undefined {
  const field = path[path.length - 1];
  switch (field) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "env":
    case "volumes":
    case "imagePullSecrets":
    case "resourceClaims":
      return "name";
    case "volumeMounts":
      return "mountPath";
    case "volumeDevices":
      return "devicePath";
    case "hostAliases":
      return "ip";
    case "topologySpreadConstraints":
      return "topologyKey";
    case "conditions":
      return "type";
    case "ownerReferences":
      return "uid";
    case "ports":
      // Service ports merge by port; container ports by containerPort.
      return kind === "Service" && path.length === 2 && path[0] === "spec" ? "port" : "containerPort";
    default:
      return undefined;
  }
}

/**
 * Sets an own property even for the key `__proto__`, which plain assignment would treat as the
 * prototype: a manifest may contain any key, and must not be able to change an object's prototype.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Applies a strategic merge patch to `target` and returns the result (inputs are not changed). */
export function applyStrategicPatch(target: JsonObject, patch: JsonObject, kind: string): JsonObject {
  return mergeObject(target, patch, [], kind);
}

function mergeObject(target: JsonObject, patch: JsonObject, path: string[], kind: string): JsonObject {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    const childPath = [...path, key];
    if (isObject(value)) {
      setOwn(out, key, mergeObject(isObject(current) ? current : {}, value, childPath, kind));
    } else if (Array.isArray(value)) {
      const mergeKey = mergeKeyFor(childPath, kind);
      setOwn(
        out,
        key,
        mergeKey && Array.isArray(current)
          ? mergeList(current, value, mergeKey, childPath, kind)
          : stripDirectives(value),
      );
    } else {
      setOwn(out, key, value);
    }
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string, path: string[], kind: string): Json[] {
  const out = [...current];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = out.findIndex(
      (existing) => isObject(existing) && jsonEqual(existing[mergeKey], item[mergeKey]),
    );
    if (item.$patch === "delete") {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = mergeObject(out[index] as JsonObject, item, path, kind);
    else out.push(mergeObject({}, item, path, kind));
  }
  return out;
}

function stripDirectives(list: Json[]): Json[] {
  return list.filter((item) => !(isObject(item) && item.$patch === "delete"));
}

/**
 * kubectl's CreateThreeWayMergePatch: what to send so that live ends up with everything in
 * `modified`, without the fields that `original` (the last applied manifest) had and `modified`
 * dropped, and without touching fields only `current` (live) has.
 */
export function threeWayPatch(
  original: JsonObject,
  modified: JsonObject,
  current: JsonObject,
  kind: string,
): JsonObject {
  const deletions = diffDeletions(original, modified, [], kind);
  const changes = diffChanges(current, modified, [], kind);
  return mergePatches(deletions, changes);
}

/** Fields (and merge-list elements) in `from` that `to` no longer has, as null / $patch:delete. */
function diffDeletions(from: JsonObject, to: JsonObject, path: string[], kind: string): JsonObject {
  const patch: JsonObject = {};
  for (const [key, before] of Object.entries(from)) {
    const after = to[key];
    if (after === undefined) {
      setOwn(patch, key, null);
      continue;
    }
    if (isObject(before) && isObject(after)) {
      const inner = diffDeletions(before, after, [...path, key], kind);
      if (Object.keys(inner).length > 0) setOwn(patch, key, inner);
      continue;
    }
    const mergeKey = mergeKeyFor([...path, key], kind);
    if (mergeKey && Array.isArray(before) && Array.isArray(after)) {
      const items: Json[] = [];
      for (const item of before) {
        if (!isObject(item)) continue;
        const match = after.find((a) => isObject(a) && jsonEqual(a[mergeKey], item[mergeKey]));
        if (!isObject(match)) {
          items.push({ $patch: "delete", [mergeKey]: item[mergeKey] ?? null });
          continue;
        }
        const inner = diffDeletions(item, match, [...path, key], kind);
        if (Object.keys(inner).length > 0) items.push({ ...inner, [mergeKey]: item[mergeKey] ?? null });
      }
      if (items.length > 0) setOwn(patch, key, items);
    }
  }
  return patch;
}

/** Fields of `to` that differ from `from`; fields only in `from` are left alone. */
function diffChanges(from: JsonObject, to: JsonObject, path: string[], kind: string): JsonObject {
  const patch: JsonObject = {};
  for (const [key, after] of Object.entries(to)) {
    const before = from[key];
    // A null in a manifest (`creationTimestamp: null` from --dry-run -o yaml) sets nothing.
    if (after === null || jsonEqual(before, after)) continue;
    if (isObject(before) && isObject(after)) {
      const inner = diffChanges(before, after, [...path, key], kind);
      if (Object.keys(inner).length > 0) setOwn(patch, key, inner);
      continue;
    }
    const mergeKey = mergeKeyFor([...path, key], kind);
    if (mergeKey && Array.isArray(before) && Array.isArray(after) && after.every(isObject)) {
      const items: Json[] = [];
      for (const item of after as JsonObject[]) {
        const match = before.find((b) => isObject(b) && jsonEqual(b[mergeKey], item[mergeKey]));
        if (!isObject(match)) {
          items.push(item);
          continue;
        }
        const inner = diffChanges(match, item, [...path, key], kind);
        if (Object.keys(inner).length > 0) items.push({ ...inner, [mergeKey]: item[mergeKey] ?? null });
      }
      if (items.length > 0) setOwn(patch, key, items);
      continue;
    }
    setOwn(patch, key, after);
  }
  return patch;
}

/** Combines the deletion and change halves of a three-way patch; changes win on conflicts. */
function mergePatches(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    if (isObject(existing) && isObject(value)) setOwn(out, key, mergePatches(existing, value));
    else if (Array.isArray(existing) && Array.isArray(value)) setOwn(out, key, [...existing, ...value]);
    else setOwn(out, key, value);
  }
  return out;
}

/** RFC 7386 JSON merge patch, as `kubectl patch --type merge` and CRDs use it. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setOwn(out, key, applyMergePatch(Object.hasOwn(out, key) ? out[key]! : null, value));
  }
  return out;
}
