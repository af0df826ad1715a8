import type { KubeObject } from "../cluster/types.ts";
import {
  find,
  isOwnedBy,
  isPodReady,
  missing,
  NAMESPACE_PARAM,
  namespaceOf,
  specReplicas,
} from "./objects.ts";
import { optInt, optStr, str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

const REVISION_LABEL = "controller-revision-hash";

interface StatefulSetView {
  spec?: {
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    template?: { spec?: { containers?: { image?: string }[] } };
  };
  status?: { updateRevision?: string; currentRevision?: string };
}

const imageOf = (pod: KubeObject) =>
  (pod.spec as { containers?: { image?: string }[] }).containers?.[0]?.image;

/**
 * A canary: a RollingUpdate with a partition, where the pods at or above the partition run the
 * new revision (and `image`, if given), Ready, and the pods below still run the old one.
 */
export const rollingUpdatePartition: Check = {
  name: "rolling-update-partition",
  description:
    "StatefulSet `statefulset` has partition `partition`: pods ≥ it run the new revision (with `image`), pods below the old one.",
  params: {
    statefulset: { type: "string", description: "The StatefulSet's name." },
    partition: { type: "integer", description: "The rollingUpdate partition it must have." },
    image: { type: "string", optional: true, description: "The new image the updated pods must run." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "statefulset");
    const sts = find(ctx, "StatefulSet", namespace, name);
    if (!sts) return fail(missing(ctx, "StatefulSet", namespace, name));
    const { spec, status } = sts as StatefulSetView;
    const partition = optInt(params, "partition")!;
    if ((spec?.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate") {
      return fail(`StatefulSet ${name} uses the ${spec?.updateStrategy?.type} update strategy`);
    }
    const actual = spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (actual !== partition) return fail(`StatefulSet ${name} has partition ${actual}, not ${partition}`);
    const image = optStr(params, "image");
    if (image !== undefined && spec?.template?.spec?.containers?.[0]?.image !== image) {
      return fail(`StatefulSet ${name}'s template does not use ${image} yet`);
    }
    const update = status?.updateRevision;
    if (!update || update === status?.currentRevision)
      return fail(`StatefulSet ${name} has no new revision yet`);
    for (let ordinal = 0; ordinal < specReplicas(sts); ordinal++) {
      const pod = find(ctx, "Pod", namespace, `${name}-${ordinal}`);
      if (!pod || !isOwnedBy(pod, sts) || !isPodReady(pod)) return fail(`${name}-${ordinal} is not Ready`);
      const updated = pod.metadata.labels?.[REVISION_LABEL] === update;
      if (ordinal >= partition && !updated) return fail(`${name}-${ordinal} is not updated yet`);
      if (ordinal >= partition && image !== undefined && imageOf(pod) !== image) {
        return fail(`${name}-${ordinal} does not run ${image}`);
      }
      if (ordinal < partition && updated)
        return fail(`${name}-${ordinal} is below the partition but was updated`);
    }
    return pass(`Pods from ${name}-${partition} up run the new revision; the ones below the old`);
  },
};
