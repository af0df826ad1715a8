import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

/**
 * `kubectl get sa -n kube-system` on a fresh kind v1.34 cluster: the kube-controller-manager runs
 * with --use-service-account-credentials, so each default-on controller has an account of its
 * own; kind adds kindnet, kubeadm adds coredns and kube-proxy.
 */
const KIND_1_34_KUBE_SYSTEM = `attachdetach-controller bootstrap-signer certificate-controller
clusterrole-aggregation-controller coredns cronjob-controller daemon-set-controller default
deployment-controller disruption-controller endpoint-controller endpointslice-controller
endpointslicemirroring-controller ephemeral-volume-controller expand-controller
generic-garbage-collector horizontal-pod-autoscaler job-controller kindnet kube-proxy
legacy-service-account-token-cleaner namespace-controller node-controller persistent-volume-binder
pod-garbage-collector pv-protection-controller pvc-protection-controller replicaset-controller
replication-controller resource-claim-controller resourcequota-controller root-ca-cert-publisher
service-account-controller service-cidrs-controller statefulset-controller token-cleaner
ttl-after-finished-controller ttl-controller validatingadmissionpolicy-status-controller
volumeattributesclass-protection-controller`.split(/\s+/);

describe("kube-system's ServiceAccounts", () => {
  it("are the ones kind 1.34 has, sorted by name, with kubectl's column widths", async () => {
    const [listed, names] = await run([
      "kubectl get sa -n kube-system",
      "kubectl get sa -n kube-system -o name",
    ]);
    expect(names!.stdout).toBe(KIND_1_34_KUBE_SYSTEM.map((n) => `serviceaccount/${n}\n`).join(""));
    const lines = listed!.stdout.split("\n");
    // The longest name (44 characters) sets the NAME column: 3 spaces before SECRETS.
    expect(lines[0]).toBe(`${"NAME".padEnd(46)}SECRETS   AGE`);
    expect(lines).toContain(`${"volumeattributesclass-protection-controller".padEnd(46)}0         5m`);
  });

  it("controller accounts stay in kube-system: a new namespace gets only default", async () => {
    const [, listed] = await run(["kubectl create namespace lab", "kubectl get sa -n lab -o name"]);
    expect(listed!.stdout).toBe("serviceaccount/default\n");
  });
});
