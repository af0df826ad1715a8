/**
 * What the engine benchmarks share: a kind cluster with as many workers as a benchmark needs
 * (kind's nodes take 110 pods each, so 10,000 pods need about a hundred workers), a shell on it
 * that returns what a command printed, and the one way results are printed and collected.
 */
import { DEFAULT_START_MS } from "../../sandbox/engine/clock.ts";
import { Cluster } from "../../sandbox/engine/cluster/cluster.ts";
import { bootKindCluster, KIND_AGE_MS } from "../../sandbox/engine/cluster/nodes/kind-cluster.ts";
import type { SandboxEnv } from "../../sandbox/engine/shell/command.ts";
import { createWorkspace } from "../../sandbox/engine/shell/host.ts";
import { terminalFor } from "../../sandbox/engine/shell/shell.ts";
import { createTimeDriver } from "../../sandbox/engine/time-driver.ts";

export { median, type Result, report } from "./report.ts";

/**
 * A kind cluster with a tainted control plane and `workers` workers (kind-worker, kind-worker2, …),
 * booted the way scenarios boot theirs and run up to t0, so every system pod is Running.
 */
export function kindCluster(workers: number, seed = 1): Cluster {
  const cluster = new Cluster({ seed, startMs: DEFAULT_START_MS - KIND_AGE_MS });
  bootKindCluster(cluster, { workers });
  cluster.advance(DEFAULT_START_MS - cluster.clock.now());
  return cluster;
}

export interface BenchShell {
  /** Runs a command line as the terminal would; resolves to stdout and stderr together. */
  run(line: string): Promise<string>;
}

/** The learner's shell on `cluster`, in instant time (sleep advances the clock at once). */
export function shellOn(cluster: Cluster): BenchShell {
  const env: SandboxEnv = {
    cluster,
    time: createTimeDriver(cluster, "instant"),
    workspace: createWorkspace(cluster.clock.now()),
  };
  const terminal = terminalFor(env);
  const signal = new AbortController().signal;
  return {
    async run(line) {
      let out = "";
      await terminal.exec(line, (chunk) => (out += chunk.text), signal);
      // As the sandbox does after every command: what it wrote is acted on at once.
      cluster.runControllers();
      return out;
    },
  };
}

/** A shell command writing web.yaml: the walkthrough's headless Service and StatefulSet with claims. */
export function webStatefulSet(replicas: number, policy: "OrderedReady" | "Parallel"): string {
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

/** The set's status.readyReplicas. */
export const readyReplicas = (cluster: Cluster) =>
  (cluster.api.tryGet("StatefulSet", "default", "web")?.status as { readyReplicas?: number } | undefined)
    ?.readyReplicas ?? 0;

/** Simulated time moves in 1 s steps, as the browser's ticker would move it, for at most 10 minutes. */
const STEP_MS = 1000;
const CAP_MS = 10 * 60_000;

/** Lets simulated time run until `replicas` pods of web are Ready; throws after ten simulated minutes. */
export function untilReady(cluster: Cluster, replicas: number): void {
  for (let t = 0; t < CAP_MS && readyReplicas(cluster) < replicas; t += STEP_MS) cluster.advance(STEP_MS);
  const ready = readyReplicas(cluster);
  if (ready < replicas) throw new Error(`only ${ready}/${replicas} Ready after ten simulated minutes`);
}
