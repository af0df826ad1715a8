import { describe, expect, it } from "vitest";
import { formatTabbed } from "../../../sandbox/engine/kubectl/describe/tabbed.ts";
import { harness, ns, T0 } from "./harness.ts";

const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

function statefulSetPod() {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web-0",
      namespace: "default",
      labels: { app: "nginx", "apps.kubernetes.io/pod-index": "0" },
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "u-1", controller: true },
      ],
    },
    spec: {
      nodeName: "kind-control-plane",
      priority: 0,
      serviceAccountName: "default",
      containers: [
        {
          name: "nginx",
          image: "nginx:1.27",
          ports: [{ containerPort: 80, name: "web", protocol: "TCP" }],
          volumeMounts: [
            { name: "www", mountPath: "/usr/share/nginx/html" },
            {
              name: "kube-api-access-x8k2q",
              mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
              readOnly: true,
            },
          ],
        },
      ],
      volumes: [
        { name: "www", persistentVolumeClaim: { claimName: "www-web-0" } },
        {
          name: "kube-api-access-x8k2q",
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              { configMap: { name: "kube-root-ca.crt" } },
              { downwardAPI: {} },
            ],
          },
        },
      ],
      tolerations: [
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
        {
          key: "node.kubernetes.io/not-ready",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: "Running",
      hostIP: "172.18.0.2",
      podIP: "10.244.0.5",
      podIPs: [{ ip: "10.244.0.5" }],
      startTime: at(0),
      qosClass: "BestEffort",
      conditions: [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
      ].map((type) => ({
        type,
        status: "True",
      })),
      containerStatuses: [
        {
          name: "nginx",
          ready: true,
          restartCount: 0,
          containerID: "containerd://4f2a",
          imageID: "docker.io/library/nginx@sha256:0d17",
          state: { running: { startedAt: at(2) } },
        },
      ],
    },
  };
}

describe("describe's tabwriter (minwidth 0, padding 2)", () => {
  it("aligns each run of tabbed lines on its own, like Go's text/tabwriter", () => {
    expect(formatTabbed("a:\t1\nlonger:\t2\nbreak\n  x:\t3\n")).toBe(
      "a:       1\nlonger:  2\nbreak\n  x:  3\n",
    );
    // A line with fewer cells ends the inner column but not the outer one.
    expect(formatTabbed("a\tb\tc\nlong\tb\nx\ty\tz\n")).toBe("a     b  c\nlong  b\nx     y  z\n");
  });
});

