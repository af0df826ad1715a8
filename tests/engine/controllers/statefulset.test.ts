import type { StatefulSetSpec } from "kubernetes-types/apps/v1";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { podsToDeleteForUpdate } from "../../../sandbox/engine/cluster/controllers/statefulset/control.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import {
  editSpec,
  eventMessages,
  finishTerminating,
  firstContainer,
  newCluster,
  pod,
  podNames,
  readyAll,
  setPodState,
  statefulSet,
  www,
} from "./fixtures.ts";

const sts = (cluster: Cluster, name = "web") => cluster.api.get("StatefulSet", "default", name);
const status = (cluster: Cluster, name = "web") => sts(cluster, name).status as Record<string, unknown>;

/** Edits the StatefulSet "web". */
function edit(cluster: Cluster, change: (spec: StatefulSetSpec) => void) {
  editSpec<StatefulSetSpec>(cluster, "StatefulSet", "web", change);
}

/** Holds a pod in Terminating: a finalizer keeps the object after its deletion. */
function holdOnDelete(cluster: Cluster, name: string) {
  const copy = structuredClone(cluster.api.get("Pod", "default", name));
  copy.metadata.finalizers = ["test/hold"];
  cluster.api.update(copy);
}

function release(cluster: Cluster, name: string) {
  const copy = structuredClone(cluster.api.get("Pod", "default", name));
  copy.metadata.finalizers = [];
  cluster.api.update(copy);
  cluster.runControllers();
}

describe("StatefulSet OrderedReady scale-up", () => {
  it("creates web-0 first and web-1 only once web-0 is Running and Ready", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { volumeClaimTemplates: [www] }));
    cluster.runControllers();
    expect(podNames(cluster)).toEqual(["web-0"]);
    setPodState(cluster, "web-0", "Running");
    expect(podNames(cluster)).toEqual(["web-0"]);
    setPodState(cluster, "web-0", "Ready");
    expect(podNames(cluster)).toEqual(["web-0", "web-1"]);
    setPodState(cluster, "web-1", "Ready");
    setPodState(cluster, "web-2", "Ready");
    expect(podNames(cluster)).toEqual(["web-0", "web-1", "web-2"]);
  });

  it("records the claim and pod events with the controller's exact texts, claim before pod", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 2, volumeClaimTemplates: [www] }));
    readyAll(cluster);
    expect(eventMessages(cluster, "SuccessfulCreate")).toEqual([
      "create Claim www-web-0 Pod web-0 in StatefulSet web success",
      "create Pod web-0 in StatefulSet web successful",
      "create Claim www-web-1 Pod web-1 in StatefulSet web success",
      "create Pod web-1 in StatefulSet web successful",
    ]);
    const event = cluster.api.list("Event", { namespace: "default" })[0]!;
    expect(event.source).toEqual({ component: "statefulset-controller" });
    expect(event.involvedObject).toMatchObject({ kind: "StatefulSet", name: "web" });
  });

  it("creates the claim before the pod in the store's change stream", () => {
    const cluster = newCluster();
    const added: string[] = [];
    cluster.watch((e) => {
      if (e.type === "ADDED" && (e.object.kind === "Pod" || e.object.kind === "PersistentVolumeClaim")) {
        added.push(`${e.object.kind}/${e.object.metadata.name}`);
      }
    });
    cluster.create(statefulSet("web", { replicas: 1, volumeClaimTemplates: [www] }));
    cluster.runControllers();
    expect(added).toEqual(["PersistentVolumeClaim/www-web-0", "Pod/web-0"]);
  });

  it("numbers pods from spec.ordinals.start", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 2, ordinals: { start: 5 } }));
    readyAll(cluster);
    expect(podNames(cluster)).toEqual(["web-5", "web-6"]);
    expect(pod(cluster, "web-5")!.metadata.labels!["apps.kubernetes.io/pod-index"]).toBe("5");
  });
});

