import type {
  DeploymentSpec,
  DeploymentStatus,
  ReplicaSetSpec,
  ReplicaSetStatus,
} from "kubernetes-types/apps/v1";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { fenceposts } from "../../../sandbox/engine/cluster/controllers/deployment/util.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import {
  editSpec,
  eventMessages,
  firstContainer,
  newCluster,
  podNames,
  readyAll,
  setPodState,
  type Typed,
} from "./fixtures.ts";

function deployment(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "nginx", namespace: "default" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
      },
      ...spec,
    },
  };
}

const get = (cluster: Cluster) =>
  cluster.api.get("Deployment", "default", "nginx") as Typed<DeploymentSpec, DeploymentStatus>;
const replicaSets = (cluster: Cluster) =>
  cluster.api.list("ReplicaSet", { namespace: "default" }) as Typed<ReplicaSetSpec, ReplicaSetStatus>[];
const conditions = (cluster: Cluster) =>
  (
    get(cluster).status!.conditions as { type: string; status: string; reason: string; message: string }[]
  ).map((c) => [c.type, c.status, c.reason, c.message]);

function edit(cluster: Cluster, change: (spec: DeploymentSpec) => void) {
  editSpec<DeploymentSpec>(cluster, "Deployment", "nginx", change);
}

const setImage = (image: string) => (spec: DeploymentSpec) => {
  firstContainer(spec).image = image;
};

/** The kubelet's part in a rollout: make every pod ready and finish deletions. */
function converge(cluster: Cluster) {
  for (let i = 0; i < 20; i++) {
    readyAll(cluster);
    const terminating = cluster.api
      .list("Pod", { namespace: "default" })
      .filter((p) => p.metadata.deletionTimestamp);
    for (const p of terminating)
      cluster.api.delete("Pod", "default", p.metadata.name, { gracePeriodSeconds: 0 });
    cluster.runControllers();
  }
}

