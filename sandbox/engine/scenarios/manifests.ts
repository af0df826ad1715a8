/**
 * The objects lesson scenarios start from, written as a learner would write them in YAML. Each
 * is created through the API (defaulting, validation, admission), so nothing here is reachable
 * only by a scenario.
 */
import type { KubeObject } from "../cluster/types.ts";

/** The headless Service every web StatefulSet in the lessons is governed by. */
export function nginxHeadlessService(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "nginx", labels: { app: "nginx" } },
    spec: {
      ports: [{ port: 80, name: "web" }],
      clusterIP: "None",
      selector: { app: "nginx" },
    },
  };
}

/** Lessons 3–6's StatefulSet: nginx pods web-N, each with a claim www-web-N mounted at the web root. */
export function webStatefulSet(replicas: number, image: string): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web" },
    spec: {
      serviceName: "nginx",
      replicas,
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image,
              ports: [{ containerPort: 80, name: "web" }],
              volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "www" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        },
      ],
    },
  };
}

/**
 * The capstone's broken "orders" database (statelab/kvdb), with four mistakes a learner must
 * find: the Service is not headless and selects `app: order` (no pod), the claim template asks
 * for a StorageClass `fast-ssd` that does not exist, and the volume is mounted where kvdb does
 * not write (/var/lib/kvdb instead of /data).
 */
export function brokenOrders(): KubeObject[] {
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "orders", labels: { app: "orders" } },
      spec: { selector: { app: "order" }, ports: [{ port: 7379, name: "kvdb" }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "orders", labels: { app: "orders" } },
      spec: {
        serviceName: "orders",
        replicas: 2,
        selector: { matchLabels: { app: "orders" } },
        template: {
          metadata: { labels: { app: "orders" } },
          spec: {
            containers: [
              {
                name: "kvdb",
                image: "statelab/kvdb:1.0",
                ports: [{ containerPort: 7379, name: "kvdb" }],
                volumeMounts: [{ name: "data", mountPath: "/var/lib/kvdb" }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: {
              storageClassName: "fast-ssd",
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: "1Gi" } },
            },
          },
        ],
      },
    },
  ];
}