describe("a StatefulSet pod", () => {
  it("carries identity labels, hostname, subdomain, claim volumes and a controller reference", () => {
    const cluster = newCluster();
    cluster.create(
      statefulSet("web", {
        serviceName: "nginx",
        replicas: 1,
        volumeClaimTemplates: [www],
        template: {
          metadata: { labels: { app: "web" }, annotations: { note: "x" } },
          spec: {
            containers: [
              { name: "nginx", image: "nginx:1.27", volumeMounts: [{ name: "www", mountPath: "/data" }] },
            ],
            volumes: [
              { name: "www", emptyDir: {} },
              { name: "cache", emptyDir: {} },
            ],
          },
        },
      }),
    );
    cluster.runControllers();
    const set = sts(cluster);
    const web0 = pod(cluster, "web-0")!;
    const revision = (set.status as { updateRevision: string }).updateRevision;
    expect(revision).toMatch(/^web-[456789bcdf]{1,10}$/);
    expect(web0.metadata.generateName).toBe("web-");
    expect(web0.metadata.labels).toEqual({
      app: "web",
      "apps.kubernetes.io/pod-index": "0",
      "controller-revision-hash": revision,
      "statefulset.kubernetes.io/pod-name": "web-0",
    });
    expect(web0.metadata.annotations).toEqual({ note: "x" });
    expect(web0.metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        name: "web",
        uid: set.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    const spec = web0.spec as {
      hostname: string;
      subdomain: string;
      volumes: unknown[];
      containers: unknown[];
    };
    expect(spec.hostname).toBe("web-0");
    expect(spec.subdomain).toBe("nginx");
    // The claim replaces the template volume of the same name; other volumes follow, then the
    // service-account token volume that admission adds.
    expect(spec.volumes).toEqual([
      { name: "www", persistentVolumeClaim: { claimName: "www-web-0" } },
      { name: "cache", emptyDir: {} },
      {
        name: expect.stringMatching(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
        projected: expect.any(Object),
      },
    ]);
    expect(spec.containers).toMatchObject([
      {
        name: "nginx",
        image: "nginx:1.27",
        volumeMounts: [
          { name: "www", mountPath: "/data" },
          { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true },
        ],
      },
    ]);
  });

  it("has a claim named <template>-<set>-<ordinal> labelled with the selector", () => {
    const cluster = newCluster();
    const template = { ...www, metadata: { name: "www", labels: { tier: "db" } } };
    cluster.create(statefulSet("web", { replicas: 1, volumeClaimTemplates: [template] }));
    cluster.runControllers();
    const claim = cluster.api.get("PersistentVolumeClaim", "default", "www-web-0");
    expect(claim.metadata.labels).toEqual({ app: "web", tier: "db" });
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect((claim.spec as { resources: unknown }).resources).toEqual({ requests: { storage: "1Gi" } });
  });
});

describe("StatefulSet Parallel", () => {
  it("creates every missing pod in one pass without waiting for readiness", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { podManagementPolicy: "Parallel", replicas: 4 }));
    cluster.runControllers();
    expect(podNames(cluster)).toEqual(["web-0", "web-1", "web-2", "web-3"]);
  });

  it("deletes every condemned pod at once on scale-down, unhealthy or not", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { podManagementPolicy: "Parallel", replicas: 4 }));
    cluster.runControllers();
    setPodState(cluster, "web-0", "Ready");
    edit(cluster, (spec) => {
      spec.replicas = 1;
    });
    expect(podNames(cluster)).toEqual(["web-0"]);
    expect(eventMessages(cluster, "SuccessfulDelete")).toEqual([
      "delete Pod web-3 in StatefulSet web successful",
      "delete Pod web-2 in StatefulSet web successful",
      "delete Pod web-1 in StatefulSet web successful",
    ]);
  });

  it("still rolls an update one pod at a time", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { podManagementPolicy: "Parallel" }));
    readyAll(cluster);
    edit(cluster, (spec) => {
      firstContainer(spec).image = "nginx:1.28";
    });
    expect(eventMessages(cluster, "SuccessfulDelete")).toEqual([
      "delete Pod web-2 in StatefulSet web successful",
    ]);
  });
});

