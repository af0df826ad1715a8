/**
 * The images of kind's own pods (control plane, CNI, DNS, storage). They come preloaded in the
 * kind node image, so their pods show "already present on machine" and never pull.
 */
import { stableDigest } from "./log-time.ts";
import type { ImageSpec, ServedPort } from "./types.ts";

function system(repository: string, tag: string, binary: string, ports: ServedPort[] = []): ImageSpec {
  return {
    repository,
    tags: [tag],
    digest: stableDigest(`${repository}:${tag}`),
    sizeBytes: 30_000_000,
    pullMs: 2000,
    os: "distroless",
    shell: "none",
    toolset: "busybox",
    commands: [binary],
    packageManager: "none",
    installable: {},
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
    workingDir: "/",
    files: {},
    ports,
    preloaded: true,
    process: {
      entrypoint: [`/${binary}`],
      cmd: [],
      behaviour: { kind: "serve" },
      startMs: 500,
      readyAfterMs: 500,
      stopSignal: "SIGTERM",
      exitsOnStop: true,
      stopMs: 100,
      startupLog: () => [],
      shutdownLog: () => [],
    },
  };
}

export const KUBE_VERSION_TAG = "v1.34.0";

export const SYSTEM_IMAGES = {
  coredns: system("registry.k8s.io/coredns/coredns", "v1.12.1", "coredns", [
    { port: 53, protocol: "UDP", service: { kind: "http-ok" } },
    { port: 8080, protocol: "TCP", service: { kind: "http-ok" } },
    { port: 8181, protocol: "TCP", service: { kind: "http-ok" } },
    { port: 9153, protocol: "TCP", service: { kind: "http-ok" } },
  ]),
  etcd: system("registry.k8s.io/etcd", "3.6.4-0", "etcd"),
  apiserver: system("registry.k8s.io/kube-apiserver", KUBE_VERSION_TAG, "kube-apiserver"),
  controllerManager: system(
    "registry.k8s.io/kube-controller-manager",
    KUBE_VERSION_TAG,
    "kube-controller-manager",
  ),
  scheduler: system("registry.k8s.io/kube-scheduler", KUBE_VERSION_TAG, "kube-scheduler"),
  proxy: system("registry.k8s.io/kube-proxy", KUBE_VERSION_TAG, "kube-proxy"),
  kindnet: system("docker.io/kindest/kindnetd", "v20250512-df8de77b", "kindnetd"),
  localPath: system(
    "docker.io/kindest/local-path-provisioner",
    "v20250214-acbabc1a",
    "local-path-provisioner",
  ),
  pause: system("registry.k8s.io/pause", "3.10", "pause"),
} as const;

/** `registry.k8s.io/etcd:3.6.4-0`, as pod specs name them. */
export function systemImageName(image: ImageSpec): string {
  const name = image.repository.startsWith("docker.io/")
    ? image.repository.slice("docker.io/".length)
    : image.repository;
  return `${name}:${image.tags[0]}`;
}
