import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { getent } from "../../../sandbox/engine/tools/net/getent.ts";
import { sh } from "../helpers.ts";
import { addPod, runInPod, statefulSetWalkthrough } from "./fixtures.ts";

/**
 * glibc getent in a Debian-based pod (nss/getent.c): `%-15s %s` per address with the official
 * name and aliases, /etc/hosts before DNS, the search list under ndots:5, exit 2 for a key not found.
 */
function walkthrough() {
  const cluster = statefulSetWalkthrough();
  // Not Ready: the headless Service publishes no record for it.
  addPod(cluster, { name: "web-2", ip: "10.244.0.7", hostname: "web-2", subdomain: "nginx", ready: false });
  return cluster;
}

const inWeb0 = (argv: string[]) => runInPod(walkthrough(), "web-0", getent, ["getent", ...argv]);

describe("getent hosts", () => {
  it("finds a StatefulSet pod by its short per-pod name through the search list", async () => {
    expect(await inWeb0(["hosts", "web-1.nginx"])).toEqual({
      stdout: "10.244.0.6      web-1.nginx.default.svc.cluster.local\n",
      stderr: "",
      status: 0,
    });
  });

  it("prints one line per address of a headless Service, Ready pods only", async () => {
    expect((await inWeb0(["hosts", "nginx"])).stdout).toBe(
      "10.244.0.5      nginx.default.svc.cluster.local\n10.244.0.6      nginx.default.svc.cluster.local\n",
    );
    expect(await inWeb0(["hosts", "web-2.nginx"])).toEqual({ stdout: "", stderr: "", status: 2 });
  });

  it("gives a ClusterIP Service's address and full name", async () => {
    expect((await inWeb0(["hosts", "kubernetes.default"])).stdout).toBe(
      "10.96.0.1       kubernetes.default.svc.cluster.local\n",
    );
  });

  it("answers the pod's own name from /etc/hosts, with the hostname as an alias", async () => {
    expect((await inWeb0(["hosts", "web-0"])).stdout).toBe(
      "10.244.0.5      web-0.nginx.default.svc.cluster.local web-0\n",
    );
  });

  it("answers localhost with ::1 first, as glibc asks for IPv6 before IPv4", async () => {
    expect((await inWeb0(["hosts", "localhost"])).stdout).toBe(
      "::1             localhost ip6-localhost ip6-loopback\n",
    );
  });

  it("looks an address up in /etc/hosts, then as PTR", async () => {
    expect((await inWeb0(["hosts", "10.96.0.10"])).stdout).toBe(
      "10.96.0.10      kube-dns.kube-system.svc.cluster.local\n",
    );
    expect((await inWeb0(["hosts", "127.0.0.1"])).stdout).toBe("127.0.0.1       localhost\n");
  });

  it("prints what it finds and exits 2 when any key is not found", async () => {
    expect(await inWeb0(["hosts", "no-such-service", "web-1.nginx"])).toEqual({
      stdout: "10.244.0.6      web-1.nginx.default.svc.cluster.local\n",
      stderr: "",
      status: 2,
    });
  });

  it("lists /etc/hosts without a key", async () => {
    const { stdout, status } = await inWeb0(["hosts"]);
    expect(status).toBe(0);
    expect(stdout).toBe(
      "127.0.0.1       localhost\n" +
        "::1             localhost ip6-localhost ip6-loopback\n" +
        "fe00::0         ip6-localnet\n" +
        "fe00::0         ip6-mcastprefix\n" +
        "fe00::1         ip6-allnodes\n" +
        "fe00::2         ip6-allrouters\n" +
        "10.244.0.5      web-0.nginx.default.svc.cluster.local web-0\n",
    );
  });
});

describe("getent ahostsv4", () => {
  it("prints getaddrinfo's three socket types per address, the canonical name on the first", async () => {
    expect((await inWeb0(["ahostsv4", "web-1.nginx"])).stdout).toBe(
      "10.244.0.6      STREAM web-1.nginx.default.svc.cluster.local\n" +
        "10.244.0.6      DGRAM  \n" +
        "10.244.0.6      RAW    \n",
    );
  });
});

describe("getent's arguments", () => {
  it("says what is wrong as glibc does", async () => {
    const see = "Try `getent --help' or `getent --usage' for more information.\n";
    expect(await inWeb0([])).toEqual({
      stdout: see,
      stderr: "getent: wrong number of arguments\n",
      status: 1,
    });
    expect(await inWeb0(["hostz", "x"])).toEqual({
      stdout: see,
      stderr: "Unknown database: hostz\n",
      status: 1,
    });
    expect(await inWeb0(["--bogus", "hosts"])).toEqual({
      stdout: "",
      stderr: `getent: unrecognized option '--bogus'\n${see}`,
      status: 64,
    });
    expect((await inWeb0(["shadow", "root"])).stderr).toBe(
      "getent: the shadow database is not available in this sandbox yet\n",
    );
  });

  it("never throws and exits 0, 1, 2 or 64, whatever the arguments", async () => {
    const cluster = walkthrough();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string(), fc.constantFrom("hosts", "ahostsv4", "passwd", "-i", "--"))),
        async (argv) => {
          const { status } = await runInPod(cluster, "web-0", getent, ["getent", ...argv]);
          return [0, 1, 2, 64].includes(status);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("getent in a real container (kubectl exec)", () => {
  it("reads passwd and group from the container's files, by name or number", async () => {
    const sandbox = createSandbox({ scenario: "web-statefulset", timeMode: "instant" });
    sandbox.advance(60_000);
    expect(await sh(sandbox, "kubectl exec web-0 -- getent passwd root 33")).toEqual({
      stdout: "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n",
      stderr: "",
      status: 0,
    });
    expect((await sh(sandbox, "kubectl exec web-0 -- getent group nogroup")).stdout).toBe(
      "nogroup:x:65534:\n",
    );
    expect((await sh(sandbox, "kubectl exec web-0 -- getent passwd nobody-here")).status).toBe(2);
    // The resolver reads the container's own /etc/hosts, as glibc does.
    await sh(sandbox, `kubectl exec web-0 -- sh -c 'echo "10.1.2.3 db.example" >> /etc/hosts'`);
    expect((await sh(sandbox, "kubectl exec web-0 -- getent hosts db.example")).stdout).toBe(
      "10.1.2.3        db.example\n",
    );
  });
});
