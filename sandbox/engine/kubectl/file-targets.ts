/**
 * `get -f` / `describe -f`: the builder's path visitor. The objects named in the files are
 * fetched from the server by type, namespace and name (Latest()), in file order.
 */
import type { KubectlInvocation } from "./command.ts";
import { objectsFromFiles } from "./manifests/from-flags.ts";
import type { BuilderResult } from "./resources.ts";

export function targetsFromFiles(invocation: KubectlInvocation): BuilderResult | { errors: string[] } {
  if (invocation.flags.args.length > 0) {
    return {
      ok: false,
      error:
        "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
    };
  }
  const read = objectsFromFiles(invocation);
  if ("fatal" in read) return { errors: read.fatal };
  if (read.errors.length > 0) return { errors: read.errors };
  const targets = read.manifests.map((m) => ({
    type: m.type,
    namespace: m.type.namespaced ? m.object.metadata.namespace : undefined,
    name: m.object.metadata.name,
  }));
  return { ok: true, targets, singleItemImplied: targets.length === 1, bySelector: false };
}
