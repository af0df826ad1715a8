import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { createDefaultServices } from "../../../sandbox/engine/cluster/network/default-services.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

/**
 * A bare cluster for network tests: the namespaces and the built-in Services, but no Node, so
 * no scheduler or kubelet acts on the pods. Pods are created and given status by hand (podIP,
 * Ready), standing in for them, so these tests depend only on networking.
 */
export function networkCluster(seed = 1): Cluster {
  const cluster = new Cluster({ seed });
  for (const name of ["default", "kube-system", "shop"]) {
    cluster.create({ apiVersion: "v1", kind: "Namespace", metadata: { name }, status: { phase: "Active" } });
  }
  createDefaultServices(cluster);
  cluster.runControllers();
  return cluster;
}

/** The StatefulSet walkthrough's governing Service: headless `nginx` selecting app=nginx on port 80 "web". */
export const NGINX_HEADLESS: KubeObject = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "nginx", namespace: "default", labels: { app: "nginx" } },
  spec: { ports: [{ port: 80, name: "web" }], clusterIP: "None", selector: { app: "nginx" } },
};

export interface PodOptions {
  name: string;
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
  hostname?: string;
  subdomain?: string;
  namespace?: string;
  image?: string;
  containerPorts?: { name?: string; containerPort: number }[];
  readySince?: string;
}

/** Creates a pod bound to kind-control-plane and sets its status as a kubelet would. */
export function addPod(cluster: Cluster, options: PodOptions): KubeObject {
  cluster.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: options.name,
      namespace: options.namespace ?? "default",
      labels: options.labels ?? { app: "nginx" },
    },
    spec: {
      ...(options.hostname ? { hostname: options.hostname } : {}),
      ...(options.subdomain ? { subdomain: options.subdomain } : {}),
      nodeName: "kind-control-plane",
      containers: [
        {
          name: "nginx",
          image: options.image ?? "registry.k8s.io/nginx-slim:0.27",
          ...(options.containerPorts ? { ports: options.containerPorts } : {}),
        },
      ],
    },
  });
  return setPodStatus(cluster, options.name, options.ip, options.ready ?? true, options.namespace);
}

export function setPodStatus(
  cluster: Cluster,
  name: string,
  ip: string | undefined,
  ready: boolean,
  namespace = "default",
): KubeObject {
  const pod = cluster.api.get("Pod", namespace, name);
  const now = cluster.api.timestamp();
  const updated = cluster.api.updateStatus({
    ...pod,
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: now }],
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      hostIP: "172.18.0.2",
    },
  });
  cluster.runControllers();
  return updated;
}

/** The StatefulSet walkthrough: headless nginx and web-0/web-1 at 10.244.0.5/.6. */
export function statefulSetWalkthrough(seed = 1): Cluster {
  const cluster = networkCluster(seed);
  cluster.create(NGINX_HEADLESS);
  for (const [i, ip] of ["10.244.0.5", "10.244.0.6"].entries()) {
    addPod(cluster, { name: `web-${i}`, ip, hostname: `web-${i}`, subdomain: "nginx" });
  }
  cluster.runControllers();
  return cluster;
}

/** Runs a pod tool (nslookup, wget, curl) as the pod shell would, collecting its output. */
export async function runInPod(
  cluster: Cluster,
  podName: string,
  tool: (
    ctx: import("../../../sandbox/engine/shell/command.ts").CommandContext,
    pod: KubeObject,
  ) => Promise<number>,
  argv: string[],
  namespace = "default",
) {
  const { createTimeDriver } = await import("../../../sandbox/engine/time-driver.ts");
  let stdout = "";
  let stderr = "";
  const status = await tool(
    {
      argv,
      stdin: "",
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      signal: new AbortController().signal,
      env: { cluster, time: createTimeDriver(cluster, "instant") },
    },
    cluster.api.get("Pod", namespace, podName),
  );
  return { stdout, stderr, status };
}
