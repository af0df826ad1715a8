import type { Cluster } from "../cluster.ts";
import { KUBE_DNS_SERVICE_IP, KUBERNETES_SERVICE_IP } from "./range-allocator.ts";

/** kind's control-plane node, where the API server listens (networking.md §2). */
export const APISERVER_ENDPOINT = { ip: "172.18.0.2", port: 6443 } as const;

/**
 * The Services every kind cluster starts with: `default/kubernetes` on the first service address,
 * pointing at the API server, and CoreDNS's `kube-system/kube-dns` on the tenth.
 *
 * The API server itself maintains `kubernetes`'s Endpoints and EndpointSlice (both named
 * `kubernetes`, without the endpointslice controller's labels); `kube-dns` is an ordinary Service
 * whose endpoints follow the coredns pods once those exist.
 */
export function createDefaultServices(cluster: Cluster): void {
  cluster.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { component: "apiserver", provider: "kubernetes" },
    },
    spec: {
      ports: [{ name: "https", protocol: "TCP", port: 443, targetPort: APISERVER_ENDPOINT.port }],
      clusterIP: KUBERNETES_SERVICE_IP,
      type: "ClusterIP",
    },
  });
  cluster.create({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
    },
    subsets: [
      {
        addresses: [{ ip: APISERVER_ENDPOINT.ip }],
        ports: [{ name: "https", port: APISERVER_ENDPOINT.port, protocol: "TCP" }],
      },
    ],
  });
  cluster.create({
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { "kubernetes.io/service-name": "kubernetes" },
    },
    addressType: "IPv4",
    endpoints: [{ addresses: [APISERVER_ENDPOINT.ip], conditions: { ready: true } }],
    ports: [{ name: "https", port: APISERVER_ENDPOINT.port, protocol: "TCP" }],
  });
  cluster.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kube-dns",
      namespace: "kube-system",
      labels: {
        "k8s-app": "kube-dns",
        "kubernetes.io/cluster-service": "true",
        "kubernetes.io/name": "CoreDNS",
      },
      annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
    },
    spec: {
      ports: [
        { name: "dns", protocol: "UDP", port: 53, targetPort: 53 },
        { name: "dns-tcp", protocol: "TCP", port: 53, targetPort: 53 },
        { name: "metrics", protocol: "TCP", port: 9153, targetPort: 9153 },
      ],
      selector: { "k8s-app": "kube-dns" },
      clusterIP: KUBE_DNS_SERVICE_IP,
      type: "ClusterIP",
    },
  });
}
