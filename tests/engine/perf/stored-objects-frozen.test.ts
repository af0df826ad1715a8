/**
 * The API server lets the store keep objects it did not copy (an event recorder's Event, the
 * kubelet's pod status) and shares unchanged parts between an object's versions. That is only
 * sound if nothing changes a stored object in place. Here every object is deep-frozen as it is
 * stored (engine modules are strict, so a write to a frozen object throws) while a StatefulSet
 * with claims comes up, is scaled, loses a pod, is rolled and deleted, and a Deployment is
 * rolled out and scaled: any in-place change of a stored object fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { RetryBackoff } from "../../../sandbox/engine/cluster/controllers/backoff.ts";
import { ObjectStore } from "../../../sandbox/engine/cluster/store.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

const originalPut = ObjectStore.prototype.put;
const originalRun = RetryBackoff.prototype.run;
/** TypeErrors the controllers' retry loops would otherwise swallow and retry. */
const swallowed: string[] = [];

beforeAll(() => {
  ObjectStore.prototype.put = function (this: ObjectStore, object: KubeObject) {
    deepFreeze(object);
    originalPut.call(this, object);
  };
  RetryBackoff.prototype.run = function (this: RetryBackoff, cluster: Cluster, key: string, reconcile) {
    originalRun.call(this, cluster, key, () => {
      try {
        reconcile();
      } catch (error) {
        if (error instanceof TypeError) swallowed.push(`${key}: ${error.message}`);
        throw error;
      }
    });
  };
});

afterAll(() => {
  ObjectStore.prototype.put = originalPut;
  RetryBackoff.prototype.run = originalRun;
});

const MANIFEST = `cat > web.yaml <<'EOF'
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
  replicas: 3
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
        resources:
          requests:
            cpu: 100m
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
EOF`;

describe("stored objects", () => {
  it("are never changed in place by the API server, the controllers or the kubelet", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const lines = [
      MANIFEST,
      "kubectl apply -f web.yaml",
      "kubectl rollout status sts/web --timeout=5m",
      "kubectl scale sts web --replicas=5",
      "sleep 60",
      "kubectl delete pod web-1",
      "sleep 60",
      "kubectl set image sts/web nginx=nginx:1.27",
      "kubectl rollout status sts/web --timeout=5m",
      "kubectl create deployment shop --image=nginx:1.27 --replicas=2",
      "sleep 30",
      "kubectl scale deployment shop --replicas=4",
      "kubectl set image deployment/shop nginx=nginx:1.28",
      "kubectl rollout status deployment/shop --timeout=5m",
      "kubectl label pod web-0 tier=db",
      "kubectl annotate sts web note=x",
      "kubectl delete sts web",
      "sleep 60",
      "kubectl delete pvc --all",
      "sleep 30",
    ];
    const failures: string[] = [];
    for (const line of lines) {
      const { stderr, status } = await sh(sandbox, line);
      // A TypeError from a frozen object surfaces as an internal error on stderr.
      if (status !== 0 || /Cannot assign|read only|not extensible|Cannot delete|Cannot add/i.test(stderr)) {
        failures.push(`${line.split("\n")[0]} → ${status}: ${stderr}`);
      }
    }
    expect(failures).toEqual([]);
    expect(swallowed).toEqual([]);
    const events = await sh(sandbox, "kubectl get events");
    expect(events.stdout).toContain("SuccessfulCreate");
    expect(events.stdout).toContain("Started");
  }, 120_000);
});
