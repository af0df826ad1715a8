/**
 * How long the engine takes to bring a StatefulSet with volumeClaimTemplates from `kubectl apply`
 * to all replicas Ready, in wall-clock time for the simulated work (claims, dynamic provisioning,
 * scheduling, kubelet, status): the 3-replica walkthrough on kind's default single node, and
 * Parallel sets of 1,000 and 10,000 replicas on a kind cluster of 100 workers (kind nodes take 110
 * pods each), plus heap per pod. The 10k / 1k ratio says whether cost grows linearly (10 would be
 * linear). Prints medians only; nothing is asserted.
 *   node --experimental-strip-types --no-warnings tests/bench/statefulset-settle.bench.ts [replicas…]
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { kindCluster, median, type Result, report, shellOn, untilReady, webStatefulSet } from "./harness.ts";

// A full collection before each settle and before reading the heap after it: without one the
// previous run's cluster was collected during the measured settle, and heap per pod measured
// wherever the collector happened to be (from -1,200 to +1,200 KB for 3 pods, 14 to 55 KB for 1,000).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

async function settle(workers: number, replicas: number, policy: "OrderedReady" | "Parallel") {
  const cluster = kindCluster(workers);
  const shell = shellOn(cluster);
  await shell.run(webStatefulSet(replicas, policy));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const out = await shell.run("kubectl apply -f web.yaml");
  if (!out.includes("statefulset.apps/web created")) throw new Error(out);
  untilReady(cluster, replicas);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  gc();
  // What the settled cluster keeps (its pods, claims, volumes, Events, history and runtime state).
  const heapPerPod = (process.memoryUsage().heapUsed - heapBefore) / replicas;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, heapPerPod };
}

/** 100 workers take 10,800 pods; both big sets run on the same cluster shape, so only the pod count changes. */
const CASES = [
  { replicas: 3, policy: "OrderedReady", workers: 0, runs: 7 },
  { replicas: 1000, policy: "Parallel", workers: 100, runs: 5 },
  { replicas: 10_000, policy: "Parallel", workers: 100, runs: 3 },
] as const;

const only = process.argv.slice(2).map(Number);
const results: Result[] = [];
/** Wall and CPU medians per replica count, for the 10k / 1k ratios. */
const medians = new Map<number, { ms: number; cpuMs: number }>();
for (const { replicas, policy, workers, runs } of CASES) {
  if (only.length > 0 && !only.includes(replicas)) continue;
  const measured = [];
  for (let i = 0; i < runs; i++) measured.push(await settle(workers, replicas, policy));
  const ms = median(measured.map((m) => m.ms));
  const cpuMs = median(measured.map((m) => m.cpuMs));
  medians.set(replicas, { ms, cpuMs });
  const where = workers === 0 ? "1 node" : `${workers} workers`;
  const what = `StatefulSet ${replicas.toLocaleString("en")} replicas ${policy} with claims (${where})`;
  results.push({
    name: `${what}, apply → all Ready`,
    ...(replicas === 1000 ? { budget: "engine.statefulSet1kSettleMs" } : {}),
    unit: "ms",
    median: ms,
    runs,
  });
  results.push({ name: `${what}, CPU time`, unit: "ms", median: cpuMs, runs });
  results.push({
    name: `${what}, heap per pod`,
    unit: "KB",
    median: median(measured.map((m) => m.heapPerPod)) / 1024,
    runs,
  });
}
const [small, big] = [medians.get(1000), medians.get(10_000)];
if (small && big) {
  const name = "StatefulSet settle, 10k / 1k";
  results.push({
    name: `${name} wall time (10 is linear)`,
    unit: "ratio",
    median: big.ms / small.ms,
    runs: 1,
  });
  // Linearity is a question of work done, so the budget holds the CPU ratio: 10k settles'
  // wall time also measures whatever else the machine was doing.
  results.push({
    name: `${name} CPU time (10 is linear)`,
    budget: "engine.statefulSet10kOver1kMaxRatio",
    unit: "ratio",
    median: big.cpuMs / small.cpuMs,
    runs: 1,
  });
}
report(results);
