import { describe, expect, it } from "vitest";
import { queryDns } from "../../../sandbox/engine/cluster/network/dns.ts";
import {
  candidateNames,
  renderEtcHosts,
  renderResolvConf,
  resolveHost,
  resolverConfig,
} from "../../../sandbox/engine/cluster/network/pod-dns.ts";
import { addPod, setPodStatus, statefulSetWalkthrough } from "./fixtures.ts";

const addresses = (response: ReturnType<typeof queryDns>) =>
  response.answers.map((r) => (r.type === "A" ? r.address : `${r.type}?`));

describe("cluster DNS records (StatefulSet walkthrough)", () => {
  const cluster = statefulSetWalkthrough();

  it("answers each StatefulSet pod's stable name", () => {
    expect(queryDns(cluster, "web-0.nginx.default.svc.cluster.local", "A")).toEqual({
      rcode: "NOERROR",
      answers: [{ type: "A", address: "10.244.0.5", name: "web-0.nginx.default.svc.cluster.local", ttl: 30 }],
    });
    expect(addresses(queryDns(cluster, "WEB-1.nginx.default.svc.cluster.local.", "A"))).toEqual([
      "10.244.0.6",
    ]);
  });

  it("answers the headless Service with one A record per ready pod", () => {
    expect(addresses(queryDns(cluster, "nginx.default.svc.cluster.local", "A"))).toEqual([
      "10.244.0.5",
      "10.244.0.6",
    ]);
    expect(queryDns(cluster, "nginx.default.svc.cluster.local", "AAAA")).toEqual({
      rcode: "NOERROR",
      answers: [],
    });
  });

  it("answers the ClusterIP of a normal Service, and the well-known ones", () => {
    expect(addresses(queryDns(cluster, "kubernetes.default.svc.cluster.local", "A"))).toEqual(["10.96.0.1"]);
    expect(addresses(queryDns(cluster, "kube-dns.kube-system.svc.cluster.local", "A"))).toEqual([
      "10.96.0.10",
    ]);
  });

  it("gives NXDOMAIN for unknown names, wrong namespaces and names outside the cluster", () => {
    for (const name of [
      "nope.default.svc.cluster.local",
      "nginx.kube-system.svc.cluster.local",
      "web-2.nginx.default.svc.cluster.local",
      "nginx.svc.cluster.local",
      "nginx.cluster.local",
      "example.com",
    ]) {
      expect(queryDns(cluster, name, "A").rcode, name).toBe("NXDOMAIN");
    }
  });

  it("answers SRV for the named port, per pod for a headless Service", () => {
    const srv = queryDns(cluster, "_web._tcp.nginx.default.svc.cluster.local", "SRV");
    expect(
      srv.answers.map((r) => (r.type === "SRV" ? [r.priority, r.weight, r.port, r.target] : [])),
    ).toEqual([
      [0, 50, 80, "web-0.nginx.default.svc.cluster.local"],
      [0, 50, 80, "web-1.nginx.default.svc.cluster.local"],
    ]);
    const https = queryDns(cluster, "_https._tcp.kubernetes.default.svc.cluster.local", "SRV");
    expect(https.answers).toEqual([
      {
        type: "SRV",
        priority: 0,
        weight: 100,
        port: 443,
        target: "kubernetes.default.svc.cluster.local",
        name: "_https._tcp.kubernetes.default.svc.cluster.local",
        ttl: 30,
      },
    ]);
    expect(queryDns(cluster, "_web._udp.nginx.default.svc.cluster.local", "SRV").rcode).toBe("NXDOMAIN");
  });

  it("answers PTR for ClusterIPs and headless endpoints", () => {
    const ptr = (name: string) =>
      queryDns(cluster, name, "PTR").answers.map((r) => (r.type === "PTR" ? r.target : ""));
    expect(ptr("10.0.96.10.in-addr.arpa")).toEqual(["kube-dns.kube-system.svc.cluster.local"]);
    expect(ptr("5.0.244.10.in-addr.arpa")).toEqual(["web-0.nginx.default.svc.cluster.local"]);
    expect(queryDns(cluster, "99.0.244.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
  });

  it("answers pod A records from the dashed IP, and dns-version", () => {
    expect(addresses(queryDns(cluster, "10-244-0-7.default.pod.cluster.local", "A"))).toEqual(["10.244.0.7"]);
    expect(queryDns(cluster, "dns-version.cluster.local", "TXT").answers[0]).toMatchObject({ text: "1.1.0" });
  });
});

describe("readiness and DNS", () => {
  it("drops a not-ready pod's name until it is ready again", () => {
    const cluster = statefulSetWalkthrough();
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    expect(queryDns(cluster, "web-1.nginx.default.svc.cluster.local", "A").rcode).toBe("NXDOMAIN");
    expect(addresses(queryDns(cluster, "nginx.default.svc.cluster.local", "A"))).toEqual(["10.244.0.5"]);
    setPodStatus(cluster, "web-1", "10.244.0.6", true);
    expect(addresses(queryDns(cluster, "web-1.nginx.default.svc.cluster.local", "A"))).toEqual([
      "10.244.0.6",
    ]);
  });

  it("gives NXDOMAIN for a headless Service with no ready pods, but a ClusterIP Service always answers", () => {
    const cluster = statefulSetWalkthrough();
    setPodStatus(cluster, "web-0", "10.244.0.5", false);
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    expect(queryDns(cluster, "nginx.default.svc.cluster.local", "A").rcode).toBe("NXDOMAIN");
    cluster.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { app: "nginx" }, ports: [{ port: 80 }] },
    });
    expect(queryDns(cluster, "web.default.svc.cluster.local", "A").answers).toHaveLength(1);
  });

  it("names endpoints without a hostname by their dashed IP", () => {
    const cluster = statefulSetWalkthrough();
    addPod(cluster, { name: "stray", ip: "10.244.0.7" });
    expect(addresses(queryDns(cluster, "10-244-0-7.nginx.default.svc.cluster.local", "A"))).toEqual([
      "10.244.0.7",
    ]);
  });
});

