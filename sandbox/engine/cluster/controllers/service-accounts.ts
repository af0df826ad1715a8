/**
 * What every namespace of a real cluster holds without anyone creating it, and what the API
 * server adds to every pod because of it:
 * - the serviceaccount controller keeps a `default` ServiceAccount in each active namespace
 *   (recreating it when deleted);
 * - the root-ca-cert-publisher keeps the `kube-root-ca.crt` ConfigMap (the cluster CA) there;
 * - the ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount) checks that a new
 *   pod's account exists and, unless automounting is off, mounts a projected
 *   `kube-api-access-<5 random>` volume (token, CA, namespace) read-only at
 *   /var/run/secrets/kubernetes.io/serviceaccount in every container.
 * kind's system workloads run under accounts of their own, made here when their namespace is.
 */
import type { Pod, Volume, VolumeMount } from "kubernetes-types/core/v1";
import { Rng } from "../../rng.ts";
import type { AdmissionPlugin } from "../api/admission.ts";
import type { Cluster } from "../cluster.ts";
import type { Controller } from "../controller-manager.ts";
import { ApiError } from "../errors.ts";
import type { KubeObject } from "../types.ts";

export const SERVICE_ACCOUNT_CONTROLLER = "serviceaccount";
export const ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
export const TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
const TOKEN_VOLUME_PREFIX = "kube-api-access-";
const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds. */
const TOKEN_EXPIRATION_SECONDS = 3607;
const CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/**
 * The kube-controller-manager's own accounts: kind runs it as kubeadm configures it
 * (`--use-service-account-credentials=true`, `--controllers=*,bootstrapsigner,tokencleaner`), so
 * every controller enabled by default in 1.34 gets a client, and so an account, of its own name
 * (the `NewClient("…")` calls of cmd/kube-controller-manager/app). The DRA resource-claim and
 * VolumeAttributesClass protection controllers are on since their features went GA in 1.34; the
 * cloud (service, route), SELinux-warning and device-taint controllers are off.
 */
const CONTROLLER_ACCOUNTS = [
  "attachdetach-controller",
  "bootstrap-signer",
  "certificate-controller",
  "clusterrole-aggregation-controller",
  "cronjob-controller",
  "daemon-set-controller",
  "deployment-controller",
  "disruption-controller",
  "endpoint-controller",
  "endpointslice-controller",
  "endpointslicemirroring-controller",
  "ephemeral-volume-controller",
  "expand-controller",
  "generic-garbage-collector",
  "horizontal-pod-autoscaler",
  "job-controller",
  "legacy-service-account-token-cleaner",
  "namespace-controller",
  "node-controller",
  "persistent-volume-binder",
  "pod-garbage-collector",
  "pv-protection-controller",
  "pvc-protection-controller",
  "replicaset-controller",
  "replication-controller",
  "resource-claim-controller",
  "resourcequota-controller",
  "root-ca-cert-publisher",
  "service-account-controller",
  "service-cidrs-controller",
  "statefulset-controller",
  "token-cleaner",
  "ttl-after-finished-controller",
  "ttl-controller",
  "validatingadmissionpolicy-status-controller",
  "volumeattributesclass-protection-controller",
];

/** The accounts kind's own workloads run as (CoreDNS, kube-proxy, kindnet, local-path), and the controllers'. */
const SYSTEM_ACCOUNTS: Readonly<Record<string, readonly string[]>> = {
  "kube-system": ["coredns", "kindnet", "kube-proxy", ...CONTROLLER_ACCOUNTS],
  "local-path-storage": ["local-path-provisioner-service-account"],
};

let clusterCaPem: string | undefined;

/**
 * The cluster CA as PEM: a fixed certificate-shaped text (the same in every sandbox, as one kind
 * cluster's CA is for all its namespaces), made from seeded bytes rather than pasted in. Made on
 * first use, not when the module loads: a sandbox restored from a snapshot seldom needs it, and
 * making it was a few milliseconds of every cold engine start.
 */
