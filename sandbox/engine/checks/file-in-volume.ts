import { volumeData } from "../cluster/storage/volume-data.ts";
import { find, missing, NAMESPACE_PARAM, namespaceOf } from "./objects.ts";
import { str } from "./params.ts";
import { type Check, fail, pass } from "./types.ts";

/**
 * A file on the volume bound to a claim holds some text: data written through one pod, read
 * from the volume itself, so it passes only if the data really is on the claim's disk.
 */
export const fileInVolume: Check = {
  name: "file-in-volume",
  description:
    "The volume bound to claim `claim` has a file at `path` (relative to the volume) containing `contains`.",
  params: {
    claim: { type: "string", description: "The PersistentVolumeClaim's name." },
    path: { type: "string", description: "The file's path inside the volume, e.g. index.html." },
    contains: { type: "string", description: "Text the file must contain." },
    namespace: NAMESPACE_PARAM,
  },
  run(ctx, params) {
    const namespace = namespaceOf(ctx, params);
    const name = str(params, "claim");
    const path = str(params, "path");
    const claim = find(ctx, "PersistentVolumeClaim", namespace, name);
    if (!claim) return fail(missing(ctx, "PersistentVolumeClaim", namespace, name));
    const volume = (claim.spec as { volumeName?: string } | undefined)?.volumeName;
    if (!volume) return fail(`Claim ${name} is not bound to a volume yet`);
    const node = ctx.cluster.api
      .list("Pod", { namespace })
      .map(
        (pod) =>
          pod.spec as { nodeName?: string; volumes?: { persistentVolumeClaim?: { claimName?: string } }[] },
      )
      .find((spec) => spec.volumes?.some((v) => v.persistentVolumeClaim?.claimName === name))?.nodeName;
    const tree = volumeData(ctx.cluster).forPersistentVolume(volume, node);
    let text: string;
    try {
      text = tree?.readFile(path) ?? "";
    } catch {
      return fail(`There is no file ${path} on the volume of claim ${name}`);
    }
    return text.includes(str(params, "contains"))
      ? pass(`${path} on the volume of claim ${name} holds the text`)
      : fail(`${path} on the volume of claim ${name} does not hold the expected text`);
  },
};
