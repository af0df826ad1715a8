import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { addPod, NGINX_HEADLESS, networkCluster, setPodStatus, statefulSetWalkthrough } from "./fixtures.ts";

const slicesOf = (cluster: ReturnType<typeof networkCluster>, service: string) =>
  cluster.api.list("EndpointSlice", {
    namespace: "default",
    labels: { "kubernetes.io/service-name": service },
  });

describe("Endpoints for the StatefulSet walkthrough", () => {
  it("lists both ready pods with hostname, nodeName and targetRef, sorted by IP", () => {
    const cluster = statefulSetWalkthrough();
    const endpoints = cluster.api.get("Endpoints", "default", "nginx");
    const uid = (name: string) => cluster.api.get("Pod", "default", name).metadata.uid;
    expect(endpoints.metadata.labels).toEqual({ app: "nginx", "service.kubernetes.io/headless": "" });
    expect(endpoints.metadata.annotations).toEqual({
      "endpoints.kubernetes.io/last-change-trigger-time": "2026-01-01T00:00:00Z",
    });
    expect(endpoints.subsets).toEqual([
      {
        addresses: ["web-0", "web-1"].map((name, i) => ({
          ip: `10.244.0.${5 + i}`,
          hostname: name,
          nodeName: "kind-control-plane",
          targetRef: { kind: "Pod", namespace: "default", name, uid: uid(name) },
        })),
        ports: [{ name: "web", port: 80, protocol: "TCP" }],
      },
    ]);
  });

  it("moves a pod that stops being ready to notReadyAddresses, and back", () => {
    const cluster = statefulSetWalkthrough();
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    let subset = (cluster.api.get("Endpoints", "default", "nginx").subsets as KubeObject[])[0]!;
    expect((subset.addresses as { ip: string }[]).map((a) => a.ip)).toEqual(["10.244.0.5"]);
    expect((subset.notReadyAddresses as { ip: string }[]).map((a) => a.ip)).toEqual(["10.244.0.6"]);
    setPodStatus(cluster, "web-1", "10.244.0.6", true);
    subset = (cluster.api.get("Endpoints", "default", "nginx").subsets as KubeObject[])[0]!;
    expect(subset.notReadyAddresses).toBeUndefined();
  });

  it("lists unready pods as addresses with publishNotReadyAddresses", () => {
    const cluster = networkCluster();
    cluster.create({
      ...NGINX_HEADLESS,
      spec: { ...(NGINX_HEADLESS.spec as object), publishNotReadyAddresses: true },
    });
    addPod(cluster, { name: "web-0", ip: "10.244.0.5", ready: false, hostname: "web-0", subdomain: "nginx" });
    const subset = (cluster.api.get("Endpoints", "default", "nginx").subsets as KubeObject[])[0]!;
    expect((subset.addresses as { ip: string }[]).map((a) => a.ip)).toEqual(["10.244.0.5"]);
    expect(subset.notReadyAddresses).toBeUndefined();
  });

  it("leaves out pods without an IP and gives a Service without pods no subsets", () => {
    const cluster = networkCluster();
    cluster.create(NGINX_HEADLESS);
    addPod(cluster, { name: "web-0", ready: false });
    const endpoints = cluster.api.get("Endpoints", "default", "nginx");
    expect(endpoints.subsets).toBeUndefined();
  });

  it("sets hostname only when the pod's subdomain names the Service", () => {
    const cluster = networkCluster();
    cluster.create(NGINX_HEADLESS);
    addPod(cluster, { name: "web-0", ip: "10.244.0.5", hostname: "web-0", subdomain: "other" });
    const subset = (cluster.api.get("Endpoints", "default", "nginx").subsets as KubeObject[])[0]!;
    expect((subset.addresses as object[])[0]).not.toHaveProperty("hostname");
  });

  it("resolves a named targetPort against the container's ports", () => {
    const cluster = networkCluster();
    cluster.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { app: "nginx" }, ports: [{ port: 80, targetPort: "http" }] },
    });
    addPod(cluster, { name: "a", ip: "10.244.0.7", containerPorts: [{ name: "http", containerPort: 8080 }] });
    const subset = (cluster.api.get("Endpoints", "default", "web").subsets as KubeObject[])[0]!;
    expect(subset.ports).toEqual([{ port: 8080, protocol: "TCP" }]);
  });

  it("is deleted with its Service, together with the slices", () => {
    const cluster = statefulSetWalkthrough();
    cluster.api.delete("Service", "default", "nginx");
    cluster.runControllers();
    expect(cluster.api.tryGet("Endpoints", "default", "nginx")).toBeUndefined();
    expect(slicesOf(cluster, "nginx")).toEqual([]);
  });

  it("is recreated when deleted while the Service exists", () => {
    const cluster = statefulSetWalkthrough();
    cluster.api.delete("Endpoints", "default", "nginx");
    cluster.runControllers();
    expect(cluster.api.get("Endpoints", "default", "nginx").subsets).toHaveLength(1);
  });
});

