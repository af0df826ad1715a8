/**
 * StatefulSet guarantees through the whole engine (real kubelet, scheduler, storage, node power)
 * under random kubectl and docker commands: scale, delete and force-delete pods, change the
 * template, stop and start the node, let time pass. Checked on the change history afterwards:
 * - at most one pod per identity: a new web-N is created only after the previous web-N is gone;
 * - OrderedReady: web-N is created only while web-(N-1) is Ready;
 * - claims are never deleted (the default retention policy is Retain);
 * - at rest (node up, time passed) the pods are exactly web-0 … web-(replicas-1), all Ready.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../../sandbox/engine/cluster/history.ts";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";

const manifest = (replicas: number, tag: string) => `apiVersion: apps/v1
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
      - {name: nginx, image: "nginx:${tag}", volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]}
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

const op = fc.oneof(
  fc.integer({ min: 0, max: 4 }).map((n) => `kubectl scale sts web --replicas=${n}`),
  fc.nat(4).map((i) => `kubectl delete pod web-${i} --wait=false`),
  fc.nat(4).map((i) => `kubectl delete pod web-${i} --force --grace-period=0`),
  fc.constantFrom("1.27", "1.28").map((tag) => `kubectl set image sts/web nginx=nginx:${tag}`),
  fc.constantFrom("docker stop kind-control-plane", "docker start kind-control-plane"),
  fc.integer({ min: 1, max: 120 }).map((s) => `sleep ${s}`),
);

async function sh(sandbox: Sandbox, line: string): Promise<string> {
  let out = "";
  await sandbox.exec(line, (chunk) => {
    out += chunk.text;
  });
  return out;
}

function violations(history: readonly HistoryEntry[]): string[] {
  const problems: string[] = [];
  const live = new Map<string, HistoryEntry>();
  for (const e of history) {
    if (e.kind === "PersistentVolumeClaim" && e.type === "DELETED" && e.name.startsWith("www-web-")) {
      problems.push(`claim ${e.name} deleted under Retain`);
    }
    if (e.kind !== "Pod" || e.namespace !== "default" || !/^web-\d+$/.test(e.name)) continue;
    const previous = live.get(e.name);
    if (e.type === "ADDED") {
      if (previous) problems.push(`${e.name} created again while ${previous.uid} still existed`);
      const ordinal = Number(e.name.slice(4));
      const before = live.get(`web-${ordinal - 1}`);
      if (ordinal > 0 && !(before?.ready && !before.terminating)) {
        problems.push(`${e.name} created while web-${ordinal - 1} was not Ready`);
      }
    }
    if (e.type === "DELETED") live.delete(e.name);
    else live.set(e.name, e);
  }
  return problems;
}

describe("StatefulSet guarantees through the whole engine (property)", () => {
  it("the history check catches each kind of violation", () => {
    const e = (type: HistoryEntry["type"], name: string, uid: string, ready = false): HistoryEntry => ({
      time: 0,
      type,
      kind: name.startsWith("www") ? "PersistentVolumeClaim" : "Pod",
      namespace: "default",
      name,
      uid,
      resourceVersion: "1",
      ready,
    });
    expect(
      violations([
        e("ADDED", "web-0", "a"),
        e("ADDED", "web-1", "b"),
        e("ADDED", "web-0", "c"),
        e("DELETED", "www-web-0", "d"),
      ]),
    ).toEqual([
      "web-1 created while web-0 was not Ready",
      "web-0 created again while a still existed",
      "claim www-web-0 deleted under Retain",
    ]);
    expect(violations([e("ADDED", "web-0", "a", true), e("ADDED", "web-1", "b")])).toEqual([]);
  });

  it("one pod per identity, OrderedReady creation, claims kept, exact ordinals at rest", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(op, { maxLength: 12 }),
        async (replicas, ops) => {
          const sandbox = createSandbox({ seed: 5 });
          sandbox.writeFile("web.yaml", manifest(replicas, "1.27"));
          await sh(sandbox, "kubectl apply -f web.yaml");
          for (const line of ops) await sh(sandbox, line);
          await sh(sandbox, "docker start kind-control-plane");
          await sh(sandbox, "sleep 900");
          const snapshot = sandbox.save().cluster;
          expect(violations(snapshot.history)).toEqual([]);
          const sts = snapshot.objects.find((o) => o.kind === "StatefulSet")!;
          const want = (sts.spec as { replicas: number }).replicas;
          const pods = snapshot.objects
            .filter((o) => o.kind === "Pod" && o.metadata.namespace === "default")
            .map((o) => o.metadata.name)
            .sort();
          expect(pods).toEqual(Array.from({ length: want }, (_, i) => `web-${i}`));
          expect(await sh(sandbox, "kubectl get sts web -o jsonpath='{.status.readyReplicas}'")).toBe(
            want === 0 ? "" : String(want),
          );
        },
      ),
      { numRuns: 20 },
    );
  }, 600_000);
});