describe("StatefulSet scale-down", () => {
  it("removes the highest ordinal first, one at a time, waiting for termination", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { volumeClaimTemplates: [www] }));
    readyAll(cluster);
    holdOnDelete(cluster, "web-2");
    edit(cluster, (spec) => {
      spec.replicas = 1;
    });
    expect(pod(cluster, "web-2")!.metadata.deletionTimestamp).toBeDefined();
    expect(pod(cluster, "web-1")!.metadata.deletionTimestamp).toBeUndefined();
    release(cluster, "web-2");
    expect(podNames(cluster)).toEqual(["web-0"]);
    expect(eventMessages(cluster, "SuccessfulDelete")).toEqual([
      "delete Pod web-2 in StatefulSet web successful",
      "delete Pod web-1 in StatefulSet web successful",
    ]);
    // Retain/Retain: the claims stay, and scaling up again reuses them.
    const claims = cluster.api
      .list("PersistentVolumeClaim", { namespace: "default" })
      .map((c) => c.metadata.name);
    expect(claims).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
  });

  it("in OrderedReady does not scale down while an in-range pod is unhealthy", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web"));
    readyAll(cluster);
    setPodState(cluster, "web-0", "Running");
    edit(cluster, (spec) => {
      spec.replicas = 1;
    });
    expect(podNames(cluster)).toEqual(["web-0", "web-1", "web-2"]);
    setPodState(cluster, "web-0", "Ready");
    expect(podNames(cluster)).toEqual(["web-0"]);
  });

  it("deletes an unhealthy condemned pod only if it is the first unhealthy one", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web"));
    readyAll(cluster);
    setPodState(cluster, "web-1", "Running");
    setPodState(cluster, "web-2", "Running");
    edit(cluster, (spec) => {
      spec.replicas = 1;
    });
    // web-1 is the first unhealthy pod; web-2, unhealthy too, blocks the scale-down.
    expect(podNames(cluster)).toEqual(["web-0", "web-1", "web-2"]);
    setPodState(cluster, "web-2", "Ready");
    expect(podNames(cluster)).toEqual(["web-0"]);
    expect(eventMessages(cluster, "SuccessfulDelete")).toEqual([
      "delete Pod web-2 in StatefulSet web successful",
      "delete Pod web-1 in StatefulSet web successful",
    ]);
  });

  it("never creates a replacement while the old pod object still exists", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 2 }));
    readyAll(cluster);
    const before = pod(cluster, "web-1")!.metadata.uid;
    holdOnDelete(cluster, "web-1");
    cluster.api.delete("Pod", "default", "web-1");
    cluster.runControllers();
    expect(pod(cluster, "web-1")!.metadata.uid).toBe(before);
    release(cluster, "web-1");
    expect(pod(cluster, "web-1")!.metadata.uid).not.toBe(before);
  });

  it("recreates a pod that failed", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 1 }));
    readyAll(cluster);
    const before = pod(cluster, "web-0")!.metadata.uid;
    setPodState(cluster, "web-0", "Failed");
    finishTerminating(cluster);
    expect(pod(cluster, "web-0")!.metadata.uid).not.toBe(before);
  });
});

describe("a StatefulSet being deleted", () => {
  it("gets only its status updated: deleted pods are not recreated", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 2 }));
    readyAll(cluster);
    cluster.api.delete("StatefulSet", "default", "web", { propagationPolicy: "Foreground" });
    cluster.runControllers();
    expect(sts(cluster).metadata.deletionTimestamp).toBeDefined();
    cluster.api.delete("Pod", "default", "web-1");
    cluster.runControllers();
    expect(podNames(cluster)).toEqual(["web-0"]);
    expect(status(cluster)).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });
});

describe("StatefulSet status", () => {
  it("counts replicas, ready, available, current and updated pods and observes the generation", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web"));
    cluster.runControllers();
    setPodState(cluster, "web-0", "Ready");
    setPodState(cluster, "web-1", "Running");
    const s = status(cluster);
    expect(s).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      currentReplicas: 2,
      updatedReplicas: 2,
      collisionCount: 0,
    });
    expect(s.currentRevision).toBe(s.updateRevision);
  });
});

