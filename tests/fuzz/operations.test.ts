/**
 * Random operation sequences, as a learner running through the lessons in any order would type
 * them: StatefulSets and Deployments created, scaled, updated and deleted, pods and claims
 * deleted, nodes cordoned, drained and stopped, time passing. After each sequence nothing has
 * thrown, no JavaScript error reached the screen, and the cluster's invariants hold: owners exist,
 * bound claims and volumes point at each other, and the saved snapshot restores to the same objects.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../sandbox/engine/index.ts";
import { freshSandbox, jsLeak, runLine, runs } from "./harness.ts";

const statefulSet = (replicas: number, image: string, policy: string) =>
  `kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${replicas}
  podManagementPolicy: ${policy}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
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

const op = fc.oneof(
  fc
    .tuple(
      fc.nat(4),
      fc.constantFrom("nginx:1.27", "nginx:1.28", "nginx:nope"),
      fc.constantFrom("OrderedReady", "Parallel"),
    )
    .map(([n, image, policy]) => statefulSet(n, image, policy)),
  fc.constant("kubectl create service clusterip nginx --clusterip=None --tcp=80:80"),
  fc.constant("kubectl create deployment api --image=busybox:1.36 --replicas=2 -- sleep 3600"),
  fc.nat(5).map((n) => `kubectl scale sts web --replicas=${n}`),
  fc.nat(3).map((n) => `kubectl scale deploy api --replicas=${n}`),
  fc.nat(3).map((i) => `kubectl delete pod web-${i} --wait=false`),
  fc.nat(3).map((i) => `kubectl delete pvc www-web-${i} --wait=false`),
  fc
    .constantFrom("orphan", "background", "foreground")
    .map((c) => `kubectl delete sts web --cascade=${c} --wait=false`),
  fc.constant("kubectl delete deploy api"),
  fc.constant("kubectl rollout restart sts web"),
  fc.constant("kubectl rollout undo sts web"),
  fc.constantFrom("kind-worker", "kind-worker2").map((n) => `kubectl cordon ${n}`),
  fc.constantFrom("kind-worker", "kind-worker2").map((n) => `kubectl uncordon ${n}`),
  fc
    .constantFrom("kind-worker", "kind-worker2")
    .map((n) => `kubectl drain ${n} --ignore-daemonsets --delete-emptydir-data --timeout=30s`),
  fc.constantFrom("kind-worker", "kind-worker2").map((n) => `docker stop ${n}`),
  fc.constantFrom("kind-worker", "kind-worker2").map((n) => `docker start ${n}`),
  fc.constant("kubectl delete pv --all --wait=false"),
  fc.constant('kubectl patch pv --all -p \'{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}\''),
  fc.integer({ min: 1, max: 400 }).map((s) => `sleep ${s}`),
);

interface Item {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    ownerReferences?: { uid: string }[];
    deletionTimestamp?: string;
  };
  spec?: { volumeName?: string; claimRef?: { name: string; namespace: string; uid?: string } };
  status?: { phase?: string };
}

async function items(sandbox: ReturnType<typeof freshSandbox>, types: string): Promise<Item[]> {
  const r = await runLine(sandbox, `kubectl get ${types} -A -o json`, 5000);
  expect(r.stderr).toBe("");
  return (JSON.parse(r.stdout) as { items: Item[] }).items;
}

describe("operation sequences (fuzz)", () => {
  it("keep the cluster's invariants whatever the order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const sandbox = freshSandbox();
        for (const line of ops) {
          const r = await runLine(sandbox, line, 5000);
          expect(jsLeak(r.stdout + r.stderr, line)).toBeUndefined();
          expect(r.status).toBeGreaterThanOrEqual(0);
        }
        await runLine(sandbox, "sleep 120", 5000);
        sandbox.picture();

        // Owners exist (the garbage collector has had two minutes to remove orphans' dependents).
        const all = await items(sandbox, "pods,rs,sts,deploy,ds,controllerrevisions,pvc,pv,nodes");
        const uids = new Set(all.map((o) => o.metadata.uid));
        for (const o of all) {
          for (const ref of o.metadata.ownerReferences ?? []) {
            expect(
              uids.has(ref.uid) || o.metadata.deletionTimestamp !== undefined,
              `${o.kind} ${o.metadata.name}`,
            ).toBe(true);
          }
        }
        // A Bound claim names a volume whose claimRef names it back.
        const volumes = new Map(
          all.filter((o) => o.kind === "PersistentVolume").map((v) => [v.metadata.name, v]),
        );
        for (const claim of all.filter(
          (o) => o.kind === "PersistentVolumeClaim" && o.status?.phase === "Bound",
        )) {
          const volume = volumes.get(claim.spec?.volumeName ?? "");
          expect(volume, `volume of ${claim.metadata.name}`).toBeDefined();
          expect(volume!.spec?.claimRef?.name).toBe(claim.metadata.name);
        }
        // What is saved comes back.
        const restored = createSandbox({ timeMode: "instant", restore: JSON.stringify(sandbox.save()) });
        const names = "kubectl get all,pvc,pv,cm,ep -A -o name";
        expect((await runLine(restored, names, 5000)).stdout).toBe(
          (await runLine(sandbox, names, 5000)).stdout,
        );
      }),
      { numRuns: runs(60) },
    );
  }, 600_000);
});
