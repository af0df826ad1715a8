import type { Pod } from "kubernetes-types/core/v1";
import { find, isPodReady, missing, NAMESPACE_PARAM, namespaceOf } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/** A pod is Ready and its (first) container runs exactly this image reference. */
export const podImage: Check = {
  name: "pod-image",
  description: "Pod `name` is Ready and its first container runs image `image` (as written in the spec).",
  params: {
    name: { type: "string", description: "The pod's name, e.g. web-1." },
    image: { type: "string", description: "The image reference, e.g. nginx:1.28." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "name");
    const image = str(params, "image");
    const pod = find(ctx, "Pod", namespace, name);
    if (!pod) return fail(missing(ctx, "Pod", namespace, name));
    const running = (pod as unknown as Pod).spec?.containers[0]?.image;
    if (running !== image) return fail(`Pod ${name} runs ${running ?? "no image"}, not ${image}`);
    return isPodReady(pod)
      ? pass(`Pod ${name} runs ${image} and is Ready`)
      : fail(`Pod ${name} runs ${image} but is not Ready yet`);
  },
};
