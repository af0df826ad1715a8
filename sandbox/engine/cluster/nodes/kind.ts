/**
 * What `kind create cluster` builds: the node objects (kind's labels, 172.18.0.x addresses, a
 * 10.244.N.0/24 podCIDR each, capacity, conditions, nodeInfo) and the kube-system workloads
 * `kubectl get pods -A` shows on a fresh cluster: the control plane's static (mirror) pods, the
 * kube-proxy and kindnet DaemonSets' pods on every node, and the CoreDNS and local-path-provisioner
 * Deployments (their pods come from the Deployment controller, as in a real cluster).
 */

import { SYSTEM_IMAGES, systemImageName } from "../../images/system.ts";
import type { Cluster } from "../cluster.ts";
import type { KubeObject } from "../types.ts";
import { KUBELET_VERSION } from "../versions.ts";

export interface KindNodeSpec {
  name: string;
  controlPlane: boolean;
  /** Whether the control plane keeps its NoSchedule taint (kind removes it on single-node clusters). */
  tainted: boolean;
  ip: string;
  podCIDR: string;
}

/** Resources of one kind node: the docker host's CPUs and memory, as the kubelet reports them. */
export const KIND_NODE_CAPACITY = {
  cpu: "4",
  "ephemeral-storage": "102625208Ki",
  "hugepages-1Gi": "0",
  "hugepages-2Mi": "0",
  memory: "8129288Ki",
  pods: "110",
} as const;

export const CONTROL_PLANE_TAINT = {
  key: "node-role.kubernetes.io/control-plane",
  effect: "NoSchedule",
} as const;

/** Control plane first, then kind-worker, kind-worker2, … with consecutive IPs and pod CIDRs. */
export function kindTopology(workers: number): KindNodeSpec[] {
  const nodes: KindNodeSpec[] = [
    {
      name: "kind-control-plane",
      controlPlane: true,
      tainted: workers > 0,
      ip: "172.18.0.2",
      podCIDR: "10.244.0.0/24",
    },
  ];
  for (let i = 1; i <= workers; i++) {
    nodes.push({
      name: i === 1 ? "kind-worker" : `kind-worker${i}`,
      controlPlane: false,
      tainted: false,
      ip: `172.18.0.${i + 2}`,
      podCIDR: `10.244.${i}.0/24`,
    });
  }
  return nodes;
}

function hexId(cluster: Cluster, length: number): string {
  let out = "";
  while (out.length < length) out += cluster.rng.nextUint32().toString(16).padStart(8, "0");
  return out.slice(0, length);
}

export function kindNode(cluster: Cluster, spec: KindNodeSpec): KubeObject {
  const labels: Record<string, string> = {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": spec.name,
    "kubernetes.io/os": "linux",
  };
  if (spec.controlPlane) {
    labels["node-role.kubernetes.io/control-plane"] = "";
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
  }
  const now = cluster.api.timestamp();
  const condition = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    message,
    reason,
    status,
    type,
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: spec.name,
      labels,
      annotations: {
        "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      podCIDR: spec.podCIDR,
      podCIDRs: [spec.podCIDR],
      providerID: `kind://docker/kind/${spec.name}`,
      ...(spec.tainted ? { taints: [{ ...CONTROL_PLANE_TAINT }] } : {}),
    },
    status: {
      addresses: [
        { address: spec.ip, type: "InternalIP" },
        { address: spec.name, type: "Hostname" },
      ],
      allocatable: { ...KIND_NODE_CAPACITY },
      capacity: { ...KIND_NODE_CAPACITY },
      conditions: [
        condition(
          "MemoryPressure",
          "False",
          "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available",
        ),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        bootID: cluster.rng.uuid(),
        containerRuntimeVersion: "containerd://2.1.3",
        kernelVersion: "6.8.0-1027-azure",
        kubeProxyVersion: "",
        kubeletVersion: KUBELET_VERSION,
        machineID: hexId(cluster, 32),
        operatingSystem: "linux",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        systemUUID: cluster.rng.uuid(),
      },
    },
  };
}