function clusterCA(): string {
  if (clusterCaPem !== undefined) return clusterCaPem;
  const rng = new Rng(0x6b696e64);
  let bytes = "0\u0082\u0003";
  while (bytes.length < 801) bytes += String.fromCharCode(rng.int(256));
  const lines = btoa(bytes).match(/.{1,64}/g) ?? [];
  clusterCaPem = `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
  return clusterCaPem;
}

function isActive(ns: KubeObject | undefined): ns is KubeObject {
  return ns !== undefined && !ns.metadata.deletionTimestamp;
}

export function createServiceAccountController(): Controller<Cluster> {
  return {
    name: SERVICE_ACCOUNT_CONTROLLER,
    kinds: ["Namespace", "ServiceAccount", "ConfigMap"],
    keysFor(event) {
      const { kind, metadata } = event.object;
      if (kind === "Namespace" && event.type !== "DELETED") return [metadata.name];
      if (event.type === "DELETED" && kind === "ServiceAccount" && metadata.name === "default")
        return [metadata.namespace ?? ""];
      if (kind === "ConfigMap" && metadata.name === ROOT_CA_CONFIGMAP && event.type !== "ADDED")
        return [metadata.namespace ?? ""];
      return [];
    },
    reconcile(namespace, cluster) {
      if (!isActive(cluster.api.tryGet("Namespace", undefined, namespace))) return;
      for (const name of ["default", ...(SYSTEM_ACCOUNTS[namespace] ?? [])]) {
        if (cluster.api.tryGet("ServiceAccount", namespace, name)) continue;
        createIgnoringRaces(cluster, {
          apiVersion: "v1",
          kind: "ServiceAccount",
          metadata: { name, namespace },
        });
      }
      publishRootCA(cluster, namespace);
    },
  };
}

/** The root-ca-cert-publisher: the ConfigMap exists and holds exactly the CA. */
function publishRootCA(cluster: Cluster, namespace: string): void {
  const data = { "ca.crt": clusterCA() };
  const current = cluster.api.tryGet("ConfigMap", namespace, ROOT_CA_CONFIGMAP);
  if (!current) {
    createIgnoringRaces(cluster, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: ROOT_CA_CONFIGMAP,
        namespace,
        annotations: { "kubernetes.io/description": CA_DESCRIPTION },
      },
      data,
    });
    return;
  }
  const same = JSON.stringify(current.data) === JSON.stringify(data);
  const described = current.metadata.annotations?.["kubernetes.io/description"] === CA_DESCRIPTION;
  if (same && described) return;
  cluster.api.update({
    ...current,
    metadata: {
      ...current.metadata,
      annotations: { ...current.metadata.annotations, "kubernetes.io/description": CA_DESCRIPTION },
    },
    data,
  });
}

function createIgnoringRaces(cluster: Cluster, object: KubeObject): void {
  try {
    cluster.api.create(object);
  } catch (error) {
    // A namespace that began terminating refuses new objects: nothing to publish there any more.
    if (!(error instanceof ApiError)) throw error;
  }
}

/** The ServiceAccount admission plugin, for pod creation. */
export const admitServiceAccount: AdmissionPlugin = (cluster, object, old) => {
  if (object.kind !== "Pod" || old !== undefined) return object;
  if (object.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) return object;
  const pod = object as unknown as Pod & KubeObject;
  const spec = pod.spec;
  if (!spec) return object;
  const namespace = pod.metadata.namespace ?? "default";
  const name = spec.serviceAccountName || "default";
  const account = cluster.api.tryGet("ServiceAccount", namespace, name);
  // The plugin waits up to about a second for `default`, which the controller is about to make.
  if (!account && name !== "default") {
    throw new ApiError(
      "Forbidden",
      `pods "${pod.metadata.name}" is forbidden: error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`,
    );
  }
  const automount =
    spec.automountServiceAccountToken ??
    (account as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken ??
    true;
  if (!automount) return object;
  // mountToken replaces the spec's volumes and containers' mounts: a copy of those levels is
  // enough (and a pod's deep copy was most of what admitting it cost).
  const copy = { ...spec, containers: spec.containers.map((c) => ({ ...c })) };
  if (spec.initContainers) copy.initContainers = spec.initContainers.map((c) => ({ ...c }));
  mountToken(cluster, copy);
  return { ...object, spec: copy } as KubeObject;
};

/** mountServiceAccountToken: one mount per container that has none at the path, one volume. */
function mountToken(cluster: Cluster, spec: NonNullable<Pod["spec"]>): void {
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? `${TOKEN_VOLUME_PREFIX}${cluster.rng.k8sString(5)}`;
  const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH };
  let needed = false;
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    if ((container.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
    container.volumeMounts = [...(container.volumeMounts ?? []), { ...mount }];
    needed = true;
  }
  if (existing || !needed) return;
  spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
}

function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: "token" } },
        { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: "ca.crt", path: "ca.crt" }] } },
        {
          downwardAPI: {
            items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }],
          },
        },
      ],
    },
  };
}
