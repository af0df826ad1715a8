import { describe, expect, it } from "vitest";
import { APPLY_AND_WAIT, check, runIn, sandboxAfter, webYaml } from "./harness.ts";

describe("pods-created-in-parallel", () => {
  it("passes for podManagementPolicy Parallel", async () => {
    const sandbox = await sandboxAfter([webYaml({ replicas: 3, policy: "Parallel" }), ...APPLY_AND_WAIT]);
    expect(check(sandbox, "pods-created-in-parallel", { statefulset: "web", replicas: 3 }).done).toBe(true);
  });

  it("fails for the default OrderedReady, where each pod waited for the one before", async () => {
    const sandbox = await sandboxAfter([webYaml({ replicas: 3 }), ...APPLY_AND_WAIT]);
    const result = check(sandbox, "pods-created-in-parallel", { statefulset: "web", replicas: 3 });
    expect(result.done).toBe(false);
    expect(result.detail).toMatch(/^web-1 was created at .*, after web-0 was Ready/);
  });

  it("fails for a Deployment of that name", async () => {
    const sandbox = await sandboxAfter(["kubectl create deployment web --image=nginx:1.27 --replicas=3"]);
    expect(check(sandbox, "pods-created-in-parallel", { statefulset: "web" }).detail).toBe(
      "web is a Deployment, not a StatefulSet",
    );
  });
});

describe("pod-image", () => {
  it("passes only for the image the pod runs, once it is Ready", async () => {
    const sandbox = await sandboxAfter([webYaml(), "kubectl apply -f web.yaml"]);
    expect(
      check(sandbox, "pod-image", { name: "web-0", image: "registry.k8s.io/nginx-slim:0.27" }).done,
    ).toBe(false);
    await runIn(sandbox, ["kubectl rollout status statefulset/web"]);
    expect(
      check(sandbox, "pod-image", { name: "web-0", image: "registry.k8s.io/nginx-slim:0.27" }).done,
    ).toBe(true);
    expect(check(sandbox, "pod-image", { name: "web-0", image: "nginx:1.28" }).detail).toBe(
      "Pod web-0 runs registry.k8s.io/nginx-slim:0.27, not nginx:1.28",
    );
  });

  it("follows an OnDelete update pod by pod", async () => {
    const sandbox = await sandboxAfter([
      webYaml(),
      ...APPLY_AND_WAIT,
      `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`,
      "kubectl set image statefulset/web nginx=nginx:1.28",
      "sleep 30",
    ]);
    expect(check(sandbox, "pod-image", { name: "web-1", image: "nginx:1.28" }).done).toBe(false);
    await runIn(sandbox, ["kubectl delete pod web-1", "kubectl wait --for=condition=Ready pod/web-1"]);
    expect(check(sandbox, "pod-image", { name: "web-1", image: "nginx:1.28" }).done).toBe(true);
    expect(check(sandbox, "pod-image", { name: "web-0", image: "nginx:1.28" }).done).toBe(false);
  });
});

describe("node-ready", () => {
  it("sees a stopped node go NotReady and come back", async () => {
    const sandbox = await sandboxAfter([], { scenario: "multi-node" });
    expect(check(sandbox, "node-ready", { name: "kind-worker" }).done).toBe(true);
    expect(check(sandbox, "node-ready", { name: "kind-worker", ready: false }).detail).toBe(
      "Node kind-worker is Ready",
    );
    await runIn(sandbox, ["docker stop kind-worker", "sleep 60"]);
    expect(check(sandbox, "node-ready", { name: "kind-worker", ready: false }).done).toBe(true);
    expect(check(sandbox, "node-ready", { name: "kind-worker2", ready: false }).done).toBe(false);
    await runIn(sandbox, ["docker start kind-worker", "sleep 30"]);
    expect(check(sandbox, "node-ready", { name: "kind-worker" }).done).toBe(true);
  });

  it("fails for a node that does not exist", async () => {
    expect(check(await sandboxAfter([]), "node-ready", { name: "kind-worker" }).detail).toBe(
      "There is no node kind-worker",
    );
  });
});

describe("pv-phase", () => {
  const pv = `cat > pv.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: manual-pv
spec:
  storageClassName: manual
  capacity:
    storage: 2Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /mnt/data
EOF`;
  const claim = `cat > claim.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: manual-claim
spec:
  storageClassName: manual
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
EOF`;

  it("follows a retained volume from Available to Bound to Released", async () => {
    const sandbox = await sandboxAfter([pv, claim, "kubectl apply -f pv.yaml"]);
    expect(check(sandbox, "pv-phase", { name: "manual-pv", phase: "Available" }).done).toBe(true);
    await runIn(sandbox, ["kubectl apply -f claim.yaml"]);
    expect(check(sandbox, "pv-phase", { name: "manual-pv", phase: "Bound" }).done).toBe(true);
    expect(check(sandbox, "pv-phase", { name: "manual-pv", phase: "Released" }).detail).toBe(
      "Volume manual-pv is Bound, not Released",
    );
    await runIn(sandbox, ["kubectl delete pvc manual-claim"]);
    expect(check(sandbox, "pv-phase", { name: "manual-pv", phase: "Released" }).done).toBe(true);
  });

  it("fails when there is no such volume", async () => {
    expect(check(await sandboxAfter([]), "pv-phase", { name: "manual-pv", phase: "Bound" }).detail).toBe(
      "There is no PersistentVolume manual-pv",
    );
  });
});
