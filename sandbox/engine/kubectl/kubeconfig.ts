/**
 * The learner's kubeconfig: what `kind create cluster` writes (one context, kind-kind) plus what
 * `kubectl config use-context / set-context` change. It belongs to the sandbox session, so it is
 * kept beside the cluster it points at rather than in a file.
 */
import type { Cluster } from "../cluster/cluster.ts";

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface Kubeconfig {
  currentContext: string;
  contexts: KubeContext[];
  /** The API server address kind publishes on the host. */
  server: string;
}

const configs = new WeakMap<Cluster, Kubeconfig>();

export function kubeconfigOf(cluster: Cluster): Kubeconfig {
  let config = configs.get(cluster);
  if (!config) {
    config = {
      currentContext: "kind-kind",
      contexts: [{ name: "kind-kind", cluster: "kind-kind", user: "kind-kind" }],
      server: "https://127.0.0.1:40123",
    };
    configs.set(cluster, config);
  }
  return config;
}

/** The namespace commands use without -n: the (given or current) context's, else `default`. */
export function currentNamespace(cluster: Cluster, contextName?: string): string {
  const config = kubeconfigOf(cluster);
  const name = contextName ?? config.currentContext;
  return config.contexts.find((c) => c.name === name)?.namespace || "default";
}

export function hasContext(cluster: Cluster, name: string): boolean {
  return kubeconfigOf(cluster).contexts.some((c) => c.name === name);
}
