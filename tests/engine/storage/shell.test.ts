import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

const CLAIM_AND_POD = (pod: string) => `cat <<EOF > ${pod}.yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: ${pod}
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - name: d
      mountPath: /data
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: data
EOF`;

describe("storage through kubectl", () => {
  it("shows a claim Pending, then Bound to a local-path volume once its pod is scheduled", async () => {
    const [, , before, , pvc, pv] = await run([
      CLAIM_AND_POD("web"),
      "kubectl apply -f web.yaml",
      "kubectl get pvc",
      "sleep 10",
      "kubectl get pvc",
      "kubectl get pv",
    ]);
    expect(before!.stdout).toBe(
      "NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n" +
        "data   Pending                                      standard       <unset>                 0s\n",
    );
    // The uid is random per seed; mask it with a placeholder of the same width so columns stay put.
    const volume = /pvc-[0-9a-f-]{36}/.exec(pvc!.stdout)?.[0] ?? "(no volume)";
    const masked = (text: string) => text.replaceAll(volume, `pvc-${"u".repeat(36)}`);
    const uid = "u".repeat(36);
    expect(masked(pvc!.stdout)).toBe(
      "NAME   STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n" +
        `data   Bound    pvc-${uid}   1Gi        RWO            standard       <unset>                 10s\n`,
    );
    // The volume was provisioned 3s after the pod was scheduled, so it is 3s younger.
    expect(masked(pv!.stdout)).toBe(
      "NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n" +
        `pvc-${uid}   1Gi        RWO            Delete           Bound    default/data   standard       <unset>                          7s\n`,
    );
  });

  it("leaves an in-use claim Terminating until its pod is gone, then reclaims its volume", async () => {
    const results = await run([
      CLAIM_AND_POD("web"),
      "kubectl apply -f web.yaml",
      "sleep 20",
      "kubectl delete pvc data --wait=false",
      "kubectl get pvc",
      "kubectl delete pod web",
      "kubectl get pvc",
      "sleep 3",
      "kubectl get pv",
    ]);
    expect(results[3]!.stdout).toBe('persistentvolumeclaim "data" deleted from default namespace\n');
    expect(results[4]!.stdout).toMatch(
      /^NAME {3}STATUS {8}VOLUME .*\ndata {3}Terminating {3}pvc-[0-9a-f-]{36} {3}1Gi {8}RWO /,
    );
    expect(results[6]!.stderr).toBe("No resources found in default namespace.\n");
    expect(results[8]!.stderr).toBe("No resources found\n");
  });
});
