import { describe, expect, it } from "vitest";
import { claim, getPv, getPvc, podUsing, storageCluster } from "./fixture.ts";

/**
 * The StatefulSet controller expresses claim retention as ownerReferences and leaves deleting to
 * the garbage collector (storage.md §7). Whatever owns a claim, a collected claim must go through
 * pvc-protection and then the volume's reclaim policy.
 */
describe("claims deleted by the garbage collector", () => {
  function ownedClaim(cluster: ReturnType<typeof storageCluster>) {
    const owner = cluster.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "owner", namespace: "default" },
      data: {},
    });
    const created = claim("www-web-0");
    created.metadata.ownerReferences = [
      { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid!, controller: true },
    ];
    cluster.create(created);
    cluster.create(podUsing("web-0", "www-web-0"));
    cluster.advance(20_000);
    return String((getPvc(cluster, "www-web-0")!.spec as { volumeName: string }).volumeName);
  }

  it("waits for the pod using the claim, then the Delete reclaim removes the volume", () => {
    const cluster = storageCluster();
    const pvName = ownedClaim(cluster);
    cluster.api.delete("ConfigMap", "default", "owner");
    cluster.advance(10_000);
    // Collected, but still in use: Terminating, volume still Bound.
    expect(getPvc(cluster, "www-web-0")!.metadata.deletionTimestamp).toBeDefined();
    expect(getPv(cluster, pvName)!.status).toMatchObject({ phase: "Bound" });

    cluster.api.delete("Pod", "default", "web-0");
    cluster.advance(60_000);
    expect(getPvc(cluster, "www-web-0")).toBeUndefined();
    expect(getPv(cluster, pvName)).toBeUndefined();
  });
});
