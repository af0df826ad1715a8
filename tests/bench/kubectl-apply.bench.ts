/**
 * How long `kubectl apply -f app.yaml` takes inside the engine for a 5-object file (Namespace,
 * ConfigMap, Service, StatefulSet, Deployment): the first apply (create) and a repeat apply (the
 * three-way merge deciding "unchanged"). Controllers are not run, so only kubectl's read, merge and
 * API work is timed. Prints medians only; nothing is asserted.
 *   node --experimental-strip-types --no-warnings tests/bench/kubectl-apply.bench.ts
 */

import { FileTree } from "../../sandbox/engine/fs/file-tree.ts";
import { kubectl } from "../../sandbox/engine/kubectl/kubectl.ts";
import { createDefaultCluster } from "../../sandbox/engine/scenarios/index.ts";
import { createTimeDriver } from "../../sandbox/engine/time-driver.ts";
import { median, report } from "./report.ts";

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: production
  replicas: "3"
---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: shop
spec:
  clusterIP: None
  selector: {app: db}
  ports:
  - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: postgres
        image: postgres:17
        ports:
        - containerPort: 5432
        env:
        - name: POSTGRES_PASSWORD
          value: example
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

async function applyOnce(env: Parameters<typeof kubectl>[0]["env"]): Promise<{ ms: number; stdout: string }> {
  let stdout = "";
  const start = performance.now();
  await kubectl({
    argv: ["kubectl", "apply", "-f", "app.yaml"],
    stdin: "",
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      throw new Error(`apply failed: ${text}`);
    },
    signal: new AbortController().signal,
    env,
  });
  return { ms: performance.now() - start, stdout };
}

function freshEnv() {
  const cluster = createDefaultCluster({ seed: 1 });
  const fs = new FileTree();
  fs.mkdir("/root", 0);
  fs.writeFile("/root/app.yaml", MANIFEST, 0);
  return { cluster, time: createTimeDriver(cluster, "instant"), workspace: { fs, cwd: "/root" } };
}

const RUNS = 50;
const created: number[] = [];
const unchanged: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const env = freshEnv();
  const first = await applyOnce(env);
  if (!first.stdout.endsWith("deployment.apps/web created\n")) throw new Error(first.stdout);
  created.push(first.ms);
  const second = await applyOnce(env);
  if (!second.stdout.endsWith("deployment.apps/web unchanged\n")) throw new Error(second.stdout);
  unchanged.push(second.ms);
}
report([
  { name: "kubectl apply, 5-object file, create", unit: "ms", median: median(created), runs: RUNS },
  { name: "kubectl apply, 5-object file, unchanged", unit: "ms", median: median(unchanged), runs: RUNS },
]);