describe("kubectl describe pod", () => {
  it("prints the 1.34 layout with its real alignment quirks", async () => {
    const h = harness();
    h.create(ns("default"));
    const pod = h.put(statefulSetPod());
    h.setTime(T0 + 10_000);
    h.put({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web-0.1", namespace: "default" },
      involvedObject: { kind: "Pod", name: "web-0", namespace: "default", uid: pod.metadata.uid },
      type: "Normal",
      reason: "Scheduled",
      message: "Successfully assigned default/web-0 to kind-control-plane",
      source: { component: "default-scheduler" },
      firstTimestamp: at(0),
      lastTimestamp: at(0),
      count: 1,
    });
    h.put({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web-0.2", namespace: "default" },
      involvedObject: {
        kind: "Pod",
        name: "web-0",
        namespace: "default",
        uid: pod.metadata.uid,
        fieldPath: "spec.containers{nginx}",
      },
      type: "Normal",
      reason: "Pulled",
      message: 'Container image "nginx:1.27" already present on machine',
      source: { component: "kubelet", host: "kind-control-plane" },
      firstTimestamp: at(1),
      lastTimestamp: at(8),
      count: 4,
    });
    h.setTime(T0 + 12_000);
    const r = await h.kubectl("kubectl describe pod web-0");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      `Name:             web-0
Namespace:        default
Priority:         0
Service Account:  default
Node:             kind-control-plane/172.18.0.2
Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
Labels:           app=nginx
                  apps.kubernetes.io/pod-index=0
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:           10.244.0.5
Controlled By:  StatefulSet/web
Containers:
  nginx:
    Container ID:   containerd://4f2a
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:0d17
    Port:           80/TCP (web)
    Host Port:      0/TCP (web)
    State:          Running
      Started:      Thu, 01 Jan 2026 00:00:02 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x8k2q (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  www:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  www-web-0
    ReadOnly:   false
  kube-api-access-x8k2q:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age               From               Message
  ----    ------     ----              ----               -------
  Normal  Scheduled  12s               default-scheduler  Successfully assigned default/web-0 to kind-control-plane
  Normal  Pulled     4s (x4 over 11s)  kubelet            Container image "nginx:1.27" already present on machine
`,
    );
  });

  it("describes every pod whose name starts with the word when there is no exact match", async () => {
    const h = harness();
    h.create(ns("default"));
    h.put(statefulSetPod());
    h.put({ ...statefulSetPod(), metadata: { ...statefulSetPod().metadata, name: "web-1" } });
    const r = await h.kubectl("kubectl describe pods web --show-events=false");
    const parts = r.stdout.split("\n\n\nName:");
    expect(parts).toHaveLength(2);
    expect(r.stdout.startsWith("Name:             web-0\n")).toBe(true);
    expect(r.stdout).not.toContain("Events:");
  });

  it("reports a missing pod as the server does, and an empty list on stderr", async () => {
    const h = harness();
    h.create(ns("default"));
    expect(await h.kubectl("kubectl describe pod nope")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      status: 1,
    });
    expect(await h.kubectl("kubectl describe pods")).toEqual({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
      status: 0,
    });
  });
});

describe("kubectl describe: other kinds", () => {
  it("pvc as storage.md shows it", async () => {
    const h = harness();
    h.create(ns("default"));
    h.put({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name: "www-web-0",
        namespace: "default",
        labels: { app: "nginx" },
        annotations: {
          "pv.kubernetes.io/bind-completed": "yes",
          "pv.kubernetes.io/bound-by-controller": "yes",
          "volume.beta.kubernetes.io/storage-provisioner": "rancher.io/local-path",
          "volume.kubernetes.io/selected-node": "kind-control-plane",
          "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path",
        },
        finalizers: ["kubernetes.io/pvc-protection"],
      },
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "1Gi" } },
        storageClassName: "standard",
        volumeName: "pvc-6b1f0c9e-3d2a-4f7e-9b51-2c8d7a9e0f13",
        volumeMode: "Filesystem",
      },
      status: { phase: "Bound", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] },
    });
    h.put({ ...statefulSetPod(), status: undefined });
    const r = await h.kubectl("kubectl describe pvc www-web-0");
    expect(r.stdout).toBe(
      `Name:          www-web-0
Namespace:     default
StorageClass:  standard
Status:        Bound
Volume:        pvc-6b1f0c9e-3d2a-4f7e-9b51-2c8d7a9e0f13
Labels:        app=nginx
Annotations:   pv.kubernetes.io/bind-completed: yes
               pv.kubernetes.io/bound-by-controller: yes
               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path
               volume.kubernetes.io/selected-node: kind-control-plane
               volume.kubernetes.io/storage-provisioner: rancher.io/local-path
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      1Gi
Access Modes:  RWO
VolumeMode:    Filesystem
Used By:       web-0
Events:        <none>
`,
    );
  });

  it("service with its endpoints from EndpointSlices", async () => {
    const h = harness();
    h.create(ns("default"));
    h.put({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "nginx", namespace: "default", labels: { app: "nginx" } },
      spec: {
        type: "ClusterIP",
        clusterIP: "None",
        clusterIPs: ["None"],
        selector: { app: "nginx" },
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports: [{ name: "web", port: 80, targetPort: 80, protocol: "TCP" }],
        sessionAffinity: "None",
        internalTrafficPolicy: "Cluster",
      },
    });
    h.put({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        name: "nginx-x7k2p",
        namespace: "default",
        labels: { "kubernetes.io/service-name": "nginx" },
      },
      addressType: "IPv4",
      ports: [{ name: "web", port: 80, protocol: "TCP" }],
      endpoints: [
        { addresses: ["10.244.0.5"], conditions: { ready: true } },
        { addresses: ["10.244.0.6"], conditions: { ready: true } },
        { addresses: ["10.244.0.7"], conditions: { ready: false } },
      ],
    });
    const r = await h.kubectl("kubectl describe svc nginx");
    expect(r.stdout).toBe(
      `Name:                     nginx
Namespace:                default
Labels:                   app=nginx
Annotations:              <none>
Selector:                 app=nginx
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       None
IPs:                      None
Port:                     web  80/TCP
TargetPort:               80/TCP
Endpoints:                10.244.0.5:80,10.244.0.6:80
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`,
    );
  });
});

