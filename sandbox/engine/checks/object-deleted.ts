import { NAMESPACE_PARAM, namespaceOf } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** Clean-up: an object that existed in this session is gone. */
export const objectDeleted: Check = {
  name: "object-deleted",
  description: "An object of kind `kind` named `name` existed during the session and is now gone.",
  params: {
    kind: {
      type: "string",
      description: "The object's kind as the API spells it: Deployment, Service, Pod…",
    },
    name: { type: "string", description: "The object's name." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const kind = str(params, "kind");
    const name = str(params, "name");
    const namespaced = ctx.cluster.history.first((e) => e.kind === kind && e.name === name)?.namespace;
    const existed = ctx.cluster.history.first(
      (e) =>
        e.kind === kind &&
        e.name === name &&
        e.type === "ADDED" &&
        (namespaced === undefined || e.namespace === namespace),
    );
    if (!existed) return fail(`There has been no ${kind} ${name} to delete yet`);
    const now = ctx.cluster.api.tryGet(kind, namespaced === undefined ? undefined : namespace, name);
    return now ? fail(`${kind} ${name} still exists`) : pass(`${kind} ${name} is gone`);
  },
};
