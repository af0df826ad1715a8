import { describe, expect, it } from "vitest";
import { deployment, replicaSet, runningPod, service, statefulSet } from "./fixtures.ts";
import { harness, ns, T0 } from "./harness.ts";

function cluster() {
  const h = harness();
  h.create(ns("default"));
  h.create(ns("kube-system"));
  return h;
}

const lines = (...rows: string[]) => `${rows.join("\n")}\n`;

describe("kubectl get: the table of every kind", () => {
  it("statefulsets, deployments and replicasets", async () => {
    const h = cluster();
    h.put(statefulSet("web", 3, 2));
    h.put(deployment("nginx", 3, 3));
    h.put(replicaSet("nginx-7c5ddbdf54", "nginx", 3, 3));
    h.setTime(T0 + 3 * 60_000 + 13_000);
    expect((await h.kubectl("kubectl get sts")).stdout).toBe(
      lines("NAME   READY   AGE", "web    2/3     3m13s"),
    );
    expect((await h.kubectl("kubectl get deploy")).stdout).toBe(
      lines("NAME    READY   UP-TO-DATE   AVAILABLE   AGE", "nginx   3/3     3            3           3m13s"),
    );
    expect((await h.kubectl("kubectl get rs")).stdout).toBe(
      lines(
        "NAME               DESIRED   CURRENT   READY   AGE",
        "nginx-7c5ddbdf54   3         3         3       3m13s",
      ),
    );
    expect((await h.kubectl("kubectl get statefulsets.apps -o wide")).stdout).toBe(
      lines("NAME   READY   AGE     CONTAINERS   IMAGES", "web    2/3     3m13s   nginx        nginx:1.27"),
    );
    expect((await h.kubectl("kubectl get deployments.v1.apps -o wide")).stdout).toBe(
      lines(
        "NAME    READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES       SELECTOR",
        "nginx   3/3     3            3           3m13s   nginx        nginx:1.27   app=nginx",
      ),
    );
  });

  it("services of each type", async () => {
    const h = cluster();
    h.create(
      service("kubernetes", {
        type: "ClusterIP",
        clusterIP: "10.96.0.1",
        clusterIPs: ["10.96.0.1"],
        ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
      }),
    );
    h.create(
      service("nginx", {
        type: "ClusterIP",
        clusterIP: "None",
        clusterIPs: ["None"],
        selector: { app: "nginx" },
        ports: [{ port: 80, protocol: "TCP" }],
      }),
    );
    h.create(
      service("web", {
        type: "NodePort",
        clusterIP: "10.96.12.7",
        clusterIPs: ["10.96.12.7"],
        selector: { app: "web" },
        ports: [
          { name: "http", port: 80, nodePort: 30080, protocol: "TCP" },
          { name: "dns", port: 53, nodePort: 30053, protocol: "UDP" },
        ],
      }),
    );
    h.create(
      service("lb", {
        type: "LoadBalancer",
        clusterIP: "10.96.40.2",
        clusterIPs: ["10.96.40.2"],
        ports: [{ port: 80, nodePort: 31000, protocol: "TCP" }],
      }),
    );
    h.setTime(T0 + 45_000);
    expect((await h.kubectl("kubectl get svc")).stdout).toBe(
      lines(
        "NAME         TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                     AGE",
        "kubernetes   ClusterIP      10.96.0.1    <none>        443/TCP                     45s",
        "lb           LoadBalancer   10.96.40.2   <pending>     80:31000/TCP                45s",
        "nginx        ClusterIP      None         <none>        80/TCP                      45s",
        "web          NodePort       10.96.12.7   <none>        80:30080/TCP,53:30053/UDP   45s",
      ),
    );
    expect((await h.kubectl("kubectl get service nginx -o wide")).stdout).toBe(
      lines(
        "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR",
        "nginx   ClusterIP   None         <none>        80/TCP    45s   app=nginx",
      ),
    );
  });

  it("endpoints and endpointslices", async () => {
    const h = cluster();
    h.put({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "kube-dns", namespace: "kube-system" },
      subsets: [
        {
          addresses: [{ ip: "10.244.0.2" }, { ip: "10.244.0.3" }],
          ports: [
            { name: "dns", port: 53, protocol: "UDP" },
            { name: "dns-tcp", port: 53, protocol: "TCP" },
            { name: "metrics", port: 9153, protocol: "TCP" },
          ],
        },
      ],
    });
    h.put({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "empty", namespace: "kube-system" } });
    h.put({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "unready", namespace: "kube-system" },
      subsets: [{ notReadyAddresses: [{ ip: "10.244.0.9" }], ports: [{ port: 80, protocol: "TCP" }] }],
    });
    h.put({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "kube-dns-x7k2p", namespace: "kube-system" },
      addressType: "IPv4",
      ports: [
        { name: "dns", port: 53, protocol: "UDP" },
        { name: "dns-tcp", port: 53, protocol: "TCP" },
        { name: "metrics", port: 9153, protocol: "TCP" },
      ],
      endpoints: [
        { addresses: ["10.244.0.2"], conditions: { ready: true } },
        { addresses: ["10.244.0.3"], conditions: { ready: false } },
      ],
    });
    h.put({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "web-abcde", namespace: "kube-system" },
      addressType: "IPv4",
      endpoints: [],
    });
    h.setTime(T0 + 12 * 60_000);
    const ep = await h.kubectl("kubectl get ep -n kube-system");
    // The 1.33+ API server warns about core/v1 Endpoints; kubectl prints it on stderr.
    expect(ep.stderr).toBe(
      "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n",
    );
    expect(ep.stdout).toBe(
      lines(
        "NAME       ENDPOINTS                                               AGE",
        "empty      <none>                                                  12m",
        "kube-dns   10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...   12m",
        "unready                                                            12m",
      ),
    );
    expect((await h.kubectl("kubectl get endpointslices -n kube-system")).stdout).toBe(
      lines(
        "NAME             ADDRESSTYPE   PORTS        ENDPOINTS               AGE",
        "kube-dns-x7k2p   IPv4          53,53,9153   10.244.0.2,10.244.0.3   12m",
        "web-abcde        IPv4          <unset>      <unset>                 12m",
      ),
    );
  });

  it("storage: storageclasses, persistentvolumes and claims (storage.md)", async () => {
    const h = cluster();
    h.put({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "rancher.io/local-path",
      reclaimPolicy: "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
    });
    h.put({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "pvc-6b1f0c9e-3d2a-4f7e-9b51-2c8d7a9e0f13" },
      spec: {
        capacity: { storage: "1Gi" },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Delete",
        storageClassName: "standard",
        claimRef: { namespace: "default", name: "www-web-0" },
        hostPath: { path: "/var/local-path-provisioner/x" },
      },
      status: { phase: "Bound" },
    });
    h.put({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "www-web-0", namespace: "default" },
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "1Gi" } },
        storageClassName: "standard",
        volumeName: "pvc-6b1f0c9e-3d2a-4f7e-9b51-2c8d7a9e0f13",
      },
      status: { phase: "Bound", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] },
    });
    h.setTime(T0 + 5 * 60_000 - 3_000);
    h.put({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "www-web-1", namespace: "default" },
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "1Gi" } },
        storageClassName: "standard",
      },
      status: { phase: "Pending" },
    });
    h.setTime(T0 + 5 * 60_000);
    // storage.md §1-§3, byte for byte.
    expect((await h.kubectl("kubectl get sc")).stdout).toBe(
      lines(
        "NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE",
        "standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  5m",
      ),
    );
    expect((await h.kubectl("kubectl get pv")).stdout).toBe(
      lines(
        "NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE",
        "pvc-6b1f0c9e-3d2a-4f7e-9b51-2c8d7a9e0f13   1Gi        RWO            Delete           Bound    default/www-web-0   standard       <unset>                          5m",
      ),
    );
    expect((await h.kubectl("kubectl get pvc")).stdout).toBe(
      lines(
        "NAME        STATUS    VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE",
        "www-web-0   Bound     pvc-6b1f0c9e-3d2a-4f7e-9b51-2c8d7a9e0f13   1Gi        RWO            standard       <unset>                 5m",
        "www-web-1   Pending                                                                        standard       <unset>                 3s",
      ),
    );
  });

  it("nodes, namespaces, configmaps, secrets and events", async () => {
    const h = cluster();
    h.put({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "kind-control-plane", labels: { "node-role.kubernetes.io/control-plane": "" } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: "Ready", status: "True" }], nodeInfo: { kubeletVersion: "v1.34.0" } },
    });
    h.put({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg", namespace: "default" },
      data: { a: "1", b: "2" },
      binaryData: { c: "AA==" },
    });
    h.put({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "creds", namespace: "default" },
      type: "Opaque",
      data: { password: "cGFzcw==" },
    });
    h.setTime(T0 + 30_000);
    h.put({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web-0.17f2a1b2c3d4e5f6", namespace: "default" },
      involvedObject: {
        kind: "Pod",
        name: "web-0",
        namespace: "default",
        fieldPath: "spec.containers{nginx}",
      },
      type: "Normal",
      reason: "Pulled",
      message: 'Container image "nginx:1.27" already present on machine',
      source: { component: "kubelet", host: "kind-control-plane" },
      firstTimestamp: new Date(T0 + 10_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      lastTimestamp: new Date(T0 + 20_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
      count: 2,
    });
    h.setTime(T0 + 60_000);
    expect((await h.kubectl("kubectl get no")).stdout).toBe(
      lines(
        "NAME                 STATUS                     ROLES           AGE   VERSION",
        "kind-control-plane   Ready,SchedulingDisabled   control-plane   60s   v1.34.0",
      ),
    );
    expect((await h.kubectl("kubectl get ns")).stdout).toBe(
      lines("NAME          STATUS   AGE", "default       Active   60s", "kube-system   Active   60s"),
    );
    expect((await h.kubectl("kubectl get cm,secrets")).stdout).toBe(
      lines(
        "NAME            DATA   AGE",
        "configmap/cfg   3      60s",
        "",
        "NAME           TYPE     DATA   AGE",
        "secret/creds   Opaque   1      60s",
      ),
    );
    expect((await h.kubectl("kubectl get events")).stdout).toBe(
      lines(
        "LAST SEEN   TYPE     REASON   OBJECT      MESSAGE",
        'Normal      Pulled   pod/web-0   Container image "nginx:1.27" already present on machine',
      ).replace("Normal      Pulled   pod/web-0", "40s         Normal   Pulled   pod/web-0"),
    );
    expect((await h.kubectl("kubectl get ev -o wide")).stdout).toBe(
      lines(
        "LAST SEEN   TYPE     REASON   OBJECT      SUBOBJECT                SOURCE                        MESSAGE                                                   FIRST SEEN   COUNT   NAME",
        '40s         Normal   Pulled   pod/web-0   spec.containers{nginx}   kubelet, kind-control-plane   Container image "nginx:1.27" already present on machine   50s          2       web-0.17f2a1b2c3d4e5f6',
      ),
    );
  });
});

