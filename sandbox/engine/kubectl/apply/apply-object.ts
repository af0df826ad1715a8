/**
 * `kubectl apply` for one object (kubectl's applyOneObject, objects.md §10): create it with the
 * last-applied annotation when it is missing; otherwise compute the three-way strategic merge
 * patch between the old annotation, the manifest and the live object, and send it only when it is
 * not empty. Returns the operation word for the success line, or throws the API error.
 */
import type { WriteOptions } from "../../cluster/api.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { ApiError } from "../../cluster/errors.ts";
import type { ResourceType } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { withoutNulls } from "../manifests/generators.ts";
import { lastAppliedOf, withLastApplied } from "./last-applied.ts";
import {
  applyStrategicPatch,
  type Json,
  type JsonObject,
  jsonEqual,
  threeWayPatch,
} from "./strategic-merge.ts";

export type DryRun = "none" | "client" | "server";

export interface ApplyOutcome {
  operation: "created" | "configured" | "unchanged" | "serverside-applied";
  /** The object as stored (or as it would be, in a dry run). */
  object: KubeObject;
  /** `Warning: ...` lines for stderr, without the prefix. */
  warnings: string[];
}

/** Thrown for a failed PATCH: kubectl reports it with the patch and the target spelled out. */
export class PatchError extends Error {
  override readonly cause: ApiError;
  readonly patch: JsonObject;
  constructor(cause: ApiError, patch: JsonObject) {
    super(cause.message);
    this.cause = cause;
    this.patch = patch;
  }
}

export function applyObject(
  cluster: Cluster,
  type: ResourceType,
  manifest: KubeObject,
  dryRun: DryRun,
  strict = true,
): ApplyOutcome {
  const { name, generateName } = manifest.metadata;
  if (!name) {
    if (generateName) throw new Error(`from ${generateName}: cannot use generate name with apply`);
    throw new Error("resource name may not be empty");
  }
  const { object: modified } = withLastApplied(manifest);
  const live = cluster.api.tryGet(type.kind, manifest.metadata.namespace, name);
  const write = writeOptions(dryRun, strict);
  if (!live) {
    // kubectl drops null fields (`creationTimestamp: null`) before it POSTs.
    const created = dryRun === "client" ? modified : cluster.api.create(withoutNulls(modified), write);
    return { operation: "created", object: created, warnings: [] };
  }
  const warnings: string[] = [];
  if (live.metadata.deletionTimestamp) {
    warnings.push(`Detected changes to resource ${name} which is currently being deleted.`);
  }
  const original = lastAppliedOf(live);
  if (!original) {
    warnings.push(
      `resource ${type.plural}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
    );
  }
  const current = live as unknown as JsonObject;
  const patch = threeWayPatch(original ?? {}, modified as unknown as JsonObject, current, type.kind);
  if (Object.keys(patch).length === 0) return { operation: "unchanged", object: live, warnings };
  if (dryRun === "client") {
    return {
      operation: "configured",
      object: applyStrategicPatch(current, patch, type.kind) as unknown as KubeObject,
      warnings,
    };
  }
  try {
    const patched = cluster.api.patch(type.kind, live.metadata.namespace, name, "strategic", patch, write);
    return { operation: "configured", object: patched, warnings };
  } catch (error) {
    if (error instanceof ApiError) throw new PatchError(error, patch);
    throw error;
  }
}

/**
 * The message kubectl builds for a failed apply PATCH (AddSourceToErr around the patch, the
 * target and the source): `error when applying patch:\n<patch>\nto:\nResource: ...`.
 */
export function patchErrorMessage(
  error: PatchError,
  type: ResourceType,
  object: KubeObject,
  source: string,
): string {
  const gv = `${type.group}/${type.version}`;
  return [
    "error when applying patch:",
    JSON.stringify(error.patch),
    "to:",
    `Resource: "${gv}, Resource=${type.plural}", GroupVersionKind: "${gv}, Kind=${type.kind}"`,
    `Name: "${object.metadata.name}", Namespace: "${object.metadata.namespace ?? ""}"`,
    `for: "${source}": error when patching "${source}": ${error.cause.message}`,
  ].join("\n");
}

/**
 * `apply --server-side`, approximated: the manifest's fields are merged into the live object
 * (created when missing) and nothing is removed; real field ownership and conflict detection are
 * not modelled. No last-applied annotation is written, as with real server-side apply.
 */
export function serverSideApply(
  cluster: Cluster,
  type: ResourceType,
  manifest: KubeObject,
  dryRun: DryRun,
  strict = true,
): ApplyOutcome {
  const write = writeOptions(dryRun, strict);
  const live = cluster.api.tryGet(type.kind, manifest.metadata.namespace, manifest.metadata.name);
  if (!live) {
    const created = dryRun === "client" ? manifest : cluster.api.create(withoutNulls(manifest), write);
    return { operation: "serverside-applied", object: created, warnings: [] };
  }
  const merged = applyStrategicPatch(
    live as unknown as JsonObject,
    manifest as unknown as JsonObject,
    type.kind,
  );
  const changed = !jsonEqual(merged, live as unknown as Json);
  const object =
    changed && dryRun !== "client" ? cluster.api.update(merged as unknown as KubeObject, write) : live;
  return { operation: "serverside-applied", object, warnings: [] };
}

/** What the request asks of the server: --dry-run=server, and --validate=strict as fieldValidation. */
export function writeOptions(dryRun: DryRun, strict: boolean): WriteOptions {
  return {
    ...(dryRun === "server" ? { dryRun: true } : {}),
    ...(strict ? { fieldValidation: "Strict" as const } : {}),
  };
}
