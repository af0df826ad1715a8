/**
 * Every image the simulated registries know, and the lookup the kubelet (pulls) and the pod
 * shell (exec) use. An image missing here does not exist: pulling it fails with containerd's
 * real messages.
 */
import { BUSYBOX_IMAGES } from "./busybox.ts";
import { HTTPD_IMAGES } from "./httpd.ts";
import { KVDB_IMAGES } from "./kvdb.ts";
import { NGINX_IMAGES } from "./nginx.ts";
import { type ImageReference, parseImageReference } from "./reference.ts";
import { SYSTEM_IMAGES } from "./system.ts";
import type { ImageSpec } from "./types.ts";

export const IMAGE_CATALOGUE: readonly ImageSpec[] = [
  ...NGINX_IMAGES,
  ...HTTPD_IMAGES,
  ...BUSYBOX_IMAGES,
  ...KVDB_IMAGES,
  ...Object.values(SYSTEM_IMAGES),
];

export type ImageLookup =
  | { ok: true; ref: ImageReference; image: ImageSpec }
  /** The reference does not parse: the container waits with reason InvalidImageName. */
  | { ok: false; reason: "InvalidImageName"; message: string }
  /**
   * The registry has no such image: `pullError` is the CRI error the kubelet quotes after
   * `Failed to pull image "<image>": ` in its event.
   */
  | { ok: false; reason: "ErrImagePull"; ref: ImageReference; pullError: string };

/** Resolves what a pod spec names (`nginx`, `nginx:1.27`, `registry.k8s.io/nginx-slim:0.8`). */
export function lookupImage(image: string, catalogue: readonly ImageSpec[] = IMAGE_CATALOGUE): ImageLookup {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return { ok: false, reason: "InvalidImageName", message: parsed.message };
  const { ref } = parsed;
  const repo = catalogue.filter((i) => i.repository === ref.repository);
  const found = ref.digest
    ? repo.find((i) => i.digest === ref.digest)
    : repo.find((i) => i.tags.includes(ref.tag));
  if (found) return { ok: true, ref, image: found };
  const head = `failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}"`;
  // Docker Hub answers an unknown repository with an authorization error, an unknown tag with 404.
  const pullError =
    repo.length === 0 && ref.repository.startsWith("docker.io/")
      ? `rpc error: code = Unknown desc = ${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
      : `rpc error: code = NotFound desc = ${head}: ${ref.normalized}: not found`;
  return { ok: false, reason: "ErrImagePull", ref, pullError };
}

/** containerStatuses[].imageID for a pulled image: `docker.io/library/nginx@sha256:…`. */
export function imageID(image: ImageSpec): string {
  return `${image.repository}@${image.digest}`;
}
