/**
 * Named starting states for lessons: a registry from scenario name to a builder that turns a
 * freshly booted kind cluster into the state the lesson starts from. Builders are plain data and
 * API calls (the same calls kubectl would make), so what a learner finds is reachable for real.
 */
import { DEFAULT_START_MS } from "../clock.ts";
import { Cluster, type ClusterOptions } from "../cluster/cluster.ts";
import { overridePodTimings } from "../cluster/kubelet/timings.ts";
import { bootKindCluster, KIND_AGE_MS } from "../cluster/nodes/kind-cluster.ts";
import { brokenOrders, nginxHeadlessService, webStatefulSet } from "./manifests.ts";

export interface Scenario {
  /** One line for authors: what the learner starts with. */
  description: string;
  /** Worker nodes besides the control plane (0: kind's default single node, untainted). */
  workers: number;
  /** Objects and changes applied after boot, before t0. */
  build?: (cluster: Cluster) => void;
}

export const SCENARIOS = {
  default: {
    description: "kind's default cluster: one control-plane node that also runs workloads.",
    workers: 0,
  },
  "multi-node": {
    description: "A tainted control plane and three workers: kind-worker, kind-worker2, kind-worker3.",
    workers: 3,
  },
  "empty-namespace": {
    description: "The default cluster plus an empty `lab` namespace to work in.",
    workers: 0,
    build: (cluster) => {
      cluster.create({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: "lab" },
        status: { phase: "Active" },
      });
    },
  },
  "slow-web-1": {
    description:
      "The default cluster, where any pod named web-1 takes 20 seconds longer to start (OrderedReady lesson).",
    workers: 0,
    build: (cluster) => overridePodTimings(cluster, { pod: "web-1", timings: { extraStartMs: 20_000 } }),
  },
  "web-statefulset": {
    description:
      "The default cluster running the headless Service nginx and a 3-replica StatefulSet web (nginx:1.27, a claim per pod), all Ready.",
    workers: 0,
    build: (cluster) => {
      cluster.create(nginxHeadlessService());
      cluster.create(webStatefulSet(3, "nginx:1.27"));
    },
  },
  "broken-orders": {
    description:
      "The capstone: a kvdb StatefulSet orders that does not work (its Service, storage and mount are wrong).",
    workers: 0,
    build: (cluster) => {
      for (const object of brokenOrders()) cluster.create(object);
    },
  },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}

/**
 * A cluster in the named state at `options.startMs` (default 2026-01-01T00:00:00Z): booted
 * KIND_AGE_MS earlier, the scenario applied, and time run up to t0 so pods are Running.
 */
export function createScenarioCluster(name: ScenarioName, options: ClusterOptions = {}): Cluster {
  const scenario: Scenario = SCENARIOS[name];
  const t0 = options.startMs ?? DEFAULT_START_MS;
  const cluster = new Cluster({ ...options, startMs: t0 - KIND_AGE_MS });
  bootKindCluster(cluster, { workers: scenario.workers });
  scenario.build?.(cluster);
  cluster.advance(t0 - cluster.clock.now());
  return cluster;
}

/** Like createScenarioCluster, for a name that comes from outside (a lesson, the page); unknown names throw. */
export function createNamedCluster(name: string, options: ClusterOptions = {}): Cluster {
  if (!isScenarioName(name)) {
    throw new Error(`unknown scenario "${name}" (known: ${Object.keys(SCENARIOS).join(", ")})`);
  }
  return createScenarioCluster(name, options);
}

/** kind's default cluster: one control-plane node that also runs workloads (the "default" scenario). */
export function createDefaultCluster(options: ClusterOptions = {}): Cluster {
  return createScenarioCluster("default", options);
}