describe("kubectl get: decorations", () => {
  function podsCluster() {
    const h = cluster();
    h.put(runningPod("web-0", "default", { app: "web", tier: "db" }));
    h.put(runningPod("web-1", "default", { app: "web" }));
    h.put(runningPod("coredns-668d6bf9bc-7xq2v", "kube-system", { "k8s-app": "kube-dns" }));
    h.setTime(T0 + 2 * 60_000 + 13_000);
    return h;
  }

  it("-A adds NAMESPACE first", async () => {
    const h = podsCluster();
    expect((await h.kubectl("kubectl get pods -A")).stdout).toBe(
      lines(
        "NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE",
        "default       web-0                      1/1     Running   0          2m13s",
        "default       web-1                      1/1     Running   0          2m13s",
        "kube-system   coredns-668d6bf9bc-7xq2v   1/1     Running   0          2m13s",
      ),
    );
  });

  it("--show-labels, -L and --no-headers", async () => {
    const h = podsCluster();
    expect((await h.kubectl("kubectl get pods --show-labels")).stdout).toBe(
      lines(
        "NAME    READY   STATUS    RESTARTS   AGE     LABELS",
        "web-0   1/1     Running   0          2m13s   app=web,tier=db",
        "web-1   1/1     Running   0          2m13s   app=web",
      ),
    );
    expect((await h.kubectl("kubectl get pods -L tier,app.kubernetes.io/app --no-headers")).stdout).toBe(
      lines("web-0   1/1   Running   0     2m13s   db    ", "web-1   1/1   Running   0     2m13s         "),
    );
  });

  it("-o wide for pods", async () => {
    const h = podsCluster();
    expect((await h.kubectl("kubectl get pod web-0 -o wide")).stdout).toBe(
      lines(
        "NAME    READY   STATUS    RESTARTS   AGE     IP           NODE                 NOMINATED NODE   READINESS GATES",
        "web-0   1/1     Running   0          2m13s   10.244.0.5   kind-control-plane   <none>           <none>",
      ),
    );
  });

  it("several types: kind/name prefixes, one header per group, a blank line between", async () => {
    const h = podsCluster();
    h.put(statefulSet("web", 2, 2));
    const r = await h.kubectl("kubectl get sts,pods");
    expect(r.stdout).toBe(
      lines(
        "NAME                   READY   AGE",
        "statefulset.apps/web   2/2     0s",
        "",
        "NAME        READY   STATUS    RESTARTS   AGE",
        "pod/web-0   1/1     Running   0          2m13s",
        "pod/web-1   1/1     Running   0          2m13s",
      ),
    );
  });

  it("get all skips empty groups and keeps the category order", async () => {
    const h = podsCluster();
    h.put(statefulSet("web", 2, 2));
    h.create(
      service("nginx", {
        type: "ClusterIP",
        clusterIP: "None",
        clusterIPs: ["None"],
        ports: [{ port: 80, protocol: "TCP" }],
      }),
    );
    const r = await h.kubectl("kubectl get all");
    expect(r.stdout).toBe(
      lines(
        "NAME        READY   STATUS    RESTARTS   AGE",
        "pod/web-0   1/1     Running   0          2m13s",
        "pod/web-1   1/1     Running   0          2m13s",
        "",
        "NAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE",
        "service/nginx   ClusterIP   None         <none>        80/TCP    0s",
        "",
        "NAME                   READY   AGE",
        "statefulset.apps/web   2/2     0s",
      ),
    );
  });

  it("TYPE/NAME arguments of one type share a table without prefixes", async () => {
    const h = podsCluster();
    expect((await h.kubectl("kubectl get pod/web-0 pod/web-1")).stdout).toBe(
      lines(
        "NAME    READY   STATUS    RESTARTS   AGE",
        "web-0   1/1     Running   0          2m13s",
        "web-1   1/1     Running   0          2m13s",
      ),
    );
  });

  it("-l filters through the API server's selector", async () => {
    const h = podsCluster();
    expect((await h.kubectl("kubectl get pods -l tier=db")).stdout).toBe(
      lines("NAME    READY   STATUS    RESTARTS   AGE", "web-0   1/1     Running   0          2m13s"),
    );
    expect(await h.kubectl("kubectl get pods -l tier=cache")).toEqual({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
      status: 0,
    });
  });

  it("--sort-by orders rows by a JSONPath", async () => {
    const h = cluster();
    h.put(runningPod("b"));
    h.setTime(T0 + 10_000);
    h.put(runningPod("a"));
    h.setTime(T0 + 20_000);
    const byName = await h.kubectl("kubectl get pods --sort-by=.metadata.name --no-headers");
    expect(byName.stdout.split("\n").map((l) => l.split(" ")[0])).toEqual(["a", "b", ""]);
    const byAge = await h.kubectl("kubectl get pods --sort-by=.metadata.creationTimestamp -o name");
    expect(byAge.stdout).toBe("pod/b\npod/a\n");
  });
});

