import { describe, expect, it } from "vitest";
import { harness, ns } from "../kubectl/harness.ts";

describe("a pod just created", () => {
  it("is stored Pending with its QoS class whatever status was sent, as the pod strategy's PrepareForCreate does", () => {
    const h = harness();
    h.create(ns("default"));
    for (const [name, status] of [
      ["empty", {}],
      ["claims-running", { phase: "Running", podIP: "10.0.0.9" }],
    ] as const) {
      const stored = h.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name },
        spec: { containers: [{ name: "c", image: "nginx" }] },
        status,
      });
      expect(stored.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
    }
  });

  it("shows STATUS Pending in kubectl get pods (kubectl run sends status: {})", async () => {
    const h = harness();
    h.create(ns("default"));
    expect((await h.kubectl("kubectl run web --image=nginx")).stdout).toBe("pod/web created\n");
    expect((await h.kubectl("kubectl get pods")).stdout).toBe(
      "NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\n",
    );
  });
});
