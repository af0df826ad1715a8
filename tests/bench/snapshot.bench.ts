/**
 * Snapshot cost: how big a saved sandbox is (JSON bytes, and gzip bytes as a share link or an
 * IndexedDB record would carry it compressed) and how long save and restore take, for the
 * 3-replica StatefulSet walkthrough and for a 1,000-replica StatefulSet (1,000 pods and claims;
 * one kind node runs 110 of them, the rest stay Pending). Also the heap each of those pods costs,
 * measured with forced garbage collection (`--expose-gc`, which run.ts passes). Medians only;
 * nothing is asserted.
 *   node --experimental-strip-types --no-warnings --expose-gc tests/bench/snapshot.bench.ts
 */
import { gzipSync } from "node:zlib";
import { createSandbox, restoreSandbox, type Sandbox } from "../../sandbox/engine/index.ts";
import { median, type Result, report } from "./report.ts";

const statefulSet = (replicas: number, policy: string) => `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec: {clusterIP: None, selector: {app: nginx}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: ${replicas}
  podManagementPolicy: ${policy}
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.27
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

const quiet = () => {};
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function withStatefulSet(replicas: number, policy: string, settleSeconds: number): Promise<Sandbox> {
  const sandbox = createSandbox({ seed: 1 });
  sandbox.writeFile("web.yaml", statefulSet(replicas, policy));
  await sandbox.exec(`kubectl apply -f web.yaml && sleep ${settleSeconds}`, quiet);
  // Something in every volume, as a lesson leaves it.
  await sandbox.exec("kubectl exec web-0 -- sh -c 'echo hello > /usr/share/nginx/html/index.html'", quiet);
  return sandbox;
}

async function measure(label: string, make: () => Promise<Sandbox>, runs: number): Promise<Result[]> {
  const save: number[] = [];
  const restore: number[] = [];
  const bytes: number[] = [];
  const gzipped: number[] = [];
  for (let i = 0; i < runs; i++) {
    const sandbox = await make();
    let t = performance.now();
    const json = JSON.stringify(sandbox.save());
    save.push(performance.now() - t);
    t = performance.now();
    restoreSandbox(json);
    restore.push(performance.now() - t);
    bytes.push(Buffer.byteLength(json));
    gzipped.push(gzipSync(json).length);
  }
  return [
    { name: `${label}: snapshot size, JSON`, unit: "KB", median: median(bytes) / 1024, runs },
    { name: `${label}: snapshot size, gzip`, unit: "KB", median: median(gzipped) / 1024, runs },
    { name: `${label}: save() + JSON.stringify`, unit: "ms", median: median(save), runs },
    { name: `${label}: restoreSandbox(json), checks included`, unit: "ms", median: median(restore), runs },
  ];
}

/** Heap kept per pod: the same sandbox before and after the StatefulSet, after full collections. */
async function heapPerPod(replicas: number, runs: number): Promise<Result> {
  const perPod: number[] = [];
  for (let i = 0; i < runs; i++) {
    const sandbox = createSandbox({ seed: 1 });
    sandbox.writeFile("web.yaml", statefulSet(replicas, "Parallel"));
    gc();
    const before = process.memoryUsage().heapUsed;
    await sandbox.exec("kubectl apply -f web.yaml && sleep 120", quiet);
    gc();
    perPod.push((process.memoryUsage().heapUsed - before) / replicas);
  }
  return {
    name: `heap per pod, ${replicas}-replica StatefulSet with claims`,
    unit: "KB",
    median: median(perPod) / 1024,
    runs,
  };
}

const results: Result[] = [
  ...(await measure("3-replica walkthrough", () => withStatefulSet(3, "OrderedReady", 60), 5)),
  ...(await measure("1,000-replica StatefulSet", () => withStatefulSet(1000, "Parallel", 120), 3)),
  await heapPerPod(1000, 3),
];
report(results);
