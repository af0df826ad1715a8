import { find, missing, NAMESPACE_PARAM, namespaceOf } from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

interface ServiceSpecView {
  clusterIP?: string;
  ports?: { port?: number }[];
}

/** A headless Service (`clusterIP: None`), the kind a StatefulSet's serviceName points at. */
export const serviceHeadless: Check = {
  name: "service-headless",
  description: "Service `name` exists with `clusterIP: None` (and serves `port` if given).",
  params: {
    name: { type: "string", description: "The Service's name." },
    port: { type: "integer", optional: true, description: "A port the Service must list." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "name");
    const service = find(ctx, "Service", namespace, name);
    if (!service) return fail(missing(ctx, "Service", namespace, name));
    const spec = (service.spec ?? {}) as ServiceSpecView;
    if (spec.clusterIP !== "None") {
      return fail(
        `Service ${name} has ClusterIP ${spec.clusterIP ?? "<none>"}: it is not headless (clusterIP: None)`,
      );
    }
    const port = optInt(params, "port");
    if (port !== undefined && !spec.ports?.some((p) => p.port === port)) {
      return fail(`Service ${name} is headless but does not serve port ${port}`);
    }
    return pass(`Service ${name} is headless`);
  },
};