describe("EndpointSlices", () => {
  it("has one IPv4 slice named <svc>-<5 chars>, owned by the Service, with the controller's labels", () => {
    const cluster = statefulSetWalkthrough();
    const [slice, ...rest] = slicesOf(cluster, "nginx");
    expect(rest).toEqual([]);
    const service = cluster.api.get("Service", "default", "nginx");
    expect(slice!.metadata.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata.generateName).toBe("nginx-");
    expect(Object.keys(slice!.metadata.labels ?? {})).toEqual([
      "app",
      "endpointslice.kubernetes.io/managed-by",
      "kubernetes.io/service-name",
      "service.kubernetes.io/headless",
    ]);
    expect(slice!.metadata.labels).toEqual({
      app: "nginx",
      "service.kubernetes.io/headless": "",
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      "kubernetes.io/service-name": "nginx",
    });
    expect(slice!.metadata.ownerReferences).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        name: "nginx",
        uid: service.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice!.addressType).toBe("IPv4");
    expect(slice!.ports).toEqual([{ name: "web", port: 80, protocol: "TCP" }]);
    const web0 = cluster.api.get("Pod", "default", "web-0");
    expect((slice!.endpoints as object[])[0]).toEqual({
      addresses: ["10.244.0.5"],
      conditions: { ready: true, serving: true, terminating: false },
      hostname: "web-0",
      targetRef: { kind: "Pod", namespace: "default", name: "web-0", uid: web0.metadata.uid },
      nodeName: "kind-control-plane",
    });
  });

  it("keeps not-ready pods with ready=false, serving=false", () => {
    const cluster = statefulSetWalkthrough();
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    const [slice] = slicesOf(cluster, "nginx");
    expect((slice!.endpoints as { conditions: object }[])[1]!.conditions).toEqual({
      ready: false,
      serving: false,
      terminating: false,
    });
  });

  it("marks a terminating ready pod ready=false, serving=true, terminating=true and drops it from Endpoints", () => {
    const cluster = statefulSetWalkthrough();
    cluster.api.delete("Pod", "default", "web-1");
    cluster.runControllers();
    const pod = cluster.api.tryGet("Pod", "default", "web-1");
    if (!pod) return; // an API without graceful pod deletion removes it at once; nothing to see
    const [slice] = slicesOf(cluster, "nginx");
    expect((slice!.endpoints as { conditions: object }[])[1]!.conditions).toEqual({
      ready: false,
      serving: true,
      terminating: true,
    });
    const subset = (cluster.api.get("Endpoints", "default", "nginx").subsets as KubeObject[])[0]!;
    expect((subset.addresses as { ip: string }[]).map((a) => a.ip)).toEqual(["10.244.0.5"]);
    expect(subset.notReadyAddresses).toBeUndefined();
  });

  it("keeps an empty placeholder slice for a Service that selects nothing", () => {
    const cluster = networkCluster();
    cluster.create(NGINX_HEADLESS);
    cluster.runControllers();
    const [slice, ...rest] = slicesOf(cluster, "nginx");
    expect(rest).toEqual([]);
    expect(slice!.endpoints).toBeNull();
    expect(slice!.ports).toBeNull();
  });

  it("updates the same slice in place as pods come and go", () => {
    const cluster = networkCluster();
    cluster.create(NGINX_HEADLESS);
    cluster.runControllers();
    const name = slicesOf(cluster, "nginx")[0]!.metadata.name;
    addPod(cluster, { name: "web-0", ip: "10.244.0.5" });
    expect(slicesOf(cluster, "nginx").map((s) => s.metadata.name)).toEqual([name]);
  });
});

describe("property: endpoint addresses are exactly the ready selected pods", () => {
  it("holds for any mix of labels, IPs and readiness", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ selected: fc.boolean(), hasIP: fc.boolean(), ready: fc.boolean() }), {
          maxLength: 8,
        }),
        (pods) => {
          const cluster = networkCluster();
          cluster.create(NGINX_HEADLESS);
          pods.forEach((p, i) => {
            addPod(cluster, {
              name: `p${i}`,
              labels: { app: p.selected ? "nginx" : "other" },
              ...(p.hasIP ? { ip: `10.244.0.${10 + i}` } : {}),
              ready: p.ready,
            });
          });
          cluster.runControllers();
          const expected = pods
            .map((p, i) => (p.selected && p.hasIP && p.ready ? `10.244.0.${10 + i}` : undefined))
            .filter((ip): ip is string => ip !== undefined)
            .sort();
          const subsets = (cluster.api.get("Endpoints", "default", "nginx").subsets ?? []) as KubeObject[];
          const ready = subsets
            .flatMap((s) => ((s.addresses ?? []) as { ip: string }[]).map((a) => a.ip))
            .sort();
          expect(ready).toEqual(expected);
          const sliceReady = slicesOf(cluster, "nginx")
            .flatMap((s) => (s.endpoints ?? []) as { addresses: string[]; conditions: { ready: boolean } }[])
            .filter((e) => e.conditions.ready)
            .flatMap((e) => e.addresses)
            .sort();
          expect(sliceReady).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
