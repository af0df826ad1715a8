/**
 * Image references as containerd normalises them: `nginx` → `docker.io/library/nginx:latest`,
 * `bitnami/redis` → `docker.io/bitnami/redis:latest`, `registry.k8s.io/pause:3.10` unchanged.
 * The normalised form is what pull errors and containerStatuses[].image quote.
 */

export interface ImageReference {
  /** What the pod spec said, e.g. "nginx:1.27". */
  original: string;
  /** "docker.io/library/nginx" */
  repository: string;
  /** "1.27"; "latest" when the spec gave neither tag nor digest. */
  tag: string;
  /** "sha256:…" when the spec pinned a digest. */
  digest?: string;
  /** "docker.io/library/nginx:1.27" (or "…@sha256:…"). */
  normalized: string;
}

export type ParsedReference = { ok: true; ref: ImageReference } | { ok: false; message: string };

// distribution/reference's grammar, reduced to what learners type.
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN =
  "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?";
const REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`,
);

/** Splits off the registry host the way docker does: a first part with a dot, a colon or "localhost". */
function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  if (slash !== -1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    return { domain: first, path: name.slice(slash + 1) };
  }
  return { domain: "docker.io", path: slash === -1 ? `library/${name}` : name };
}

export function parseImageReference(original: string): ParsedReference {
  const match = REFERENCE.exec(original);
  if (!match) {
    // The kubelet's InvalidImageName message (kuberuntime_image.go → applyDefaultImageTag).
    const upper = /[A-Z]/.test(original.split("@")[0]!.split(":")[0]!);
    const reason = upper
      ? `repository name (${splitDomain(original.split(/[:@]/)[0]!).path}) must be lowercase`
      : "invalid reference format";
    const detail = upper ? `invalid reference format: ${reason}` : reason;
    return {
      ok: false,
      message: `Failed to apply default image tag "${original}": couldn't parse image name "${original}": ${detail}`,
    };
  }
  const { domain, path } = splitDomain(match[1]!);
  const repository = `${domain}/${path}`;
  const digest = match[3];
  const tag = match[2] ?? "latest";
  const normalized = digest && !match[2] ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { ok: true, ref: { original, repository, tag, ...(digest ? { digest } : {}), normalized } };
}

/** The pull policy the API server defaults: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return "IfNotPresent";
  if (parsed.ref.digest) return "IfNotPresent";
  return parsed.ref.tag === "latest" ? "Always" : "IfNotPresent";
}
