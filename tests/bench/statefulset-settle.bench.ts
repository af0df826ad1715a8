/**
 * How long the engine takes to bring StatefulSets with volumeClaimTemplates to all-Ready, in
 * wall-clock time for the simulated work: the 3-replica walkthrough, and Parallel StatefulSets of
 * 100 and 1,000 replicas (claims, dynamic provisioning, scheduling, kubelet), plus memory per pod.
 * The one kind node takes 110 pods, so past ~100 replicas the rest stay Pending and the run goes
 * on for the full ten simulated minutes of scheduling retries; 10,000 replicas takes minutes that
 * way, so it is left out. Prints medians only; nothing is asserted.
 *   node --experimental-strip-types --no-warnings tests/bench/statefulset-settle.bench.ts
 */
import { createSandbox } from "../../sandbox/engine/index.ts";

function manifest(replicas: number, policy: "OrderedReady" | "Parallel"): string {
  return `cat > web.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${replicas}
  podManagementPolicy: ${policy}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.27
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
EOF
`;
}

const quiet = () => {};

async function settle(replicas: number, policy: "OrderedReady" | "Parallel") {
  const sandbox = createSandbox({ timeMode: "instant", seed: 1 });
  await sandbox.exec(manifest(replicas, policy), quiet);
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  await sandbox.exec("kubectl apply -f web.yaml", quiet);
  let ready = 0;
  // Let simulated time run in steps until every replica is ready (or ten simulated minutes pass).
  for (let step = 0; step < 60 && ready < replicas; step++) {
    await sandbox.exec("sleep 10", quiet);
    let out = "";
    await sandbox.exec("kubectl get sts web -o jsonpath={.status.readyReplicas}", (c) => {
      out += c.text;
    });
    ready = Number(out) || 0;
  }
  const ms = performance.now() - start;
  const heapPerPod = (process.memoryUsage().heapUsed - heapBefore) / replicas;
  return { ms, ready, heapPerPod };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const cases: [number, "OrderedReady" | "Parallel", number][] = [
  [3, "OrderedReady", 5],
  [100, "Parallel", 3],
  [1000, "Parallel", 1],
];
const rows: string[][] = [["case", "runs", "median ms", "ready", "heap/pod KB"]];
const medians = new Map<number, number>();
for (const [replicas, policy, runs] of cases) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await settle(replicas, policy));
  const ms = median(results.map((r) => r.ms));
  medians.set(replicas, ms);
  rows.push([
    `${replicas} replicas, ${policy}, with claims`,
    String(runs),
    ms.toFixed(1),
    `${results[0]!.ready}/${replicas}`,
    (median(results.map((r) => r.heapPerPod)) / 1024).toFixed(1),
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
const ratio = medians.get(1000)! / medians.get(100)!;
console.log(`1k / 100 time ratio: ${ratio.toFixed(1)} (10 would be linear)`);