describe("Deployment → ReplicaSet → Pod", () => {
  it("names the ReplicaSet <deployment>-<pod-template-hash> and labels everything with the hash", () => {
    const cluster = newCluster();
    cluster.create(deployment());
    cluster.runControllers();
    const [rs] = replicaSets(cluster);
    const hash = rs!.metadata.labels!["pod-template-hash"]!;
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(rs!.metadata.name).toBe(`nginx-${hash}`);
    expect(rs!.spec.selector).toEqual({ matchLabels: { app: "nginx", "pod-template-hash": hash } });
    expect(rs!.spec.template?.metadata?.labels).toEqual({ app: "nginx", "pod-template-hash": hash });
    expect(rs!.metadata.annotations).toEqual({
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
      "deployment.kubernetes.io/revision": "1",
    });
    expect(rs!.metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "nginx",
        uid: get(cluster).metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(get(cluster).metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    for (const name of podNames(cluster)) expect(name).toMatch(new RegExp(`^nginx-${hash}-[a-z0-9]{5}$`));
    expect(eventMessages(cluster, "ScalingReplicaSet")).toEqual([
      `Scaled up replica set nginx-${hash} from 0 to 3`,
    ]);
    const event = cluster.api
      .list("Event", { namespace: "default" })
      .find((e) => e.reason === "ScalingReplicaSet")!;
    expect(event.source).toEqual({ component: "deployment-controller" });
  });

  it("reports status and the Available / Progressing conditions once every pod is available", () => {
    const cluster = newCluster();
    cluster.create(deployment());
    cluster.runControllers();
    expect(conditions(cluster)).toEqual([
      ["Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."],
      [
        "Progressing",
        "True",
        "ReplicaSetUpdated",
        `ReplicaSet "${replicaSets(cluster)[0]!.metadata.name}" is progressing.`,
      ],
    ]);
    converge(cluster);
    const rs = replicaSets(cluster)[0]!.metadata.name;
    const { conditions: _c, ...counts } = get(cluster).status!;
    expect(counts).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(conditions(cluster)).toEqual([
      ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
      ["Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${rs}" has successfully progressed.`],
    ]);
  });
});

describe("RollingUpdate", () => {
  it("rounds maxSurge up and maxUnavailable down, and never lets both be 0", () => {
    const f = (replicas: number, maxSurge: number | string, maxUnavailable: number | string) =>
      fenceposts(
        deployment({
          replicas,
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } },
        }),
      );
    expect(f(3, "25%", "25%")).toEqual({ surge: 1, unavailable: 0 });
    expect(f(10, "25%", "25%")).toEqual({ surge: 3, unavailable: 2 });
    expect(f(1, 0, "25%")).toEqual({ surge: 0, unavailable: 1 });
    expect(f(4, 2, 0)).toEqual({ surge: 2, unavailable: 0 });
  });

  it("with 3 replicas at 25%/25% surges one new pod, then removes one old pod per available new one", () => {
    const cluster = newCluster();
    cluster.create(deployment());
    converge(cluster);
    const old = replicaSets(cluster)[0]!.metadata.name;
    edit(cluster, setImage("nginx:1.28"));
    const fresh = replicaSets(cluster).find((rs) => rs.metadata.name !== old)!.metadata.name;
    expect(eventMessages(cluster, "ScalingReplicaSet").slice(1)).toEqual([
      `Scaled up replica set ${fresh} from 0 to 1`,
    ]);
    converge(cluster);
    expect(eventMessages(cluster, "ScalingReplicaSet").slice(1)).toEqual([
      `Scaled up replica set ${fresh} from 0 to 1`,
      `Scaled down replica set ${old} from 3 to 2`,
      `Scaled up replica set ${fresh} from 1 to 2`,
      `Scaled down replica set ${old} from 2 to 1`,
      `Scaled up replica set ${fresh} from 2 to 3`,
      `Scaled down replica set ${old} from 1 to 0`,
    ]);
    expect(get(cluster).metadata.annotations!["deployment.kubernetes.io/revision"]).toBe("2");
    expect(conditions(cluster)[1]).toEqual([
      "Progressing",
      "True",
      "NewReplicaSetAvailable",
      `ReplicaSet "${fresh}" has successfully progressed.`,
    ]);
  });

  it("with 10 replicas surges 3, drops 2 old pods at once, then refills the surge", () => {
    const cluster = newCluster();
    cluster.create(deployment({ replicas: 10 }));
    converge(cluster);
    const old = replicaSets(cluster)[0]!.metadata.name;
    edit(cluster, setImage("nginx:1.28"));
    const fresh = replicaSets(cluster).find((rs) => rs.metadata.name !== old)!.metadata.name;
    expect(eventMessages(cluster, "ScalingReplicaSet").slice(1)).toEqual([
      `Scaled up replica set ${fresh} from 0 to 3`,
      `Scaled down replica set ${old} from 10 to 8`,
      // 8 old + 3 new leave room for 2 more under replicas + maxSurge = 13; then nothing until pods are available.
      `Scaled up replica set ${fresh} from 3 to 5`,
    ]);
  });

  it("rolling back to an older template renumbers its ReplicaSet and remembers the old revision", () => {
    const cluster = newCluster();
    cluster.create(deployment({ replicas: 1 }));
    converge(cluster);
    const first = replicaSets(cluster)[0]!.metadata.name;
    edit(cluster, setImage("nginx:1.28"));
    converge(cluster);
    edit(cluster, setImage("nginx:1.27"));
    converge(cluster);
    const rs = cluster.api.get("ReplicaSet", "default", first);
    expect(rs.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "3",
      "deployment.kubernetes.io/revision-history": "1",
    });
    expect(get(cluster).metadata.annotations!["deployment.kubernetes.io/revision"]).toBe("3");
    expect(replicaSets(cluster)).toHaveLength(2);
  });

  it("copies the Deployment's annotations, such as the change cause, onto the new ReplicaSet", () => {
    const cluster = newCluster();
    const d = deployment({ replicas: 1 });
    d.metadata.annotations = {
      "kubernetes.io/change-cause": "kubectl apply --record",
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
    };
    cluster.create(d);
    cluster.runControllers();
    expect(replicaSets(cluster)[0]!.metadata.annotations).toEqual({
      "deployment.kubernetes.io/desired-replicas": "1",
      "deployment.kubernetes.io/max-replicas": "2",
      "deployment.kubernetes.io/revision": "1",
      "kubernetes.io/change-cause": "kubectl apply --record",
    });
  });

  it("keeps only revisionHistoryLimit old ReplicaSets", () => {
    const cluster = newCluster();
    cluster.create(deployment({ replicas: 1, revisionHistoryLimit: 1 }));
    converge(cluster);
    for (const tag of ["1.1", "1.2", "1.3"]) {
      edit(cluster, setImage(`nginx:${tag}`));
      converge(cluster);
    }
    const revisions = replicaSets(cluster).map(
      (rs) => rs.metadata.annotations!["deployment.kubernetes.io/revision"],
    );
    expect(revisions.sort()).toEqual(["3", "4"]);
  });
});

describe("proportional scaling during a rollout", () => {
  it("spreads a scale-up over the old and new ReplicaSets by size (the documented 10 → 15 example)", () => {
    const cluster = newCluster();
    cluster.create(
      deployment({
        replicas: 10,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      }),
    );
    converge(cluster);
    const old = replicaSets(cluster)[0]!.metadata.name;
    edit(cluster, setImage("nginx:sometag"));
    const fresh = replicaSets(cluster).find((rs) => rs.metadata.name !== old)!.metadata.name;
    const sizes = () =>
      Object.fromEntries(replicaSets(cluster).map((rs) => [rs.metadata.name, rs.spec.replicas]));
    expect(sizes()).toEqual({ [old]: 8, [fresh]: 5 });
    edit(cluster, (spec) => {
      spec.replicas = 15;
    });
    expect(sizes()).toEqual({ [old]: 11, [fresh]: 7 });
    expect(eventMessages(cluster, "ScalingReplicaSet").slice(-2)).toEqual([
      `Scaled up replica set ${old} from 8 to 11`,
      `Scaled up replica set ${fresh} from 5 to 7`,
    ]);
  });
});

describe("Recreate", () => {
  it("scales the old ReplicaSet to 0 and creates the new one only when its pods are gone", () => {
    const cluster = newCluster();
    cluster.create(deployment({ replicas: 2, strategy: { type: "Recreate" } }));
    converge(cluster);
    const old = replicaSets(cluster)[0]!.metadata.name;
    // Hold the old pods in Terminating.
    for (const p of cluster.api.list("Pod", { namespace: "default" })) {
      cluster.api.update({ ...structuredClone(p), metadata: { ...p.metadata, finalizers: ["test/hold"] } });
    }
    edit(cluster, setImage("nginx:1.28"));
    expect(eventMessages(cluster, "ScalingReplicaSet").slice(1)).toEqual([
      `Scaled down replica set ${old} from 2 to 0`,
    ]);
    expect(replicaSets(cluster)).toHaveLength(1);
    for (const p of cluster.api.list("Pod", { namespace: "default" })) {
      cluster.api.update({ ...structuredClone(p), metadata: { ...p.metadata, finalizers: [] } });
    }
    cluster.runControllers();
    const fresh = replicaSets(cluster).find((rs) => rs.metadata.name !== old)!.metadata.name;
    expect(eventMessages(cluster, "ScalingReplicaSet").slice(1)).toEqual([
      `Scaled down replica set ${old} from 2 to 0`,
      `Scaled up replica set ${fresh} from 0 to 2`,
    ]);
  });
});

describe("scaling, pausing and the progress deadline", () => {
  it("scales the only ReplicaSet and updates its desired-replicas annotation", () => {
    const cluster = newCluster();
    cluster.create(deployment());
    converge(cluster);
    const rs = replicaSets(cluster)[0]!.metadata.name;
    edit(cluster, (spec) => {
      spec.replicas = 5;
    });
    expect(eventMessages(cluster, "ScalingReplicaSet")).toEqual([
      `Scaled up replica set ${rs} from 0 to 3`,
      `Scaled up replica set ${rs} from 3 to 5`,
    ]);
    expect(cluster.api.get("ReplicaSet", "default", rs).metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/desired-replicas": "5",
      "deployment.kubernetes.io/max-replicas": "7",
    });
  });

  it("while paused records DeploymentPaused and rolls nothing out; resuming rolls out", () => {
    const cluster = newCluster();
    cluster.create(deployment({ replicas: 1 }));
    converge(cluster);
    edit(cluster, (spec) => {
      spec.paused = true;
    });
    expect(conditions(cluster).find(([type]) => type === "Progressing")).toEqual([
      "Progressing",
      "Unknown",
      "DeploymentPaused",
      "Deployment is paused",
    ]);
    edit(cluster, setImage("nginx:1.28"));
    expect(replicaSets(cluster)).toHaveLength(1);
    edit(cluster, (spec) => {
      spec.paused = false;
    });
    expect(replicaSets(cluster)).toHaveLength(2);
  });

  it("marks ProgressDeadlineExceeded when no progress is made for progressDeadlineSeconds", () => {
    const cluster = newCluster();
    cluster.create(deployment({ replicas: 1, progressDeadlineSeconds: 60 }));
    cluster.runControllers();
    const [pod] = podNames(cluster);
    setPodState(cluster, pod!, "Running");
    cluster.advance(59_000);
    expect(conditions(cluster)[1]?.[2]).toBe("ReplicaSetUpdated");
    cluster.advance(2_000);
    const rs = replicaSets(cluster)[0]!.metadata.name;
    expect(conditions(cluster).find(([type]) => type === "Progressing")).toEqual([
      "Progressing",
      "False",
      "ProgressDeadlineExceeded",
      `ReplicaSet "${rs}" has timed out progressing.`,
    ]);
  });
});
