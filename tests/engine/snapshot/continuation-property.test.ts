/**
 * Save → restore → continue is indistinguishable from never having stopped: a random session is
 * cut at a random point, and the original and a copy restored from the snapshot's JSON run the
 * same remaining commands. Every output and the final snapshots must be identical.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox, restoreSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";

const statefulSet = (replicas: number) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
        livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 7}
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}, {name: tmp, mountPath: /scratch}]
      volumes: [{name: tmp, emptyDir: {}}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

const deployment = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - {name: app, image: "${image}", command: [sh, -c, "echo start; while true; do echo tick; sleep 3; done"]}
`;

const services = `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: None, selector: {app: web}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {selector: {app: api}, ports: [{port: 8080, targetPort: 80}]}
`;

type Op = { file?: [string, string]; line: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.nat(3).map((n) => ({
    file: ["sts.yaml", statefulSet(n)] as [string, string],
    line: "kubectl apply -f sts.yaml",
  })),
  fc
    .tuple(fc.nat(3), fc.constantFrom("busybox:1.37", "nginx:1.27", "nginx:does-not-exist"))
    .map(([n, image]) => ({
      file: ["deploy.yaml", deployment(n, image)] as [string, string],
      line: "kubectl apply -f deploy.yaml",
    })),
  fc.constant({ file: ["svc.yaml", services] as [string, string], line: "kubectl apply -f svc.yaml" }),
  fc.nat(4).map((n) => ({ line: `kubectl scale sts web --replicas=${n}` })),
  fc.nat(2).map((i) => ({ line: `kubectl delete pod web-${i} --wait=false` })),
  fc.nat(2).map((i) => ({ line: `kubectl delete pod web-${i} --force --grace-period=0` })),
  fc
    .tuple(
      fc.nat(2),
      fc.constantFrom("/usr/share/nginx/html/index.html", "/scratch/x", "/etc/motd"),
      fc.nat(99),
    )
    .map(([i, path, n]) => ({ line: `kubectl exec web-${i} -- sh -c 'echo v${n} >> ${path}; cat ${path}'` })),
  fc.constantFrom(
    { line: "docker stop kind-control-plane" },
    { line: "docker start kind-control-plane" },
    { line: "kubectl delete sts web --cascade=orphan" },
    { line: "kubectl delete deploy api" },
    // An owner with several dependents, some of them orphaned and adopted again in between.
    { line: "kubectl delete sts web" },
    { line: "kubectl delete deploy api --cascade=orphan" },
    { line: "kubectl rollout restart deploy api" },
  ),
  fc.integer({ min: 1, max: 400 }).map((s) => ({ line: `sleep ${s}` })),
  fc.constantFrom(
    { line: "kubectl get pods,pvc,svc,endpoints -o wide" },
    { line: "kubectl get events" },
    { line: "kubectl describe pod web-0" },
    { line: "kubectl logs deploy/api --tail=3" },
    { line: "kubectl exec web-1 -- cat /usr/share/nginx/html/index.html" },
  ),
);

async function apply(sandbox: Sandbox, op: Op): Promise<string> {
  if (op.file) sandbox.writeFile(op.file[0], op.file[1]);
  let out = "";
  const status = await sandbox.exec(op.line, (chunk) => {
    out += `${chunk.stream[3]}${chunk.text}`;
  });
  return `${op.line}\n${out}[${status}]`;
}

describe("snapshot, restore and continue (property)", () => {
  it("continues byte for byte like the original", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 14 }),
        fc.array(opArb, { minLength: 1, maxLength: 14 }),
        async (before, after) => {
          const original = createSandbox({ seed: 11 });
          for (const op of before) await apply(original, op);
          const copy = restoreSandbox(JSON.stringify(original.save()));
          for (const op of after) {
            const expected = await apply(original, op);
            expect(await apply(copy, op)).toBe(expected);
          }
          expect(JSON.stringify(copy.save())).toBe(JSON.stringify(original.save()));
        },
      ),
      {
        numRuns: 25,
        // Always tried: twelve pods orphaned and adopted again in name order (web-10 before web-2),
        // not the order they were created in, then their StatefulSet deleted after the cut.
        examples: [
          [
            [
              { file: ["sts.yaml", statefulSet(12)], line: "kubectl apply -f sts.yaml" },
              { line: "sleep 300" },
              { line: "kubectl delete sts web --cascade=orphan" },
              { line: "sleep 2" },
              { file: ["sts.yaml", statefulSet(12)], line: "kubectl apply -f sts.yaml" },
              { line: "sleep 5" },
            ],
            [{ line: "kubectl delete sts web" }, { line: "kubectl get events" }, { line: "sleep 60" }],
          ],
        ],
      },
    );
  }, 240_000);
});
