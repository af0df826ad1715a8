import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../sandbox/engine/cluster/errors.ts";
import { parseIPv4 } from "../../../sandbox/engine/cluster/network/ipv4.ts";
import {
  nodePortStaticBand,
  serviceIPStaticBand,
} from "../../../sandbox/engine/cluster/network/range-allocator.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { networkCluster } from "./fixtures.ts";

const service = (name: string, spec: object): KubeObject => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "default" },
  spec,
});

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("the built-in Services", () => {
  it("puts kubernetes on 10.96.0.1:443 and kube-dns on 10.96.0.10 with its three ports", () => {
    const cluster = networkCluster();
    const kubernetes = cluster.api.get("Service", "default", "kubernetes");
    expect(kubernetes.spec).toMatchObject({ clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"] });
    const dns = cluster.api.get("Service", "kube-system", "kube-dns");
    expect(dns.spec).toMatchObject({
      clusterIP: "10.96.0.10",
      ports: [
        { name: "dns", protocol: "UDP", port: 53, targetPort: 53 },
        { name: "dns-tcp", protocol: "TCP", port: 53, targetPort: 53 },
        { name: "metrics", protocol: "TCP", port: 9153, targetPort: 9153 },
      ],
      selector: { "k8s-app": "kube-dns" },
    });
    expect(cluster.api.get("Endpoints", "default", "kubernetes").subsets).toEqual([
      { addresses: [{ ip: "172.18.0.2" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] },
    ]);
  });
});

describe("Service defaulting", () => {
  it("fills every default of a ClusterIP Service, in the API's field order", () => {
    const cluster = networkCluster();
    const created = cluster.create(service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    const spec = created.spec as Record<string, unknown>;
    expect(Object.keys(spec)).toEqual([
      "ports",
      "selector",
      "clusterIP",
      "clusterIPs",
      "type",
      "sessionAffinity",
      "ipFamilies",
      "ipFamilyPolicy",
      "internalTrafficPolicy",
    ]);
    expect(spec).toMatchObject({
      ports: [{ protocol: "TCP", port: 80, targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    expect(created.status).toEqual({ loadBalancer: {} });
  });

  it("keeps a headless Service headless", () => {
    const cluster = networkCluster();
    const spec = cluster.create(service("nginx", { clusterIP: "None", selector: { app: "nginx" } })).spec;
    expect(spec).toMatchObject({ clusterIP: "None", clusterIPs: ["None"], ipFamilyPolicy: "SingleStack" });
  });

  it("gives an ExternalName Service no IP and no IP families", () => {
    const cluster = networkCluster();
    const spec = cluster.create(service("db", { type: "ExternalName", externalName: "db.example.com" }))
      .spec as Record<string, unknown>;
    expect(spec).toEqual({ type: "ExternalName", sessionAffinity: "None", externalName: "db.example.com" });
  });

  it("gives NodePort and LoadBalancer Services node ports and externalTrafficPolicy", () => {
    const cluster = networkCluster();
    const np = cluster.create(service("np", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }))
      .spec as Record<string, unknown>;
    expect(np).toMatchObject({ ports: [{ port: 80, nodePort: 30080 }], externalTrafficPolicy: "Cluster" });
    const lb = cluster.create(
      service("lb", {
        type: "LoadBalancer",
        ports: [
          { port: 80, name: "http" },
          { port: 443, name: "https" },
        ],
      }),
    ).spec as { ports: { nodePort: number }[]; allocateLoadBalancerNodePorts: boolean };
    expect(lb.allocateLoadBalancerNodePorts).toBe(true);
    for (const { nodePort } of lb.ports) {
      expect(nodePort).toBeGreaterThanOrEqual(30000 + nodePortStaticBand(2768));
      expect(nodePort).toBeLessThanOrEqual(32767);
    }
    expect(lb.ports[0]!.nodePort).not.toBe(lb.ports[1]!.nodePort);
  });
});

describe("ClusterIP allocation", () => {
  it("uses a static band of 256 addresses for a /16 and 86 ports for the node-port range", () => {
    expect(serviceIPStaticBand(65536)).toBe(256);
    expect(serviceIPStaticBand(4096)).toBe(256);
    expect(serviceIPStaticBand(256)).toBe(16);
    expect(nodePortStaticBand(2768)).toBe(86);
  });

  it("hands out distinct addresses from the dynamic band of 10.96.0.0/16", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 25 }), (seed, count) => {
        const cluster = networkCluster(seed);
        const ips = Array.from({ length: count }, (_, i) => {
          const created = cluster.create(service(`s${i}`, { ports: [{ port: 80 }] }));
          return (created.spec as { clusterIP: string }).clusterIP;
        });
        expect(new Set(ips).size).toBe(count);
        for (const ip of ips) {
          const value = parseIPv4(ip)!;
          expect(value).toBeGreaterThan(parseIPv4("10.96.1.0")!);
          expect(value).toBeLessThan(parseIPv4("10.96.255.255")!);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("gives the same addresses for the same seed", () => {
    const ipOf = (seed: number) =>
      (networkCluster(seed).create(service("web", { ports: [{ port: 80 }] })).spec as { clusterIP: string })
        .clusterIP;
    expect(ipOf(3)).toBe(ipOf(3));
  });

  it("refuses an address that is taken", () => {
    const cluster = networkCluster();
    const error = errorOf(() =>
      cluster.create(service("dup", { clusterIP: "10.96.0.10", ports: [{ port: 80 }] })),
    );
    expect(error.reason).toBe("Invalid");
    expect(error.causes[0]!.message).toBe(
      'spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it("refuses an address outside the service range", () => {
    const cluster = networkCluster();
    const error = errorOf(() =>
      cluster.create(service("far", { clusterIP: "10.97.0.1", ports: [{ port: 80 }] })),
    );
    expect(error.causes[0]!.message).toBe(
      'spec.clusterIPs: Invalid value: ["10.97.0.1"]: failed to allocate IP 10.97.0.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/16',
    );
  });

  it("refuses a node port that is taken", () => {
    const cluster = networkCluster();
    cluster.create(service("a", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }));
    const error = errorOf(() =>
      cluster.create(service("b", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] })),
    );
    expect(error.causes[0]!.message).toBe(
      "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated",
    );
  });

  it("keeps the ClusterIP when an update leaves it out, and refuses to change it", () => {
    const cluster = networkCluster();
    const created = cluster.create(service("web", { ports: [{ port: 80 }] }));
    const ip = (created.spec as { clusterIP: string }).clusterIP;
    const kept = cluster.api.update({ ...created, spec: { ports: [{ port: 8080 }] } });
    expect(kept.spec).toMatchObject({ clusterIP: ip, clusterIPs: [ip], ports: [{ port: 8080 }] });
    const error = errorOf(() =>
      cluster.api.update({ ...kept, spec: { ...(kept.spec as object), clusterIP: "None" } }),
    );
    expect(error.message).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["None"]: may not change once set',
    );
  });

  it("frees the address of a deleted Service", () => {
    const cluster = networkCluster();
    cluster.create(service("a", { clusterIP: "10.96.100.100", ports: [{ port: 80 }] }));
    cluster.api.delete("Service", "default", "a");
    const again = cluster.create(service("b", { clusterIP: "10.96.100.100", ports: [{ port: 80 }] }));
    expect((again.spec as { clusterIP: string }).clusterIP).toBe("10.96.100.100");
  });
});

describe("Service validation", () => {
  const messages = (cluster: ReturnType<typeof networkCluster>, spec: object) =>
    errorOf(() => cluster.create(service("web", spec))).causes.map((c) => c.message);

  it("requires ports unless headless, and names when there is more than one", () => {
    const cluster = networkCluster();
    expect(messages(cluster, { selector: { app: "web" } })).toEqual(["spec.ports: Required value"]);
    expect(messages(cluster, { ports: [{ port: 80 }, { port: 443 }] })).toEqual([
      "spec.ports[0].name: Required value",
      "spec.ports[1].name: Required value",
    ]);
    expect(
      messages(cluster, {
        ports: [
          { port: 80, name: "web" },
          { port: 443, name: "web" },
        ],
      }),
    ).toEqual(['spec.ports[1].name: Duplicate value: "web"']);
    expect(cluster.create(service("h", { clusterIP: "None", selector: { app: "x" } })).metadata.name).toBe(
      "h",
    );
  });

  it("checks port numbers, protocols and the type with the server's wording", () => {
    const cluster = networkCluster();
    expect(messages(cluster, { ports: [{ port: 70000, protocol: "HTTP" }], type: "Internal" })).toEqual([
      "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    expect(messages(cluster, { ports: [{ port: 80, nodePort: 30080 }] })).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(messages(cluster, { type: "ExternalName" })).toEqual(["spec.externalName: Required value"]);
  });

  it("renders as one Invalid error naming the Service", () => {
    const cluster = networkCluster();
    const error = errorOf(() => cluster.create(service("web", { ports: [{ port: 0 }] })));
    expect(error.reason).toBe("Invalid");
    expect(error.message).toBe(
      'Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    );
  });
});
