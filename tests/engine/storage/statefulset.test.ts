import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

const sts = (whenDeleted: "Retain" | "Delete") => `cat <<EOF > web.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: ${whenDeleted}
    whenScaled: Retain
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
EOF`;

/** NAME and STATUS of each row of a table. */
const rows = (table: string) =>
  table
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((row) => row.split(/\s+/).slice(0, 2).join(" "));

describe("StatefulSet claims and their volumes, through kubectl", () => {
  it("whenDeleted: Delete — the claims are collected and local-path deletes their volumes", async () => {
    const results = await run([
      sts("Delete"),
      "kubectl apply -f web.yaml",
      "sleep 60",
      "kubectl get pvc",
      "kubectl delete statefulset web",
      "sleep 90",
      "kubectl get pvc",
      "kubectl get pv",
    ]);
    expect(results[1]!.stdout).toBe("statefulset.apps/web created\n");
    expect(rows(results[3]!.stdout)).toEqual(["www-web-0 Bound", "www-web-1 Bound"]);
    expect(results[6]!.stderr).toBe("No resources found in default namespace.\n");
    expect(results[7]!.stderr).toBe("No resources found\n");
  });

  it("whenDeleted: Retain — claims stay Bound and a new StatefulSet gets the same volumes back", async () => {
    const results = await run([
      sts("Retain"),
      "kubectl apply -f web.yaml",
      "sleep 60",
      "kubectl get pv -o custom-columns=NAME:.metadata.name --no-headers",
      "kubectl delete statefulset web",
      "sleep 90",
      "kubectl get pvc",
      "kubectl apply -f web.yaml",
      "sleep 60",
      "kubectl get pv -o custom-columns=NAME:.metadata.name --no-headers",
    ]);
    expect(results[3]!.stdout.split("\n").filter(Boolean)).toHaveLength(2);
    expect(rows(results[6]!.stdout)).toEqual(["www-web-0 Bound", "www-web-1 Bound"]);
    expect(results[9]!.stdout).toBe(results[3]!.stdout);
  });
});