describe("kubectl get: messages and errors", () => {
  it("no resources: namespaced, -A and cluster-scoped", async () => {
    const h = cluster();
    expect((await h.kubectl("kubectl get pods -n nope")).stderr).toBe(
      "No resources found in nope namespace.\n",
    );
    expect((await h.kubectl("kubectl get pods -A")).stderr).toBe("No resources found\n");
    expect((await h.kubectl("kubectl get pv")).stderr).toBe("No resources found\n");
  });

  it("a missing name is the server's NotFound, found names still print", async () => {
    const h = cluster();
    h.put(runningPod("web-0"));
    expect(await h.kubectl("kubectl get pod web-9")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): pods "web-9" not found\n',
      status: 1,
    });
    const both = await h.kubectl("kubectl get pods web-0 web-9");
    expect(both.stdout).toBe(
      lines("NAME    READY   STATUS    RESTARTS   AGE", "web-0   1/1     Running   0          0s"),
    );
    expect(both.stderr).toBe('Error from server (NotFound): pods "web-9" not found\n');
    expect(both.status).toBe(1);
    expect(await h.kubectl("kubectl get pod web-9 --ignore-not-found")).toEqual({
      stdout: "",
      stderr: "",
      status: 0,
    });
    expect((await h.kubectl("kubectl get sts nope")).stderr).toBe(
      'Error from server (NotFound): statefulsets.apps "nope" not found\n',
    );
  });

  it.each([
    [
      "kubectl get pods pod/x",
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    ],
    ["kubectl get pod/x/y", "error: arguments in resource/name form may not have more than one slash\n"],
    ["kubectl get pods/", "error: arguments in resource/name form must have a single resource and name\n"],
    ["kubectl get pods x -l a=b", "error: name cannot be provided when a selector is specified\n"],
    ["kubectl get pods x -A", "error: a resource cannot be retrieved by name across all namespaces\n"],
    ["kubectl get pods,svc -w", "error: you may only specify a single resource type\n"],
    ["kubectl get stss", 'error: the server doesn\'t have a resource type "stss"\n'],
    ["kubectl get stss.apps", 'error: the server doesn\'t have a resource type "stss"\n'],
  ])("%s", async (line, stderr) => {
    const h = cluster();
    expect(await h.kubectl(line)).toEqual({ stdout: "", stderr, status: 1 });
  });

  it("get with no type explains itself", async () => {
    const h = cluster();
    expect(await h.kubectl("kubectl get")).toEqual({
      stdout: "",
      stderr:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
      status: 1,
    });
  });

  it("an unknown output format lists the allowed ones", async () => {
    const h = cluster();
    expect((await h.kubectl("kubectl get pods -o xml")).stderr).toBe(
      'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });
});

describe("kubectl get -f", () => {
  it("gets the objects a manifest names, from the server", async () => {
    const h = cluster();
    h.put(runningPod("web-0"));
    const manifest =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n";
    const r = await h.kubectl("kubectl get -f -", undefined, manifest);
    expect(r.stdout).toBe(
      lines("NAME    READY   STATUS    RESTARTS   AGE", "web-0   1/1     Running   0          0s"),
    );
    expect((await h.kubectl("kubectl get pods -f -", undefined, manifest)).stderr).toBe(
      "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n",
    );
    expect((await h.kubectl("kubectl get -f nope.yaml")).stderr).toBe(
      'error: the path "nope.yaml" does not exist\n',
    );
  });
});
