import { find, isPodReady, missing, NAMESPACE_PARAM, namespaceOf } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A pod with this exact name exists and is Ready. */
export const podReady: Check = {
  name: "pod-ready",
  description: "Pod `name` exists and is Ready.",
  params: {
    name: { type: "string", description: "The pod's name." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "name");
    const pod = find(ctx, "Pod", namespace, name);
    if (!pod) return fail(missing(ctx, "Pod", namespace, name));
    return isPodReady(pod) ? pass(`Pod ${name} is Ready`) : fail(`Pod ${name} is not Ready yet`);
  },
};
