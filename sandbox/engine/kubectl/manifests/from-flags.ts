/**
 * `-f`/`-R`/`--validate` as every file-taking verb reads them, and the namespace rule the builder
 * applies to each object (objects.md §9): an object's own namespace wins unless -n was given and
 * differs, which kubectl refuses on the client.
 */
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlInvocation } from "../command.ts";
import { type Manifest, readManifests } from "./read.ts";
import { collectSources } from "./sources.ts";

export interface FileObjects {
  manifests: Manifest[];
  /** Read errors (parse, validation, mapping, namespace mismatch), in kubectl's order. */
  errors: string[];
}

/** Reads every -f source; `{ fatal }` when a path is missing (nothing may be sent then). */
export function objectsFromFiles(invocation: KubectlInvocation): FileObjects | { fatal: string[] } {
  const { ctx, flags } = invocation;
  const workspace = ctx.env.workspace;
  const sources = collectSources(flags.strings("filename"), {
    recursive: flags.bool("recursive"),
    stdin: ctx.stdin,
    ...(workspace ? { workspace } : {}),
  });
  if (!sources.ok) return { fatal: sources.errors };
  const validate = !["false", "ignore"].includes(
    flags.changed.has("validate") ? flags.string("validate") : "strict",
  );
  const read = readManifests(sources.sources, { validate });
  const manifests: Manifest[] = [];
  for (const manifest of read.manifests) {
    const placed = placeInNamespace(manifest, invocation);
    if (typeof placed === "string") read.errors.push(placed);
    else manifests.push({ ...manifest, object: placed });
  }
  return { manifests, errors: read.errors };
}

function placeInNamespace(manifest: Manifest, invocation: KubectlInvocation): KubeObject | string {
  if (!manifest.type.namespaced) return manifest.object;
  const own = manifest.object.metadata.namespace;
  if (own && invocation.namespaceExplicit && own !== invocation.namespace) {
    return `the namespace from the provided object "${own}" does not match the namespace "${invocation.namespace}". You must pass '--namespace=${own}' to perform this operation.`;
  }
  return {
    ...manifest.object,
    metadata: { ...manifest.object.metadata, namespace: own || invocation.namespace },
  };
}
