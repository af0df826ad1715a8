import { describe, expect, it } from "vitest";
import { volumeData } from "../../../sandbox/engine/cluster/storage/volume-data.ts";
import { claim, eventsFor, getPv, getPvc, podUsing, selectNode, storageCluster } from "./fixture.ts";

const EXTERNAL =
  "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.";

describe("dynamic provisioning with local-path (WaitForFirstConsumer)", () => {
  it("stays Pending with WaitForFirstConsumer until the scheduler picks a node", () => {
    const cluster = storageCluster();
    cluster.create(claim("www-web-0"));
    cluster.advance(60_000);
    const pvc = getPvc(cluster, "www-web-0")!;
    expect(pvc.status).toEqual({ phase: "Pending" });
    expect(pvc.metadata.annotations).toBeUndefined();
    expect(cluster.api.list("PersistentVolume")).toEqual([]);
    expect(eventsFor(cluster, pvc)).toEqual([
      "Normal WaitForFirstConsumer waiting for first consumer to be created before binding",
    ]);
  });

  it("says WaitForPodScheduled when a pod using the claim exists but has no node yet", () => {
    const cluster = storageCluster();
    cluster.create(podUsing("web-0", "www-web-0"));
    cluster.create(claim("www-web-0"));
    cluster.runControllers();
    expect(eventsFor(cluster, getPvc(cluster, "www-web-0")!)).toEqual([
      "Normal WaitForPodScheduled waiting for pod web-0 to be scheduled",
    ]);
  });

  it("provisions pvc-<uid> on the selected node after the helper pod's delay, then binds it", () => {
    const cluster = storageCluster();
    cluster.create(claim("www-web-0", { size: "2Gi" }));
    cluster.advance(10_000);
    selectNode(cluster, "www-web-0");
    const uid = getPvc(cluster, "www-web-0")!.metadata.uid!;
    const pvName = `pvc-${uid}`;
    expect(getPvc(cluster, "www-web-0")!.metadata.annotations).toEqual({
      "volume.beta.kubernetes.io/storage-provisioner": "rancher.io/local-path",
      "volume.kubernetes.io/selected-node": "kind-control-plane",
      "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path",
    });
    cluster.advance(2999);
    expect(getPv(cluster, pvName)).toBeUndefined();
    cluster.advance(1);

    const pv = getPv(cluster, pvName)!;
    const path = `/var/local-path-provisioner/${pvName}_default_www-web-0`;
    expect(pv.metadata.annotations).toEqual({
      "local.path.provisioner/selected-node": "kind-control-plane",
      "pv.kubernetes.io/provisioned-by": "rancher.io/local-path",
    });
    expect(pv.metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(pv.spec).toEqual({
      accessModes: ["ReadWriteOnce"],
      capacity: { storage: "2Gi" },
      claimRef: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        name: "www-web-0",
        namespace: "default",
        resourceVersion: expect.any(String),
        uid,
      },
      hostPath: { path, type: "DirectoryOrCreate" },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "kubernetes.io/hostname", operator: "In", values: ["kind-control-plane"] },
              ],
            },
          ],
        },
      },
      persistentVolumeReclaimPolicy: "Delete",
      storageClassName: "standard",
      volumeMode: "Filesystem",
    });
    expect(pv.status).toEqual({ phase: "Bound", lastPhaseTransitionTime: "2026-01-01T00:00:13Z" });

    const pvc = getPvc(cluster, "www-web-0")!;
    expect(pvc.spec).toMatchObject({ volumeName: pvName, storageClassName: "standard" });
    expect(pvc.status).toEqual({
      phase: "Bound",
      accessModes: ["ReadWriteOnce"],
      capacity: { storage: "2Gi" },
    });
    expect(Object.keys(pvc.metadata.annotations!).sort()).toEqual([
      "pv.kubernetes.io/bind-completed",
      "pv.kubernetes.io/bound-by-controller",
      "volume.beta.kubernetes.io/storage-provisioner",
      "volume.kubernetes.io/selected-node",
      "volume.kubernetes.io/storage-provisioner",
    ]);
    expect(eventsFor(cluster, pvc)).toEqual([
      "Normal WaitForFirstConsumer waiting for first consumer to be created before binding",
      EXTERNAL,
      'Normal Provisioning External provisioner is provisioning volume for claim "default/www-web-0"',
      `Normal ProvisioningSucceeded Successfully provisioned volume ${pvName}`,
    ]);
    const provisioner = cluster.api.list("Event").find((e) => e.reason === "ProvisioningSucceeded")!
      .source as { component: string };
    expect(provisioner.component).toMatch(
      /^rancher\.io\/local-path_local-path-provisioner-[0-9a-z]+-[0-9a-z]{5}_[0-9a-f-]{36}$/,
    );
    // The helper pod made the directory on the node.
    expect(
      volumeData(cluster).forHostPath("kind-control-plane", "/var/local-path-provisioner").list("/"),
    ).toEqual([`${pvName}_default_www-web-0`]);
  });

  it("refuses ReadWriteMany with local-path's own message and stays Pending", () => {
    const cluster = storageCluster();
    cluster.create(claim("shared", { modes: ["ReadWriteMany"] }));
    cluster.runControllers();
    selectNode(cluster, "shared");
    cluster.advance(30_000);
    const pvc = getPvc(cluster, "shared")!;
    expect(pvc.status).toEqual({ phase: "Pending" });
    expect(eventsFor(cluster, pvc).slice(2)).toEqual([
      'Normal Provisioning External provisioner is provisioning volume for claim "default/shared"',
      'Warning ProvisioningFailed failed to provision volume with StorageClass "standard": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes',
    ]);
    expect(cluster.api.list("PersistentVolume")).toEqual([]);
  });
});