describe("kubectl describe statefulset", () => {
  it("shows replicas, the pod template and the claim templates (describe.go at HEAD)", async () => {
    const h = harness();
    h.create(ns("default"));
    const sts = h.put({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "web", namespace: "default" },
      spec: {
        replicas: 2,
        serviceName: "nginx",
        selector: { matchLabels: { app: "nginx" } },
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
        template: {
          metadata: { labels: { app: "nginx" } },
          spec: {
            containers: [
              {
                name: "nginx",
                image: "nginx:1.27",
                ports: [{ containerPort: 80, name: "web", protocol: "TCP" }],
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
      status: { replicas: 2, readyReplicas: 2 },
    });
    const owned = {
      ...statefulSetPod(),
      metadata: {
        ...statefulSetPod().metadata,
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "StatefulSet",
            name: "web",
            uid: sts.metadata.uid!,
            controller: true,
          },
        ],
      },
    };
    h.put(owned);
    const r = await h.kubectl("kubectl describe sts web");
    expect(r.stdout).toBe(
      `Name:               web
Namespace:          default
CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000
Selector:           app=nginx
Labels:             <none>
Annotations:        <none>
Replicas:           2 desired | 2 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          80/TCP (web)
    Host Port:     0/TCP (web)
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:          <none>
`,
    );
  });
});

describe("kubectl describe deployment", () => {
  it("names the new and old ReplicaSets and the conditions table", async () => {
    const h = harness();
    h.create(ns("default"));
    const deploy = h.put({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "nginx",
        namespace: "default",
        annotations: { "deployment.kubernetes.io/revision": "2" },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "nginx" } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
        template: {
          metadata: { labels: { app: "nginx" } },
          spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
        },
      },
      status: {
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
        conditions: [
          { type: "Available", status: "True", reason: "MinimumReplicasAvailable" },
          { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
        ],
      },
    });
    for (const [hash, revision, replicas] of [
      ["7c5ddbdf54", "1", 0],
      ["849c874c6d", "2", 2],
    ] as const) {
      h.put({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `nginx-${hash}`,
          namespace: "default",
          labels: { app: "nginx", "pod-template-hash": hash },
          annotations: { "deployment.kubernetes.io/revision": revision },
          ownerReferences: [
            {
              apiVersion: "apps/v1",
              kind: "Deployment",
              name: "nginx",
              uid: deploy.metadata.uid!,
              controller: true,
            },
          ],
        },
        spec: {
          replicas,
          selector: { matchLabels: { app: "nginx", "pod-template-hash": hash } },
          template: {
            metadata: { labels: { app: "nginx", "pod-template-hash": hash } },
            spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
          },
        },
        status: { replicas },
      });
    }
    const r = await h.kubectl("kubectl describe deploy nginx");
    expect(r.stdout).toContain(
      `Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  nginx-7c5ddbdf54 (0/0 replicas created)
NewReplicaSet:   nginx-849c874c6d (2/2 replicas created)
Events:          <none>
`,
    );
    expect(r.stdout).toContain("RollingUpdateStrategy:  25% max unavailable, 25% max surge\n");
  });
});
