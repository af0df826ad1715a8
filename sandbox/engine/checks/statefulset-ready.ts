import {
  find,
  isOwnedBy,
  isPodReady,
  missing,
  NAMESPACE_PARAM,
  namespaceOf,
  specReplicas,
} from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A StatefulSet exists (with the given replica count) and every ordinal's pod is Ready. */
export const statefulsetReady: Check = {
  name: "statefulset-ready",
  description: "StatefulSet `name` exists, has `replicas` replicas if given, and pods 0…n-1 are all Ready.",
  params: {
    name: { type: "string", description: "The StatefulSet's name." },
    replicas: { type: "integer", optional: true, description: "The replica count it must have." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "name");
    const sts = find(ctx, "StatefulSet", namespace, name);
    if (!sts) return fail(missing(ctx, "StatefulSet", namespace, name));
    const replicas = specReplicas(sts);
    const wanted = optInt(params, "replicas");
    if (wanted !== undefined && replicas !== wanted) {
      return fail(`StatefulSet ${name} has ${replicas} replicas, not ${wanted}`);
    }
    let ready = 0;
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      const pod = find(ctx, "Pod", namespace, `${name}-${ordinal}`);
      if (pod && isOwnedBy(pod, sts) && isPodReady(pod)) ready++;
    }
    return ready === replicas
      ? pass(`StatefulSet ${name} has all ${replicas} pods ready`)
      : fail(`StatefulSet ${name} has ${ready} of ${replicas} pods ready`);
  },
};
