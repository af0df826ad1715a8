/**
 * A summary of the cluster for the cluster view: what a person wants to see at a glance (nodes,
 * the pods on them, who owns them, their claims and volumes, services and their endpoints).
 * Plain data, so it crosses the worker boundary as is. STATUS and READY are computed exactly as
 * `kubectl get pods` computes them, so the picture never disagrees with the terminal.
 */
import type { Cluster } from "./cluster/cluster.ts";
import type { KubeObject } from "./cluster/types.ts";
import { podStatusCells } from "./kubectl/printers/pod.ts";

export interface PodCard {
  namespace: string;
  name: string;
  node: string | undefined;
  /** kubectl's STATUS column: Running, Pending, ContainerCreating, Terminating, CrashLoopBackOff… */
  status: string;
  /** kubectl's READY column, e.g. "1/1". */
  ready: string;
  allReady: boolean;
  ip: string | undefined;
  owner: { kind: string; name: string } | undefined;
  /** The StatefulSet ordinal, for StatefulSet pods. */
  ordinal: number | undefined;
  terminating: boolean;
  /** Names of the PersistentVolumeClaims the pod mounts. */
  claims: string[];
}

export interface ClusterPicture {
  now: number;
  nodes: { name: string; ready: boolean; roles: string[]; schedulable: boolean }[];
  workloads: { kind: "StatefulSet" | "Deployment"; namespace: string; name: string; ready: string }[];
  pods: PodCard[];
  claims: { namespace: string; name: string; phase: string; volume: string | undefined }[];
  volumes: { name: string; phase: string; claim: string | undefined; reclaimPolicy: string }[];
  services: {
    namespace: string;
    name: string;
    clusterIP: string;
    dnsName: string;
    endpoints: { ip: string; pod: string | undefined; ready: boolean }[];
  }[];
}

/** Namespaces the learner's work lives in: the system ones would drown it. */
const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease", "local-path-storage"]);

export function clusterPicture(cluster: Cluster): ClusterPicture {
  const now = cluster.clock.now();
  const mine = (o: KubeObject) => !SYSTEM_NAMESPACES.has(o.metadata.namespace ?? "");
  const list = (kind: string) => cluster.api.list(kind).filter(mine);
  const field = <T>(o: KubeObject, ...path: string[]): T | undefined =>
    path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], o) as
      | T
      | undefined;

  return {
    now,
    nodes: cluster.api.list("Node").map((node) => ({
      name: node.metadata.name,
      ready:
        field<{ type: string; status: string }[]>(node, "status", "conditions")?.find(
          (c) => c.type === "Ready",
        )?.status === "True",
      roles: Object.keys(node.metadata.labels ?? {})
        .filter((key) => key.startsWith("node-role.kubernetes.io/"))
        .map((key) => key.slice("node-role.kubernetes.io/".length)),
      schedulable: !field<boolean>(node, "spec", "unschedulable"),
    })),
    workloads: [...list("StatefulSet"), ...list("Deployment")].map((w) => ({
      kind: w.kind as "StatefulSet" | "Deployment",
      namespace: w.metadata.namespace ?? "default",
      name: w.metadata.name,
      ready: `${field<number>(w, "status", "readyReplicas") ?? 0}/${field<number>(w, "spec", "replicas") ?? 1}`,
    })),
    pods: list("Pod").map((pod) => podCard(cluster, pod, now)),
    claims: list("PersistentVolumeClaim").map((claim) => ({
      namespace: claim.metadata.namespace ?? "default",
      name: claim.metadata.name,
      phase: field<string>(claim, "status", "phase") ?? "Pending",
      volume: field<string>(claim, "spec", "volumeName") || undefined,
    })),
    volumes: cluster.api.list("PersistentVolume").map((pv) => ({
      name: pv.metadata.name,
      phase: field<string>(pv, "status", "phase") ?? "Pending",
      claim: field<string>(pv, "spec", "claimRef", "name"),
      reclaimPolicy: field<string>(pv, "spec", "persistentVolumeReclaimPolicy") ?? "Retain",
    })),
    services: list("Service").map((svc) => {
      const namespace = svc.metadata.namespace ?? "default";
      const endpoints = cluster.api.tryGet("Endpoints", namespace, svc.metadata.name);
      const subsets =
        field<{ addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[] }[]>(
          endpoints ?? svc,
          "subsets",
        ) ?? [];
      return {
        namespace,
        name: svc.metadata.name,
        clusterIP: field<string>(svc, "spec", "clusterIP") ?? "",
        dnsName: `${svc.metadata.name}.${namespace}.svc.cluster.local`,
        endpoints: subsets.flatMap((subset) => [
          ...(subset.addresses ?? []).map((a) => ({ ip: a.ip, pod: a.targetRef?.name, ready: true })),
          ...(subset.notReadyAddresses ?? []).map((a) => ({
            ip: a.ip,
            pod: a.targetRef?.name,
            ready: false,
          })),
        ]),
      };
    }),
  };
}

interface EndpointAddress {
  ip: string;
  targetRef?: { name?: string };
}

function podCard(cluster: Cluster, pod: KubeObject, now: number): PodCard {
  const cells = podStatusCells(pod, now);
  const [readyCount, total] = cells.ready.split("/");
  const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller);
  const spec = pod.spec as {
    nodeName?: string;
    volumes?: { persistentVolumeClaim?: { claimName: string } }[];
  };
  const ordinal = pod.metadata.labels?.["apps.kubernetes.io/pod-index"];
  return {
    namespace: pod.metadata.namespace ?? "default",
    name: pod.metadata.name,
    node: spec.nodeName,
    status: cells.status,
    ready: cells.ready,
    allReady: readyCount === total && total !== "0",
    ip: (pod.status as { podIP?: string } | undefined)?.podIP,
    owner: owner ? ownerWorkload(cluster, pod, owner) : undefined,
    ordinal: owner?.kind === "StatefulSet" && ordinal !== undefined ? Number(ordinal) : undefined,
    terminating: Boolean(pod.metadata.deletionTimestamp),
    claims: (spec.volumes ?? []).flatMap((v) =>
      v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
    ),
  };
}

/** A ReplicaSet pod belongs, for the picture, to the Deployment that owns the ReplicaSet. */
function ownerWorkload(
  cluster: Cluster,
  pod: KubeObject,
  owner: { kind: string; name: string },
): { kind: string; name: string } {
  if (owner.kind !== "ReplicaSet") return { kind: owner.kind, name: owner.name };
  const rs = cluster.api.tryGet("ReplicaSet", pod.metadata.namespace, owner.name);
  const deployment = rs?.metadata.ownerReferences?.find((ref) => ref.controller && ref.kind === "Deployment");
  return deployment ? { kind: "Deployment", name: deployment.name } : { kind: owner.kind, name: owner.name };
}
