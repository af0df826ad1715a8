import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

/** The controllers end to end: kubectl through the shell, with the real scheduler and kubelet. */

const manifest = `cat <<EOF > web.yaml
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
        image: nginx:1.27
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
EOF`;

describe("a StatefulSet driven through kubectl", () => {
  it("starts web-0 alone, reaches 3/3 in order, and keeps every claim after scaling down", async () => {
    const [, apply, first, , all, revisions, scale, , after, claims] = await run([
      manifest,
      "kubectl apply -f web.yaml",
      "kubectl get pods -o name",
      "sleep 120",
      "kubectl get pods -o name",
      "kubectl get controllerrevisions -o name",
      "kubectl scale sts web --replicas=1",
      "sleep 120",
      "kubectl get pods -o name",
      "kubectl get pvc -o name",
    ]);
    expect(apply!.stdout).toBe("statefulset.apps/web created\n");
    expect(first!.stdout).toBe("pod/web-0\n");
    expect(all!.stdout).toBe("pod/web-0\npod/web-1\npod/web-2\n");
    expect(revisions!.stdout).toMatch(/^controllerrevision\.apps\/web-[456789bcdf]{1,10}\n$/);
    expect(scale!.stdout).toBe("statefulset.apps/web scaled\n");
    expect(after!.stdout).toBe("pod/web-0\n");
    expect(claims!.stdout).toBe(
      "persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\npersistentvolumeclaim/www-web-2\n",
    );
  });

  it("shows READY 3/3 and the controller's events in describe", async () => {
    const results = await run([
      manifest,
      "kubectl apply -f web.yaml",
      "sleep 120",
      "kubectl get sts",
      "kubectl describe sts web",
    ]);
    expect(results[3]!.stdout).toMatch(/^NAME {3}READY {3}AGE\nweb {4}3\/3 {5}\S+\n$/);
    const describe = results[4]!.stdout;
    for (const i of [0, 1, 2]) {
      expect(describe).toContain(`statefulset-controller  create Pod web-${i} in StatefulSet web successful`);
      expect(describe).toContain(
        `statefulset-controller  create Claim www-web-${i} Pod web-${i} in StatefulSet web success`,
      );
    }
  });
});

describe("a Deployment driven through kubectl", () => {
  it("creates <deploy>-<hash> ReplicaSet pods and rolls a patched image through a second ReplicaSet", async () => {
    const results = await run([
      "kubectl create deployment nginx --image=nginx:1.27 --replicas=3",
      "sleep 60",
      "kubectl get rs -o name",
      "kubectl get pods -o name",
      `kubectl patch deployment nginx -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`,
      "sleep 120",
      "kubectl get rs",
    ]);
    const rs = results[2]!.stdout.trim();
    expect(rs).toMatch(/^replicaset\.apps\/nginx-[456789bcdf]{1,10}$/);
    const prefix = rs.slice("replicaset.apps/".length);
    const pods = results[3]!.stdout.trim().split("\n");
    expect(pods).toHaveLength(3);
    for (const pod of pods)
      expect(pod).toMatch(new RegExp(`^pod/${prefix}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(results[4]!.stdout).toBe("deployment.apps/nginx patched\n");
    const table = results[6]!.stdout.trim().split("\n");
    expect(table[0]).toMatch(/^NAME {3,}DESIRED {3}CURRENT {3}READY {3}AGE$/);
    const rows = table.slice(1).map((line) => line.split(/\s+/).slice(0, 4).join(" "));
    expect(rows).toHaveLength(2);
    expect(rows).toContain(`${prefix} 0 0 0`);
    expect(rows.filter((r) => r.endsWith(" 3 3 3"))).toHaveLength(1);
  });
});
