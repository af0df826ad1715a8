import { describe, expect, it } from "vitest";
import { TOKEN_MOUNT_PATH } from "../../../sandbox/engine/cluster/controllers/service-accounts.ts";
import { run } from "../helpers.ts";

const podYaml = (extra: string) => `apiVersion: v1
kind: Pod
metadata: {name: box}
spec:
${extra}  containers:
  - {name: main, image: busybox:1.37, command: [sleep, "3600"]}
`;

describe("default service accounts and the root CA", () => {
  it("every namespace gets a default ServiceAccount and kube-root-ca.crt, new ones too", async () => {
    const [, sa, cm, described] = await run([
      "kubectl create namespace lab",
      "kubectl get sa -A --no-headers",
      "kubectl get cm -n lab",
      "kubectl get cm kube-root-ca.crt -n lab -o jsonpath='{.metadata.annotations}'",
    ]);
    const pairs = sa!.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(/\s+/).slice(0, 2).join("/"));
    for (const ns of [
      "default",
      "kube-node-lease",
      "kube-public",
      "kube-system",
      "local-path-storage",
      "lab",
    ]) {
      expect(pairs).toContain(`${ns}/default`);
    }
    expect(pairs).toContain("kube-system/coredns");
    expect(cm!.stdout).toMatch(/^NAME +DATA +AGE\nkube-root-ca\.crt +1 +0s\n$/);
    expect(described!.stdout).toContain("Contains a CA bundle that can be used to verify the kube-apiserver");
  });

  it("recreates a deleted default ServiceAccount", async () => {
    const [, again] = await run(["kubectl delete sa default", "kubectl get sa default -o name"]);
    expect(again!.stdout).toBe("serviceaccount/default\n");
  });

  it("mounts the token volume read-only in every container, with the projected sources", async () => {
    const [, yaml, ls, ns] = await run([
      `kubectl apply -f - <<'EOF'\n${podYaml("")}EOF`,
      "kubectl get pod box -o jsonpath='{.spec.serviceAccountName} {.spec.volumes[0].name} {.spec.volumes[0].projected.sources[*].configMap.name} {.spec.containers[0].volumeMounts[0].mountPath} {.spec.containers[0].volumeMounts[0].readOnly}'",
      `sleep 20; kubectl exec box -- ls ${TOKEN_MOUNT_PATH}`,
      `kubectl exec box -- cat ${TOKEN_MOUNT_PATH}/namespace`,
    ]);
    expect(yaml!.stdout).toMatch(
      /^default kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5} kube-root-ca\.crt \/var\/run\/secrets\/kubernetes\.io\/serviceaccount true$/,
    );
    expect(ls!.stdout.split(/\s+/).filter(Boolean)).toEqual(["ca.crt", "namespace", "token"]);
    expect(ns!.stdout).toBe("default");
  });

  it("leaves the token out when automounting is off", async () => {
    const [, volumes] = await run([
      `kubectl apply -f - <<'EOF'\n${podYaml("  automountServiceAccountToken: false\n")}EOF`,
      "kubectl get pod box -o jsonpath='{.spec.volumes}'",
    ]);
    expect(volumes!.stdout).toBe("");
  });

  it("refuses a pod whose service account does not exist, as the admission plugin does", async () => {
    const [created] = await run([
      `kubectl apply -f - <<'EOF'\n${podYaml("  serviceAccountName: robot\n")}EOF`,
    ]);
    expect(created!.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "box" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found\n',
    );
    expect(created!.status).toBe(1);
  });
});
