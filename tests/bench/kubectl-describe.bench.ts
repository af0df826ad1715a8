/**
 * How long `kubectl describe` takes inside the engine for the walkthrough's StatefulSet (3
 * replicas, one node) and for a 1,000-replica Parallel one on 100 workers, each once all its pods
 * are Ready (describe reads the set, its pods' states and its events). Prints medians only.
 *   node --experimental-strip-types --no-warnings tests/bench/kubectl-describe.bench.ts
 */
import { kindCluster, median, type Result, report, shellOn, untilReady, webStatefulSet } from "./harness.ts";

const results: Result[] = [];
for (const { replicas, policy, workers, runs } of [
  { replicas: 3, policy: "OrderedReady", workers: 0, runs: 50 },
  { replicas: 1000, policy: "Parallel", workers: 100, runs: 15 },
] as const) {
  const cluster = kindCluster(workers);
  const shell = shellOn(cluster);
  await shell.run(webStatefulSet(replicas, policy));
  await shell.run("kubectl apply -f web.yaml");
  untilReady(cluster, replicas);
  for (const [command, expected] of [
    ["kubectl describe sts web", "Events:"],
    ["kubectl describe pod web-0", "Events:"],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const out = await shell.run(command);
      times.push(performance.now() - start);
      if (!out.includes(expected)) throw new Error(out);
    }
    const what = `${command}, ${replicas.toLocaleString("en")} replicas`;
    results.push({ name: what, unit: "ms", median: median(times), runs });
  }
}
report(results);