describe("StatefulSet minReadySeconds", () => {
  it("waits until the previous pod has been ready for minReadySeconds", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 2, minReadySeconds: 10 }));
    cluster.runControllers();
    setPodState(cluster, "web-0", "Ready");
    expect(podNames(cluster)).toEqual(["web-0"]);
    expect(status(cluster).availableReplicas).toBe(0);
    cluster.advance(9_000);
    expect(podNames(cluster)).toEqual(["web-0"]);
    cluster.advance(2_000);
    expect(podNames(cluster)).toEqual(["web-0", "web-1"]);
    expect(status(cluster).availableReplicas).toBe(1);
  });
});

describe("StatefulSet rolling update", () => {
  const newImage = (spec: StatefulSetSpec) => {
    firstContainer(spec).image = "nginx:1.28";
  };

  it("replaces pods from the highest ordinal down, one at a time, each after the last is Ready", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web"));
    readyAll(cluster);
    const first = status(cluster).currentRevision;
    edit(cluster, newImage);
    const second = status(cluster).updateRevision;
    expect(second).not.toBe(first);
    expect(podNames(cluster)).toEqual(["web-0", "web-1", "web-2"]);
    const deleted = () => eventMessages(cluster, "SuccessfulDelete");
    expect(deleted()).toEqual(["delete Pod web-2 in StatefulSet web successful"]);
    expect(pod(cluster, "web-2")!.metadata.labels!["controller-revision-hash"]).toBe(second);
    expect(deleted()).toHaveLength(1);
    setPodState(cluster, "web-2", "Ready");
    expect(deleted()).toHaveLength(2);
    expect(deleted()[1]).toBe("delete Pod web-1 in StatefulSet web successful");
    readyAll(cluster);
    expect(deleted()[2]).toBe("delete Pod web-0 in StatefulSet web successful");
    expect(status(cluster)).toMatchObject({
      currentRevision: second,
      updateRevision: second,
      currentReplicas: 3,
      updatedReplicas: 3,
    });
    const revisions = cluster.api.list("ControllerRevision", { namespace: "default" });
    expect(revisions.map((r) => [r.metadata.name, r.revision])).toEqual(
      [
        [first, 1],
        [second, 2],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  });

  it("leaves pods below the partition at the current revision", () => {
    const cluster = newCluster();
    cluster.create(
      statefulSet("web", { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } } }),
    );
    readyAll(cluster);
    const first = status(cluster).currentRevision;
    edit(cluster, newImage);
    readyAll(cluster);
    const hashes = podNames(cluster).map(
      (n) => pod(cluster, n)!.metadata.labels!["controller-revision-hash"],
    );
    const second = status(cluster).updateRevision;
    expect(hashes).toEqual([first, first, second]);
    expect(status(cluster)).toMatchObject({ currentRevision: first, updatedReplicas: 1, currentReplicas: 2 });
    // A pod below the partition that is deleted comes back at the current revision.
    cluster.api.delete("Pod", "default", "web-0");
    readyAll(cluster);
    expect(pod(cluster, "web-0")!.metadata.labels!["controller-revision-hash"]).toBe(first);
  });

  it("renumbers an equal revision instead of creating one when the template is reverted", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 1 }));
    readyAll(cluster);
    const first = status(cluster).updateRevision as string;
    edit(cluster, newImage);
    readyAll(cluster);
    edit(cluster, (spec) => {
      firstContainer(spec).image = "nginx:1.27";
    });
    readyAll(cluster);
    expect(status(cluster).updateRevision).toBe(first);
    const revisions = cluster.api.list("ControllerRevision", { namespace: "default" });
    expect(revisions).toHaveLength(2);
    expect(cluster.api.get("ControllerRevision", "default", first).revision).toBe(3);
  });

  it("with OnDelete replaces nothing until a pod is deleted, which comes back updated", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 2, updateStrategy: { type: "OnDelete" } }));
    readyAll(cluster);
    const first = status(cluster).currentRevision;
    edit(cluster, newImage);
    readyAll(cluster);
    expect(eventMessages(cluster, "SuccessfulDelete")).toEqual([]);
    cluster.api.delete("Pod", "default", "web-0");
    readyAll(cluster);
    const second = status(cluster).updateRevision;
    expect(second).not.toBe(first);
    expect(pod(cluster, "web-0")!.metadata.labels!["controller-revision-hash"]).toBe(second);
    expect(pod(cluster, "web-1")!.metadata.labels!["controller-revision-hash"]).toBe(first);
  });

  it("keeps revisionHistoryLimit old revisions beyond the live ones", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 1, revisionHistoryLimit: 1 }));
    readyAll(cluster);
    for (const tag of ["1.1", "1.2", "1.3"]) {
      edit(cluster, (spec) => {
        firstContainer(spec).image = `nginx:${tag}`;
      });
      readyAll(cluster);
    }
    const numbers = cluster.api.list("ControllerRevision", { namespace: "default" }).map((r) => r.revision);
    expect(numbers.sort()).toEqual([3, 4]);
  });
});

