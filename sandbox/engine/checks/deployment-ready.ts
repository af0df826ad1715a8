import { find, missing, NAMESPACE_PARAM, namespaceOf, readyReplicas, specReplicas } from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A Deployment exists (with the given replica count) and its rollout is complete. */
export const deploymentReady: Check = {
  name: "deployment-ready",
  description: "Deployment `name` exists, has `replicas` replicas if given, all updated and Ready.",
  params: {
    name: { type: "string", description: "The Deployment's name." },
    replicas: { type: "integer", optional: true, description: "The replica count it must have." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "name");
    const deployment = find(ctx, "Deployment", namespace, name);
    if (!deployment) return fail(missing(ctx, "Deployment", namespace, name));
    const replicas = specReplicas(deployment);
    const wanted = optInt(params, "replicas");
    if (wanted !== undefined && replicas !== wanted) {
      return fail(`Deployment ${name} has ${replicas} replicas, not ${wanted}`);
    }
    const status = (deployment.status ?? {}) as { updatedReplicas?: number; replicas?: number };
    const ready = readyReplicas(deployment);
    const done =
      ready === replicas && (status.updatedReplicas ?? 0) === replicas && (status.replicas ?? 0) === replicas;
    return done
      ? pass(`Deployment ${name} has all ${replicas} pods ready`)
      : fail(`Deployment ${name} has ${ready} of ${replicas} pods ready`);
  },
};