describe("claims that cannot be provisioned", () => {
  it('reports a missing class as storageclass.storage.k8s.io "fast" not found and stays Pending', () => {
    const cluster = storageCluster();
    cluster.create(claim("data", { className: "fast" }));
    cluster.advance(20_000);
    const pvc = getPvc(cluster, "data")!;
    expect(pvc.status).toEqual({ phase: "Pending" });
    expect(eventsFor(cluster, pvc)).toEqual([
      'Warning ProvisioningFailed storageclass.storage.k8s.io "fast" not found',
    ]);
  });

  it("waits on an external provisioner that is not running, with an Immediate class", () => {
    const cluster = storageCluster();
    cluster.create({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "ebs" },
      provisioner: "ebs.csi.aws.com",
    });
    cluster.create(claim("data", { className: "ebs" }));
    cluster.advance(60_000);
    const pvc = getPvc(cluster, "data")!;
    expect(pvc.status).toEqual({ phase: "Pending" });
    expect(pvc.metadata.annotations).toEqual({
      "volume.beta.kubernetes.io/storage-provisioner": "ebs.csi.aws.com",
      "volume.kubernetes.io/storage-provisioner": "ebs.csi.aws.com",
    });
    expect(eventsFor(cluster, pvc)).toEqual([
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ]);
  });

  it("fails kubernetes.io/no-provisioner claims with no matching PV the controller's way", () => {
    const cluster = storageCluster();
    cluster.create({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "manual" },
      provisioner: "kubernetes.io/no-provisioner",
    });
    cluster.create(claim("data", { className: "manual" }));
    cluster.runControllers();
    expect(eventsFor(cluster, getPvc(cluster, "data")!)).toEqual([
      "Warning ProvisioningFailed no volume plugin matched name: kubernetes.io/no-provisioner",
    ]);
  });

  it("fails an Immediate local-path class: local-path needs a node", () => {
    const cluster = storageCluster();
    cluster.create({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "eager" },
      provisioner: "rancher.io/local-path",
      volumeBindingMode: "Immediate",
    });
    cluster.create(claim("data", { className: "eager" }));
    cluster.advance(10_000);
    expect(eventsFor(cluster, getPvc(cluster, "data")!).at(-1)).toBe(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "eager": configuration error, no node was specified',
    );
  });
});

describe("WaitForFirstConsumer with a hand-made volume of the class", () => {
  it("binds the existing volume on the chosen node instead of provisioning a new one", () => {
    const cluster = storageCluster();
    cluster.create({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "local-1" },
      spec: {
        capacity: { storage: "5Gi" },
        accessModes: ["ReadWriteOnce"],
        storageClassName: "standard",
        hostPath: { path: "/mnt/local-1" },
      },
    });
    cluster.create(claim("data"));
    cluster.runControllers();
    // Waiting: the controller leaves the choice to the scheduler.
    expect(getPvc(cluster, "data")!.status).toEqual({ phase: "Pending" });
    selectNode(cluster, "data");
    cluster.advance(5000);
    expect((getPvc(cluster, "data")!.spec as { volumeName?: string }).volumeName).toBe("local-1");
    expect(cluster.api.list("PersistentVolume").map((pv) => pv.metadata.name)).toEqual(["local-1"]);
  });
});