const CONTROL_PLANE_TOLERATIONS = [
  { key: "CriticalAddonsOnly", operator: "Exists" },
  { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" },
];

/** A control-plane component's mirror pod, as the kubelet creates it from /etc/kubernetes/manifests. */
function staticPod(
  cluster: Cluster,
  node: KubeObject,
  component: string,
  image: string,
  command: string[],
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${component}-${node.metadata.name}`,
      namespace: "kube-system",
      labels: { component, tier: "control-plane" },
      annotations: {
        "kubernetes.io/config.hash": hexId(cluster, 32),
        "kubernetes.io/config.mirror": hexId(cluster, 32),
        "kubernetes.io/config.seen": cluster.api.timestamp(),
        "kubernetes.io/config.source": "file",
      },
      ownerReferences: [
        {
          apiVersion: "v1",
          controller: true,
          kind: "Node",
          name: node.metadata.name,
          uid: node.metadata.uid ?? "",
        },
      ],
    },
    spec: {
      containers: [{ name: component, image, command, imagePullPolicy: "IfNotPresent" }],
      hostNetwork: true,
      nodeName: node.metadata.name,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      tolerations: [{ effect: "NoExecute", operator: "Exists" }],
    },
  };
}

/** etcd, kube-apiserver, kube-controller-manager and kube-scheduler on the control-plane node. */
export function createControlPlanePods(cluster: Cluster, node: KubeObject): void {
  const img = (i: (typeof SYSTEM_IMAGES)[keyof typeof SYSTEM_IMAGES]) => systemImageName(i);
  cluster.create(staticPod(cluster, node, "etcd", img(SYSTEM_IMAGES.etcd), ["etcd"]));
  cluster.create(
    staticPod(cluster, node, "kube-apiserver", img(SYSTEM_IMAGES.apiserver), ["kube-apiserver"]),
  );
  cluster.create(
    staticPod(cluster, node, "kube-controller-manager", img(SYSTEM_IMAGES.controllerManager), [
      "kube-controller-manager",
    ]),
  );
  cluster.create(
    staticPod(cluster, node, "kube-scheduler", img(SYSTEM_IMAGES.scheduler), ["kube-scheduler"]),
  );
}

const DAEMONSETS = [
  {
    name: "kube-proxy",
    labels: { "k8s-app": "kube-proxy" },
    image: SYSTEM_IMAGES.proxy,
    command: ["/usr/local/bin/kube-proxy"],
  },
  {
    name: "kindnet",
    labels: { app: "kindnet", "k8s-app": "kindnet", tier: "node" },
    image: SYSTEM_IMAGES.kindnet,
    command: ["/bin/kindnetd"],
  },
] as const;

/** The kube-proxy and kindnet DaemonSets (status kept by `placeDaemonPods`). */
export function createKindDaemonSets(cluster: Cluster): void {
  for (const ds of DAEMONSETS) {
    const template = {
      metadata: { labels: { ...ds.labels } },
      spec: {
        containers: [
          {
            name: ds.name === "kindnet" ? "kindnet-cni" : ds.name,
            image: systemImageName(ds.image),
            command: [...ds.command],
          },
        ],
        hostNetwork: true,
        priorityClassName: "system-node-critical",
        tolerations: [{ operator: "Exists" }],
      },
    };
    cluster.create({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: ds.name, namespace: "kube-system", labels: { ...ds.labels } },
      spec: { selector: { matchLabels: { ...ds.labels } }, template },
    });
  }
}

/** One pod of each kind DaemonSet on `node`, as the DaemonSet controller places them. */
export function placeDaemonPods(cluster: Cluster, node: KubeObject): void {
  for (const ds of DAEMONSETS) {
    const owner = cluster.api.tryGet("DaemonSet", "kube-system", ds.name);
    if (!owner) continue;
    const template = (
      owner.spec as { template: { metadata: { labels: Record<string, string> }; spec: object } }
    ).template;
    cluster.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "",
        generateName: `${ds.name}-`,
        namespace: "kube-system",
        labels: {
          ...template.metadata.labels,
          "controller-revision-hash": "6c8f5d7b9c",
          "pod-template-generation": "1",
        },
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            blockOwnerDeletion: true,
            controller: true,
            kind: "DaemonSet",
            name: ds.name,
            uid: owner.metadata.uid ?? "",
          },
        ],
      },
      spec: { ...structuredClone(template.spec), nodeName: node.metadata.name },
    });
    const count = cluster.api.list("Pod", {
      namespace: "kube-system",
      labels: template.metadata.labels,
    }).length;
    cluster.api.updateStatus({
      ...owner,
      status: {
        currentNumberScheduled: count,
        desiredNumberScheduled: count,
        numberAvailable: count,
        numberMisscheduled: 0,
        numberReady: count,
        observedGeneration: 1,
        updatedNumberScheduled: count,
      },
    });
  }
}

/** CoreDNS (2 replicas) and the local-path provisioner, as Deployments. */
export function createKindDeployments(cluster: Cluster): void {
  const dnsLabels = { "k8s-app": "kube-dns" };
  cluster.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "coredns", namespace: "kube-system", labels: dnsLabels },
    spec: {
      replicas: 2,
      selector: { matchLabels: dnsLabels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
      template: {
        metadata: { labels: dnsLabels },
        spec: {
          containers: [
            {
              name: "coredns",
              image: systemImageName(SYSTEM_IMAGES.coredns),
              args: ["-conf", "/etc/coredns/Corefile"],
              ports: [
                { containerPort: 53, name: "dns", protocol: "UDP" },
                { containerPort: 53, name: "dns-tcp", protocol: "TCP" },
                { containerPort: 9153, name: "metrics", protocol: "TCP" },
              ],
              readinessProbe: { httpGet: { path: "/ready", port: 8181, scheme: "HTTP" }, periodSeconds: 10 },
              resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } },
            },
          ],
          dnsPolicy: "Default",
          nodeSelector: { "kubernetes.io/os": "linux" },
          priorityClassName: "system-cluster-critical",
          serviceAccountName: "coredns",
          tolerations: CONTROL_PLANE_TOLERATIONS,
        },
      },
    },
  });
  const lpLabels = { app: "local-path-provisioner" };
  cluster.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "local-path-provisioner", namespace: "local-path-storage" },
    spec: {
      replicas: 1,
      selector: { matchLabels: lpLabels },
      template: {
        metadata: { labels: lpLabels },
        spec: {
          containers: [
            {
              name: "local-path-provisioner",
              image: systemImageName(SYSTEM_IMAGES.localPath),
              command: [
                "local-path-provisioner",
                "--debug",
                "start",
                "--helper-image",
                "docker.io/kindest/local-path-helper:v20241212-8ac705d0",
                "--config",
                "/etc/config/config.json",
              ],
            },
          ],
          nodeSelector: { "kubernetes.io/os": "linux" },
          serviceAccountName: "local-path-provisioner-service-account",
          tolerations: [
            { effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane", operator: "Equal" },
            { effect: "NoSchedule", key: "node-role.kubernetes.io/master", operator: "Equal" },
          ],
        },
      },
    },
  });
}