describe("persistentVolumeClaimRetentionPolicy (storage.md §7)", () => {
  const claim = (cluster: Cluster, name: string) => cluster.api.get("PersistentVolumeClaim", "default", name);

  it("whenDeleted: Delete puts the set as controller owner on every claim", () => {
    const cluster = newCluster();
    cluster.create(
      statefulSet("web", {
        replicas: 2,
        volumeClaimTemplates: [www],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
      }),
    );
    readyAll(cluster);
    const set = sts(cluster);
    for (const name of ["www-web-0", "www-web-1"]) {
      expect(claim(cluster, name).metadata.ownerReferences).toEqual([
        {
          apiVersion: "apps/v1",
          kind: "StatefulSet",
          name: "web",
          uid: set.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
  });

  it("whenScaled: Delete gives a condemned pod's claim the pod as owner before the pod goes", () => {
    const cluster = newCluster();
    cluster.create(
      statefulSet("web", {
        replicas: 2,
        volumeClaimTemplates: [www],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Delete" },
      }),
    );
    readyAll(cluster);
    expect(claim(cluster, "www-web-1").metadata.ownerReferences).toBeUndefined();
    const web1 = pod(cluster, "web-1")!;
    holdOnDelete(cluster, "web-1");
    edit(cluster, (spec) => {
      spec.replicas = 1;
    });
    expect(claim(cluster, "www-web-1").metadata.ownerReferences).toEqual([
      { apiVersion: "v1", kind: "Pod", name: "web-1", uid: web1.metadata.uid },
    ]);
    expect(claim(cluster, "www-web-0").metadata.ownerReferences).toBeUndefined();
  });

  it("moves owner refs when the policy of an existing set changes, updating each pod", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 2, volumeClaimTemplates: [www] }));
    readyAll(cluster);
    expect(claim(cluster, "www-web-0").metadata.ownerReferences).toBeUndefined();
    edit(cluster, (spec) => {
      spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: "Delete", whenScaled: "Retain" };
    });
    for (const name of ["www-web-0", "www-web-1"]) {
      expect(
        claim(cluster, name).metadata.ownerReferences?.map((r) => [r.kind, r.name, r.controller]),
      ).toEqual([["StatefulSet", "web", true]]);
    }
    expect(eventMessages(cluster, "SuccessfulUpdate")).toEqual([
      "update Pod web-0 in StatefulSet web successful",
      "update Pod web-1 in StatefulSet web successful",
    ]);
    edit(cluster, (spec) => {
      spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: "Retain", whenScaled: "Retain" };
    });
    expect(claim(cluster, "www-web-0").metadata.ownerReferences).toBeUndefined();
  });

  it("a claim being deleted blocks the pod with a FailedCreate event", () => {
    const cluster = newCluster();
    cluster.create(statefulSet("web", { replicas: 1, volumeClaimTemplates: [www] }));
    readyAll(cluster);
    const held = structuredClone(claim(cluster, "www-web-0"));
    held.metadata.finalizers = ["test/hold"];
    cluster.api.update(held);
    cluster.api.delete("PersistentVolumeClaim", "default", "www-web-0");
    cluster.api.delete("Pod", "default", "web-0");
    cluster.runControllers();
    expect(pod(cluster, "web-0")).toBeUndefined();
    expect(eventMessages(cluster, "FailedCreate")).toEqual([
      "create Pod web-0 in StatefulSet web failed error: pvc www-web-0 is being deleted",
    ]);
  });
});

