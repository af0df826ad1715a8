/**
 * The objects kubectl's imperative generators build (kubectl create deployment/service/configmap/
 * secret/namespace, kubectl run, kubectl expose), field for field as `--dry-run=client -o yaml`
 * shows them with the real client (including `creationTimestamp: null`, `resources: {}`,
 * `strategy: {}` and `status: {}`).
 */
import type { KubeObject } from "../../cluster/types.ts";

/** The container name kubectl derives from an image: the last path segment without tag or digest. */
export function containerNameFromImage(image: string): string {
  const last = image.split("/").pop() ?? image;
  return last.split("@")[0]!.split(":")[0]!;
}

export function deploymentObject(
  name: string,
  images: string[],
  replicas: number,
  port?: number,
): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { creationTimestamp: null, labels, name } as unknown as KubeObject["metadata"],
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null, labels },
        spec: {
          containers: images.map((image) => ({
            image,
            name: containerNameFromImage(image),
            ...(port !== undefined ? { ports: [{ containerPort: port }] } : {}),
            resources: {},
          })),
        },
      },
    },
    status: {},
  };
}

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

/**
 * `create service <type> NAME --tcp=port[:targetPort]`: each --tcp becomes a port named
 * `<port>-<targetPort>`; the selector and label are `app=NAME`. Returns kubectl's error for a
 * malformed --tcp.
 */
export function serviceObject(
  name: string,
  type: ServiceType,
  tcp: string[],
  clusterIP: string,
  nodePort = 0,
): KubeObject | { error: string } {
  const ports: Record<string, unknown>[] = [];
  for (const spec of tcp) {
    const [portText, targetText = portText] = spec.split(":");
    const port = Number(portText);
    if (!/^\d+$/.test(portText ?? "") || !/^\d+$/.test(targetText ?? "")) {
      return {
        error: `strconv.Atoi: parsing "${/^\d+$/.test(portText ?? "") ? targetText : portText}": invalid syntax`,
      };
    }
    ports.push({
      name: `${portText}-${targetText}`,
      ...(nodePort > 0 ? { nodePort } : {}),
      port,
      protocol: "TCP",
      targetPort: Number(targetText),
    });
  }
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { creationTimestamp: null, labels: { app: name }, name } as unknown as KubeObject["metadata"],
    spec: {
      ...(clusterIP !== "" ? { clusterIP } : {}),
      ports,
      selector: { app: name },
      type,
    },
    status: { loadBalancer: {} },
  };
}

export function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { creationTimestamp: null, name } as unknown as KubeObject["metadata"],
    spec: {},
    status: {},
  };
}

export function configMapObject(name: string, data: Record<string, string>): KubeObject {
  return {
    apiVersion: "v1",
    ...(Object.keys(data).length > 0 ? { data } : {}),
    kind: "ConfigMap",
    metadata: { creationTimestamp: null, name } as unknown as KubeObject["metadata"],
  };
}

/** Secret values are stored base64-encoded (UTF-8 bytes). */
export function secretObject(name: string, data: Record<string, string>, type = ""): KubeObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64(v)]));
  return {
    apiVersion: "v1",
    ...(Object.keys(encoded).length > 0 ? { data: encoded } : {}),
    kind: "Secret",
    metadata: { creationTimestamp: null, name } as unknown as KubeObject["metadata"],
    ...(type !== "" ? { type } : {}),
  };
}

export function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface RunOptions {
  image: string;
  labels: Record<string, string>;
  restart: string;
  port?: number;
  /** The words after `--`: args, or with --command the command. */
  words: string[];
  command: boolean;
  env: string[];
}

/** kubectl run's bare Pod (label `run=NAME` unless --labels is given). */
export function runPodObject(name: string, options: RunOptions): KubeObject {
  const container: Record<string, unknown> = {
    ...(options.words.length > 0 ? { [options.command ? "command" : "args"]: options.words } : {}),
    ...(options.env.length > 0
      ? {
          env: options.env.map((e) => {
            const eq = e.indexOf("=");
            return { name: e.slice(0, eq), value: e.slice(eq + 1) };
          }),
        }
      : {}),
    image: options.image,
    name,
    ...(options.port !== undefined ? { ports: [{ containerPort: options.port }] } : {}),
    resources: {},
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { creationTimestamp: null, labels: options.labels, name } as unknown as KubeObject["metadata"],
    spec: { containers: [container], dnsPolicy: "ClusterFirst", restartPolicy: options.restart },
    status: {},
  };
}

/** An object as the API should receive it: without the nulls a generator prints for show. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    ) as T;
  }
  return value;
}
