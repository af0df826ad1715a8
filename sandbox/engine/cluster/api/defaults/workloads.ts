/**
 * What the API server fills into Pods and pod-owning workloads (workloads.md §2, §3.1, §4.7):
 * the apps/v1 and core/v1 SetDefaults_* functions, the Pod's PrepareForCreate status and the
 * defaults of the Priority and ServiceAccount admission plugins (apart from the projected token
 * volume). DefaultTolerationSeconds is its own admission plugin (cluster/nodes).
 * Every default is "fill when absent", so running them twice changes nothing.
 */
import type { KubeObject } from "../../types.ts";

type Obj = Record<string, unknown>;

const obj = (parent: Obj, key: string): Obj => {
  const value = parent[key];
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Obj;
  const created: Obj = {};
  parent[key] = created;
  return created;
};
const list = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : []);
const fill = (target: Obj, key: string, value: unknown) => {
  if (target[key] === undefined || target[key] === null) target[key] = value;
};

/** imagePullPolicy: Always for `:latest` or no tag, IfNotPresent otherwise (digests too). */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  if (colon < 0) return "Always";
  return lastSegment.slice(colon + 1) === "latest" ? "Always" : "IfNotPresent";
}

function defaultProbe(probe: unknown): void {
  if (typeof probe !== "object" || probe === null) return;
  const p = probe as Obj;
  fill(p, "timeoutSeconds", 1);
  fill(p, "periodSeconds", 10);
  fill(p, "successThreshold", 1);
  fill(p, "failureThreshold", 3);
  const http = p.httpGet as Obj | undefined;
  if (http) {
    fill(http, "path", "/");
    fill(http, "scheme", "HTTP");
  }
}

function defaultContainer(c: Obj): void {
  if (typeof c.image === "string") fill(c, "imagePullPolicy", defaultPullPolicy(c.image));
  fill(c, "terminationMessagePath", "/dev/termination-log");
  fill(c, "terminationMessagePolicy", "File");
  fill(c, "resources", {});
  for (const port of list(c.ports)) fill(port, "protocol", "TCP");
  for (const env of list(c.env)) {
    const fieldRef = (env.valueFrom as Obj | undefined)?.fieldRef as Obj | undefined;
    if (fieldRef) fill(fieldRef, "apiVersion", "v1");
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

/** SetDefaults_PodSpec and its containers and volumes: shared by Pods and pod templates. */
export function defaultPodSpec(spec: Obj): void {
  fill(spec, "restartPolicy", "Always");
  fill(spec, "terminationGracePeriodSeconds", 30);
  fill(spec, "dnsPolicy", "ClusterFirst");
  fill(spec, "securityContext", {});
  fill(spec, "schedulerName", "default-scheduler");
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) defaultContainer(c);
  for (const v of list(spec.volumes)) {
    for (const source of ["configMap", "secret"]) {
      const s = v[source] as Obj | undefined;
      if (s) fill(s, "defaultMode", 420);
    }
    const hostPath = v.hostPath as Obj | undefined;
    if (hostPath) fill(hostPath, "type", "");
  }
}

export function defaultPod(pod: KubeObject): void {
  const spec = obj(pod as unknown as Obj, "spec");
  defaultPodSpec(spec);
  fill(spec, "enableServiceLinks", true);
  // ServiceAccount admission: the namespace's `default` account (the deprecated field mirrors it).
  fill(spec, "serviceAccountName", (spec.serviceAccount as string | undefined) ?? "default");
  fill(spec, "serviceAccount", spec.serviceAccountName);
  // Priority admission.
  fill(spec, "priority", 0);
  fill(spec, "preemptionPolicy", "PreemptLowerPriority");
  // PrepareForCreate: a new pod is Pending with the QoS class its resources give it.
  if (pod.status === undefined) pod.status = { phase: "Pending", qosClass: qosClass(spec) };
}

/** BestEffort without any requests or limits; Guaranteed when every container's requests equal limits. */
function qosClass(spec: Obj): "BestEffort" | "Burstable" | "Guaranteed" {
  const containers = [...list(spec.initContainers), ...list(spec.containers)];
  const resources = containers.map((c) => (c.resources ?? {}) as { requests?: Obj; limits?: Obj });
  const any = resources.some(
    (r) => Object.keys(r.requests ?? {}).length + Object.keys(r.limits ?? {}).length > 0,
  );
  if (!any) return "BestEffort";
  const guaranteed = resources.every((r) => {
    const limits = r.limits ?? {};
    const requests = { ...limits, ...(r.requests ?? {}) };
    return (
      ["cpu", "memory"].every((k) => limits[k] !== undefined) &&
      Object.keys(requests).every((k) => String(requests[k]) === String(limits[k]))
    );
  });
  return guaranteed ? "Guaranteed" : "Burstable";
}

function defaultTemplate(spec: Obj): void {
  const template = obj(spec, "template");
  defaultPodSpec(obj(template, "spec"));
}

export function defaultStatefulSet(sts: KubeObject): void {
  const spec = obj(sts as unknown as Obj, "spec");
  fill(spec, "replicas", 1);
  fill(spec, "podManagementPolicy", "OrderedReady");
  const strategy = obj(spec, "updateStrategy");
  fill(strategy, "type", "RollingUpdate");
  if (strategy.type === "RollingUpdate") fill(obj(strategy, "rollingUpdate"), "partition", 0);
  fill(spec, "revisionHistoryLimit", 10);
  fill(spec, "minReadySeconds", 0);
  const retention = obj(spec, "persistentVolumeClaimRetentionPolicy");
  fill(retention, "whenDeleted", "Retain");
  fill(retention, "whenScaled", "Retain");
  for (const claim of list(spec.volumeClaimTemplates)) {
    const claimSpec = obj(claim, "spec");
    fill(claimSpec, "volumeMode", "Filesystem");
    fill(claim, "apiVersion", "v1");
    fill(claim, "kind", "PersistentVolumeClaim");
    fill(claim, "status", { phase: "Pending" });
  }
  defaultTemplate(spec);
}

export function defaultDeployment(deploy: KubeObject): void {
  const spec = obj(deploy as unknown as Obj, "spec");
  fill(spec, "replicas", 1);
  const strategy = obj(spec, "strategy");
  fill(strategy, "type", "RollingUpdate");
  if (strategy.type === "RollingUpdate") {
    const rolling = obj(strategy, "rollingUpdate");
    fill(rolling, "maxUnavailable", "25%");
    fill(rolling, "maxSurge", "25%");
  }
  fill(spec, "revisionHistoryLimit", 10);
  fill(spec, "progressDeadlineSeconds", 600);
  defaultTemplate(spec);
}

export function defaultReplicaSet(rs: KubeObject): void {
  const spec = obj(rs as unknown as Obj, "spec");
  fill(spec, "replicas", 1);
  defaultTemplate(spec);
}