describe("a pod's resolver files", () => {
  const cluster = statefulSetWalkthrough();
  const web0 = cluster.api.get("Pod", "default", "web-0");

  it("writes resolv.conf for ClusterFirst", () => {
    expect(renderResolvConf(web0)).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
  });

  it("merges dnsConfig into it", () => {
    const pod = {
      ...web0,
      spec: {
        ...(web0.spec as object),
        dnsConfig: {
          searches: ["corp.example"],
          options: [{ name: "ndots", value: "2" }, { name: "edns0" }],
        },
      },
    };
    expect(renderResolvConf(pod)).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:2 edns0\n",
    );
  });

  it("writes /etc/hosts with the pod's FQDN for a StatefulSet pod, tab-separated", () => {
    expect(renderEtcHosts(web0)).toBe(
      "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.0.5\tweb-0.nginx.default.svc.cluster.local\tweb-0\n",
    );
  });

  it("writes the pod name for a plain pod, and HostAliases after a blank line", () => {
    addPod(cluster, { name: "plain", ip: "10.244.0.9", labels: { app: "x" } });
    const plain = cluster.api.get("Pod", "default", "plain");
    const withAliases = {
      ...plain,
      spec: {
        ...(plain.spec as object),
        hostAliases: [{ ip: "10.1.2.3", hostnames: ["foo.local", "bar.local"] }],
      },
    };
    expect(renderEtcHosts(withAliases).split("\n").slice(7)).toEqual([
      "10.244.0.9\tplain",
      "",
      "# Entries added by HostAliases.",
      "10.1.2.3\tfoo.local\tbar.local",
      "",
    ]);
  });

  it("tries the search domains first under ndots:5", () => {
    const config = resolverConfig(web0);
    expect(candidateNames("web", config)).toEqual([
      "web.default.svc.cluster.local",
      "web.svc.cluster.local",
      "web.cluster.local",
      "web",
    ]);
    expect(candidateNames("web-0.nginx.default.svc.cluster.local.", config)).toEqual([
      "web-0.nginx.default.svc.cluster.local",
    ]);
  });

  it("resolves short names the way networking.md §5.2 says", () => {
    expect(resolveHost(cluster, web0, "web-0.nginx")).toEqual({
      name: "web-0.nginx.default.svc.cluster.local",
      addresses: ["10.244.0.5"],
    });
    expect(resolveHost(cluster, web0, "kube-dns.kube-system")?.addresses).toEqual(["10.96.0.10"]);
    expect(resolveHost(cluster, web0, "localhost")?.addresses).toEqual(["127.0.0.1"]);
    expect(resolveHost(cluster, web0, "nope")).toBeUndefined();
  });
});
