import { find, missing, NAMESPACE_PARAM, namespaceOf } from "./objects.ts";
import { optInt, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A Service whose Endpoints list at least `count` ready addresses: it has pods behind it. */
export const serviceHasEndpoints: Check = {
  name: "service-has-endpoints",
  description: "Service `name` exists and its Endpoints list at least `count` (default 1) ready addresses.",
  params: {
    name: { type: "string", description: "The Service's name." },
    count: { type: "integer", optional: true, description: "How many ready addresses at least (default 1)." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "name");
    if (!find(ctx, "Service", namespace, name)) return fail(missing(ctx, "Service", namespace, name));
    const endpoints = find(ctx, "Endpoints", namespace, name);
    const subsets = (endpoints?.subsets ?? []) as { addresses?: unknown[] }[];
    const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
    const wanted = optInt(params, "count") ?? 1;
    return ready >= wanted
      ? pass(`Service ${name} has ${ready} ready endpoint${ready === 1 ? "" : "s"}`)
      : fail(`Service ${name} has ${ready} ready endpoints, wanted ${wanted}`);
  },
};