describe("adoption", () => {
  it("adopts an orphan pod whose name and labels fit the set", () => {
    const cluster = newCluster();
    cluster.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-0", namespace: "default", labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
    });
    cluster.create(statefulSet("web", { replicas: 1 }));
    cluster.runControllers();
    const web0 = pod(cluster, "web-0")!;
    expect(web0.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "StatefulSet",
      name: "web",
      controller: true,
    });
    // OrderedReady fixes the identity labels only once the pod is Running and Ready.
    expect(web0.metadata.labels!["statefulset.kubernetes.io/pod-name"]).toBeUndefined();
    setPodState(cluster, "web-0", "Ready");
    expect(pod(cluster, "web-0")!.metadata.labels).toMatchObject({
      "statefulset.kubernetes.io/pod-name": "web-0",
      "apps.kubernetes.io/pod-index": "0",
    });
    expect(eventMessages(cluster, "SuccessfulUpdate")).toEqual([
      "update Pod web-0 in StatefulSet web successful",
    ]);
  });
});

describe("ControllerRevision", () => {
  it("snapshots the template as a replace patch, labelled, annotated and owned like the real one", () => {
    const cluster = newCluster();
    const set = statefulSet("web", { replicas: 1 });
    set.metadata.annotations = { team: "db" };
    cluster.create(set);
    cluster.runControllers();
    const [revision] = cluster.api.list("ControllerRevision", { namespace: "default" });
    const hash = revision!.metadata.name.slice("web-".length);
    expect(revision!.metadata.labels).toEqual({ app: "web", "controller.kubernetes.io/hash": hash });
    expect(revision!.metadata.annotations).toEqual({ team: "db" });
    expect(revision!.metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        name: "web",
        uid: sts(cluster).metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(revision!.revision).toBe(1);
    const template = (sts(cluster).spec as { template: object }).template;
    expect(revision!.data).toEqual({ spec: { template: { ...template, $patch: "replace" } } });
  });
});

describe("rolling update target choice", () => {
  const pods = (hashes: string[], unavailable: number[] = []) =>
    hashes.map(
      (hash, i) =>
        ({
          apiVersion: "v1",
          kind: "Pod",
          metadata: {
            name: `web-${i}`,
            labels: { "controller-revision-hash": hash },
            ...(unavailable.includes(i) ? { annotations: { down: "1" } } : {}),
          },
        }) as KubeObject,
    );
  const down = (p: KubeObject) => p.metadata.annotations?.down === "1";
  const names = (list: KubeObject[]) => list.map((p) => p.metadata.name);

  it("deletes only the highest outdated pod, and waits while a pod above it is unavailable (1.34)", () => {
    expect(names(podsToDeleteForUpdate(pods(["old", "old", "old"]), "new", 0, undefined, down))).toEqual([
      "web-2",
    ]);
    expect(names(podsToDeleteForUpdate(pods(["old", "old", "new"], [2]), "new", 0, undefined, down))).toEqual(
      [],
    );
    expect(names(podsToDeleteForUpdate(pods(["old", "old", "new"]), "new", 0, undefined, down))).toEqual([
      "web-1",
    ]);
    expect(names(podsToDeleteForUpdate(pods(["old", "old", "new"]), "new", 2, undefined, down))).toEqual([]);
  });

  it("with maxUnavailable (gate on from 1.35) deletes up to maxUnavailable minus the unavailable", () => {
    expect(names(podsToDeleteForUpdate(pods(["old", "old", "old", "old"]), "new", 0, 2, down))).toEqual([
      "web-3",
      "web-2",
    ]);
    expect(names(podsToDeleteForUpdate(pods(["old", "old", "old", "old"], [3]), "new", 0, 2, down))).toEqual([
      "web-3",
    ]);
    expect(names(podsToDeleteForUpdate(pods(["old", "old", "old", "old"]), "new", 3, 2, down))).toEqual([
      "web-3",
    ]);
  });
});
