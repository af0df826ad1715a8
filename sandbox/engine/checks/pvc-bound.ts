import { find, missing, NAMESPACE_PARAM, namespaceOf } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A PersistentVolumeClaim is Bound to a volume. */
export const pvcBound: Check = {
  name: "pvc-bound",
  description: "PersistentVolumeClaim `name` exists and is Bound.",
  params: {
    name: { type: "string", description: "The claim's name, e.g. www-web-0." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "name");
    const claim = find(ctx, "PersistentVolumeClaim", namespace, name);
    if (!claim) return fail(missing(ctx, "PersistentVolumeClaim", namespace, name));
    const phase = (claim.status as { phase?: string } | undefined)?.phase ?? "Pending";
    const volume = (claim.spec as { volumeName?: string } | undefined)?.volumeName;
    return phase === "Bound"
      ? pass(`Claim ${name} is Bound to ${volume ?? "a volume"}`)
      : fail(`Claim ${name} is ${phase}`);
  },
};
