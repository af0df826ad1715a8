/**
 * How long `kubectl get pods` takes inside the engine (list + print), for 100 and 10,000 pods.
 * Prints medians of wall and CPU time (on a shared machine the CPU time is the steadier figure);
 * nothing is asserted.
 *   node --experimental-strip-types --no-warnings tests/bench/kubectl-get.bench.ts
 */
import { Cluster } from "../../sandbox/engine/cluster/cluster.ts";
import { kubectl } from "../../sandbox/engine/kubectl/kubectl.ts";
import { createTimeDriver } from "../../sandbox/engine/time-driver.ts";
import { median, type Result, report } from "./report.ts";

function clusterWith(pods: number): Cluster {
  const cluster = new Cluster({ seed: 1 });
  cluster.api.create({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "default" },
    status: { phase: "Active" },
  });
  for (let i = 0; i < pods; i++) {
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `web-${i}`, namespace: "default", labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27" }], nodeName: "kind-control-plane" },
      status: {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True" }],
        containerStatuses: [{ name: "nginx", ready: true, restartCount: 0, state: { running: {} } }],
      },
    });
  }
  return cluster;
}

async function timeGetPods(pods: number, runs: number): Promise<{ ms: number; cpuMs: number }> {
  const cluster = clusterWith(pods);
  const env = { cluster, time: createTimeDriver(cluster, "instant") };
  const signal = new AbortController().signal;
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuBefore = process.cpuUsage();
    await kubectl({
      argv: ["kubectl", "get", "pods"],
      stdin: "",
      stdout: (text) => {
        bytes += text.length;
      },
      stderr: () => {},
      signal,
      env,
    });
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  if (bytes === 0) throw new Error("kubectl get pods printed nothing");
  return { ms: median(times), cpuMs: median(cpu) };
}

const results: Result[] = [];
for (const [pods, runs] of [
  [100, 50],
  [10_000, 7],
] as const) {
  const { ms, cpuMs } = await timeGetPods(pods, runs);
  const what = `kubectl get pods, ${pods.toLocaleString("en")} pods`;
  results.push({ name: what, unit: "ms", median: ms, runs });
  results.push({ name: `${what}, CPU time`, unit: "ms", median: cpuMs, runs });
}
report(results);
