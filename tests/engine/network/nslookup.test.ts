import { describe, expect, it } from "vitest";
import {
  bindNslookup,
  busyboxNslookup,
  legacyBusyboxNslookup,
  nslookup,
  nslookupFlavour,
} from "../../../sandbox/engine/tools/net/nslookup.ts";
import { addPod, runInPod, statefulSetWalkthrough } from "./fixtures.ts";

const HEADER = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n";

function walkthroughWithClient() {
  const cluster = statefulSetWalkthrough();
  addPod(cluster, { name: "client", ip: "10.244.0.9", labels: { run: "client" }, image: "busybox:1.36" });
  return cluster;
}

describe("busybox nslookup (1.30+)", () => {
  it("prints a StatefulSet pod's FQDN and the empty AAAA answer", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", busyboxNslookup, [
      "nslookup",
      "web-0.nginx.default.svc.cluster.local",
    ]);
    expect(r).toEqual({
      stdout: `${HEADER}Name:\tweb-0.nginx.default.svc.cluster.local\nAddress: 10.244.0.5\n\n*** Can't find web-0.nginx.default.svc.cluster.local: No answer\n\n`,
      stderr: "",
      status: 0,
    });
  });

  it("asks a dotted short name as is (busybox ignores ndots), so web-0.nginx fails", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", busyboxNslookup, ["nslookup", "web-0.nginx"]);
    expect(r.stdout).toBe(
      `${HEADER}** server can't find web-0.nginx: NXDOMAIN\n\n** server can't find web-0.nginx: NXDOMAIN\n\n`,
    );
    expect(r.status).toBe(1);
  });

  it("walks the search list for a dotless name and prints every reply, exiting 1 for the NXDOMAINs", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", busyboxNslookup, ["nslookup", "nginx"]);
    expect(r.stdout).toBe(
      HEADER +
        "** server can't find nginx.cluster.local: NXDOMAIN\n\n" +
        "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n" +
        "Name:\tnginx.default.svc.cluster.local\nAddress: 10.244.0.5\n" +
        "Name:\tnginx.default.svc.cluster.local\nAddress: 10.244.0.6\n\n" +
        "** server can't find nginx.cluster.local: NXDOMAIN\n\n" +
        "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n" +
        "*** Can't find nginx.default.svc.cluster.local: No answer\n\n",
    );
    expect(r.status).toBe(1);
  });

  it("looks up an address as PTR", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", busyboxNslookup, ["nslookup", "10.96.0.10"]);
    expect(r.stdout).toBe(
      `${HEADER}10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local\n\n`,
    );
    expect(r.status).toBe(0);
  });

  it("answers -type=srv with busybox's service lines", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", busyboxNslookup, [
      "nslookup",
      "-type=srv",
      "_web._tcp.nginx.default.svc.cluster.local",
    ]);
    expect(r.stdout).toBe(
      `${HEADER}_web._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-0.nginx.default.svc.cluster.local\n_web._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-1.nginx.default.svc.cluster.local\n\n`,
    );
  });

  it("times out against a server that is not the cluster DNS", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", busyboxNslookup, ["nslookup", "nginx", "8.8.8.8"]);
    expect(r).toEqual({
      stdout: ";; connection timed out; no servers could be reached\n\n",
      stderr: "",
      status: 1,
    });
  });

  it("shows its usage without a name", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", busyboxNslookup, ["nslookup"]);
    expect(r.stderr).toContain("Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]");
    expect(r.status).toBe(1);
  });
});

describe("bind nslookup (dnsutils)", () => {
  it("uses the search list under ndots and prints the first name that exists", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", bindNslookup, ["nslookup", "web-0.nginx"]);
    expect(r).toEqual({
      stdout:
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: 10.244.0.5\n\n",
      stderr: "",
      status: 0,
    });
  });

  it("reports NXDOMAIN for the last name tried, exit 1", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", bindNslookup, ["nslookup", "foo"]);
    expect(r.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find foo: NXDOMAIN\n\n",
    );
    expect(r.status).toBe(1);
  });
});

describe("busybox 1.28 nslookup (the DNS-debugging docs' image)", () => {
  it("prints numbered addresses with their reverse names", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", legacyBusyboxNslookup, ["nslookup", "kubernetes.default"]);
    expect(r.stdout).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n",
    );
    const sts = await runInPod(cluster, "client", legacyBusyboxNslookup, ["nslookup", "nginx"]);
    expect(sts.stdout.split("\n").slice(3)).toEqual([
      "Name:      nginx",
      "Address 1: 10.244.0.5 web-0.nginx.default.svc.cluster.local",
      "Address 2: 10.244.0.6 web-1.nginx.default.svc.cluster.local",
      "",
    ]);
  });

  it("says it can't resolve a missing name on stderr", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", legacyBusyboxNslookup, ["nslookup", "foo"]);
    expect(r.stderr).toBe("nslookup: can't resolve 'foo'\n");
    expect(r.status).toBe(1);
  });
});

describe("which nslookup an image has", () => {
  it("maps images to flavours", () => {
    expect(nslookupFlavour("busybox:1.28")).toBe("busybox-1.28");
    expect(nslookupFlavour("busybox:1.36")).toBe("busybox");
    expect(nslookupFlavour("busybox")).toBe("busybox");
    expect(nslookupFlavour("alpine:3.20")).toBe("busybox");
    expect(nslookupFlavour("registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3")).toBe("bind");
  });

  it("picks the flavour from the pod's image", async () => {
    const cluster = walkthroughWithClient();
    const r = await runInPod(cluster, "client", nslookup, [
      "nslookup",
      "kubernetes.default.svc.cluster.local",
    ]);
    expect(r.stdout.startsWith(HEADER)).toBe(true);
  });
});

describe("ExternalName Services", () => {
  it("answer with a CNAME to the external name, which busybox prints as canonical name", async () => {
    const cluster = walkthroughWithClient();
    cluster.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "db", namespace: "default" },
      spec: { type: "ExternalName", externalName: "db.example.com" },
    });
    const r = await runInPod(cluster, "client", busyboxNslookup, [
      "nslookup",
      "db.default.svc.cluster.local",
    ]);
    expect(r.stdout).toBe(
      `${HEADER}db.default.svc.cluster.local\tcanonical name = db.example.com\n\ndb.default.svc.cluster.local\tcanonical name = db.example.com\n\n`,
    );
    const bind = await runInPod(cluster, "client", bindNslookup, ["nslookup", "db"]);
    expect(bind.stdout).toContain("db.default.svc.cluster.local\tcanonical name = db.example.com.\n");
  });
});
