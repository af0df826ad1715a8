import { describe, expect, it } from "vitest";
import { httpRequest, parseUrl } from "../../../sandbox/engine/cluster/network/traffic.ts";
import { FileTree } from "../../../sandbox/engine/fs/file-tree.ts";
import { NGINX_INDEX_HTML } from "../../../sandbox/engine/images/nginx.ts";
import { createTimeDriver } from "../../../sandbox/engine/time-driver.ts";
import { curl } from "../../../sandbox/engine/tools/net/curl.ts";
import { ping } from "../../../sandbox/engine/tools/net/ping.ts";
import { createWget, wget } from "../../../sandbox/engine/tools/net/wget.ts";
import { addPod, runInPod, setPodStatus, statefulSetWalkthrough } from "./fixtures.ts";

function withClient(cluster = statefulSetWalkthrough()) {
  addPod(cluster, { name: "client", ip: "10.244.0.9", labels: { run: "client" }, image: "busybox:1.36" });
  return cluster;
}

function withWebService(cluster = withClient()) {
  cluster.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default" },
    spec: { selector: { app: "nginx" }, ports: [{ port: 80, name: "http" }] },
  });
  cluster.runControllers();
  return cluster;
}

const clusterIPOf = (cluster: ReturnType<typeof withClient>, name: string) =>
  (cluster.api.get("Service", "default", name).spec as { clusterIP: string }).clusterIP;

describe("parseUrl", () => {
  it("reads scheme, host, port and path, defaulting to http, 80 and /", () => {
    expect(parseUrl("web")).toEqual({ scheme: "http", host: "web", port: 80, path: "/" });
    expect(parseUrl("http://web-0.nginx:8080/a?b=1")).toEqual({
      scheme: "http",
      host: "web-0.nginx",
      port: 8080,
      path: "/a?b=1",
    });
    expect(parseUrl("https://x")?.port).toBe(443);
  });
});

describe("httpRequest", () => {
  it("reaches a StatefulSet pod by its stable name and gets nginx's page", () => {
    const cluster = withClient();
    const client = cluster.api.get("Pod", "default", "client");
    const outcome = httpRequest(cluster, client, parseUrl("web-1.nginx")!);
    expect(outcome.kind).toBe("response");
    if (outcome.kind !== "response") return;
    expect(outcome.ip).toBe("10.244.0.6");
    expect(outcome.servedBy.metadata.name).toBe("web-1");
    expect(outcome.response.status).toBe(200);
    expect(outcome.response.body).toBe(NGINX_INDEX_HTML);
  });

  it("spreads ClusterIP connections over the ready endpoints only, reproducibly for a seed", () => {
    const servedBy = (seed: number) => {
      const cluster = withWebService(withClient(statefulSetWalkthrough(seed)));
      const client = cluster.api.get("Pod", "default", "client");
      return Array.from({ length: 40 }, () => {
        const outcome = httpRequest(cluster, client, parseUrl("web")!);
        return outcome.kind === "response" ? outcome.servedBy.metadata.name : outcome.kind;
      });
    };
    const names = servedBy(5);
    expect(new Set(names)).toEqual(new Set(["web-0", "web-1"]));
    expect(servedBy(5)).toEqual(names);

    const cluster = withWebService();
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    const client = cluster.api.get("Pod", "default", "client");
    for (let i = 0; i < 20; i++) {
      const outcome = httpRequest(cluster, client, parseUrl("web")!);
      expect(outcome.kind === "response" && outcome.servedBy.metadata.name).toBe("web-0");
    }
  });

  it("keeps a client on one endpoint with sessionAffinity ClientIP", () => {
    const cluster = withClient();
    cluster.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "sticky", namespace: "default" },
      spec: { selector: { app: "nginx" }, ports: [{ port: 80 }], sessionAffinity: "ClientIP" },
    });
    cluster.runControllers();
    const client = cluster.api.get("Pod", "default", "client");
    const served = new Set(
      Array.from({ length: 20 }, () => {
        const outcome = httpRequest(cluster, client, parseUrl("sticky")!);
        return outcome.kind === "response" ? outcome.servedBy.metadata.name : outcome.kind;
      }),
    );
    expect(served.size).toBe(1);
    expect([...served][0]).toMatch(/^web-[01]$/);
  });

  it("is refused by a Service without ready endpoints, and times out on an unknown address", () => {
    const cluster = withWebService();
    setPodStatus(cluster, "web-0", "10.244.0.5", false);
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    const client = cluster.api.get("Pod", "default", "client");
    expect(httpRequest(cluster, client, parseUrl("web")!)).toEqual({
      kind: "refused",
      ip: clusterIPOf(cluster, "web"),
      port: 80,
    });
    expect(httpRequest(cluster, client, parseUrl("10.244.0.99")!).kind).toBe("timeout");
    expect(httpRequest(cluster, client, parseUrl("nope")!).kind).toBe("bad-address");
  });

  it("reaches a NodePort Service on the node's address", () => {
    const cluster = withClient();
    cluster.create({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "kind-control-plane" },
      status: { addresses: [{ type: "InternalIP", address: "172.18.0.2" }] },
    });
    cluster.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "np", namespace: "default" },
      spec: { type: "NodePort", selector: { app: "nginx" }, ports: [{ port: 80, nodePort: 30080 }] },
    });
    cluster.runControllers();
    const client = cluster.api.get("Pod", "default", "client");
    expect(httpRequest(cluster, client, parseUrl("172.18.0.2:30080")!).kind).toBe("response");
    expect(httpRequest(cluster, client, parseUrl("172.18.0.2:30081")!).kind).toBe("refused");
  });

  it("still reaches a not-ready pod by its IP (readiness only gates Services)", () => {
    const cluster = withClient();
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    const client = cluster.api.get("Pod", "default", "client");
    expect(httpRequest(cluster, client, parseUrl("10.244.0.6")!).kind).toBe("response");
  });

  it("is refused on a port nothing listens on", () => {
    const cluster = withClient();
    const client = cluster.api.get("Pod", "default", "client");
    expect(httpRequest(cluster, client, parseUrl("10.244.0.5:8080")!).kind).toBe("refused");
    expect(httpRequest(cluster, client, parseUrl("10.244.0.9")!).kind).toBe("refused");
  });

  it("answers 404 with nginx's error page", () => {
    const cluster = withClient();
    const client = cluster.api.get("Pod", "default", "client");
    const outcome = httpRequest(cluster, client, parseUrl("10.244.0.5/missing")!);
    expect(outcome.kind === "response" && outcome.response.status).toBe(404);
    expect(outcome.kind === "response" && outcome.response.body).toBe(
      "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    );
  });
});

describe("busybox wget", () => {
  it("prints just the page with -qO-", async () => {
    const cluster = withWebService();
    const r = await runInPod(cluster, "client", wget, ["wget", "-qO-", "http://web"]);
    expect(r).toEqual({ stdout: NGINX_INDEX_HTML, stderr: "", status: 0 });
  });

  it("prints the connection, progress and done lines with -O-", async () => {
    const cluster = withClient();
    const r = await runInPod(cluster, "client", wget, ["wget", "-O-", "web-0.nginx"]);
    expect(r.stdout).toBe(NGINX_INDEX_HTML);
    expect(r.stderr).toBe(
      "Connecting to web-0.nginx (10.244.0.5:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n",
    );
    const tty = await runInPod(cluster, "client", createWget({ tty: true }), [
      "wget",
      "-O",
      "-",
      "web-0.nginx",
    ]);
    expect(tty.stderr).toContain("\r-                    100% |");
  });

  it("says the remote file exists with --spider", async () => {
    const cluster = withClient();
    const r = await runInPod(cluster, "client", wget, ["wget", "--spider", "http://10.244.0.5/"]);
    expect(r).toEqual({
      stdout: "",
      stderr: "Connecting to 10.244.0.5 (10.244.0.5:80)\nremote file exists\n",
      status: 0,
    });
  });

  it("reports bad addresses, refused connections and HTTP errors in busybox's words", async () => {
    const cluster = withWebService();
    expect(await runInPod(cluster, "client", wget, ["wget", "-qO-", "nope"])).toEqual({
      stdout: "",
      stderr: "wget: bad address 'nope'\n",
      status: 1,
    });
    setPodStatus(cluster, "web-0", "10.244.0.5", false);
    setPodStatus(cluster, "web-1", "10.244.0.6", false);
    const ip = clusterIPOf(cluster, "web");
    expect(await runInPod(cluster, "client", wget, ["wget", "-O-", "web"])).toEqual({
      stdout: "",
      stderr: `Connecting to web (${ip}:80)\nwget: can't connect to remote host (${ip}): Connection refused\n`,
      status: 1,
    });
    const missing = await runInPod(cluster, "client", wget, ["wget", "-qO-", "10.244.0.5/nope"]);
    expect(missing.stderr).toBe("wget: server returned error: HTTP/1.1 404 Not Found\n");
    expect(missing.status).toBe(1);
  });

  it("saves the page into the pod shell's working directory", async () => {
    const cluster = withClient();
    const fs = new FileTree();
    fs.mkdir("/tmp", 0);
    const client = cluster.api.get("Pod", "default", "client");
    let stderr = "";
    const status = await wget(
      {
        argv: ["wget", "http://10.244.0.5/"],
        stdin: "",
        stdout: () => {},
        stderr: (text) => {
          stderr += text;
        },
        signal: new AbortController().signal,
        env: { cluster, time: createTimeDriver(cluster, "instant") },
        shell: { fs, cwd: "/tmp" },
      },
      client,
    );
    expect(status).toBe(0);
    expect(fs.readFile("/tmp/index.html")).toBe(NGINX_INDEX_HTML);
    expect(stderr).toBe(
      "Connecting to 10.244.0.5 (10.244.0.5:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n",
    );
  });

  it("waits out a connect timeout in simulated time", async () => {
    const cluster = withClient();
    const before = cluster.clock.now();
    const r = await runInPod(cluster, "client", wget, ["wget", "-T", "5", "-qO-", "10.244.0.99"]);
    expect(r.stderr).toBe("wget: download timed out\n");
    expect(cluster.clock.now() - before).toBe(5000);
  });
});

describe("curl", () => {
  it("prints the body, and curl's error lines with their exit codes", async () => {
    const cluster = withWebService();
    expect(await runInPod(cluster, "client", curl, ["curl", "-s", "web"])).toEqual({
      stdout: NGINX_INDEX_HTML,
      stderr: "",
      status: 0,
    });
    expect(await runInPod(cluster, "client", curl, ["curl", "nope"])).toEqual({
      stdout: "",
      stderr: "curl: (6) Could not resolve host: nope\n",
      status: 6,
    });
    expect((await runInPod(cluster, "client", curl, ["curl", "-s", "nope"])).stderr).toBe("");
    expect(await runInPod(cluster, "client", curl, ["curl", "10.244.0.5:8080"])).toEqual({
      stdout: "",
      stderr: "curl: (7) Failed to connect to 10.244.0.5 port 8080 after 0 ms: Couldn't connect to server\n",
      status: 7,
    });
  });

  it("prints the status line and headers with CRLF for -I", async () => {
    const cluster = withClient();
    const r = await runInPod(cluster, "client", curl, ["curl", "-I", "web-0.nginx"]);
    const date = new Date(cluster.clock.now()).toUTCString();
    expect(r.stdout.split("\r\n").slice(0, 5)).toEqual([
      "HTTP/1.1 200 OK",
      "Server: nginx",
      `Date: ${date}`,
      "Content-Type: text/html",
      "Content-Length: 615",
    ]);
    expect(r.stdout.endsWith("Accept-Ranges: bytes\r\n\r\n")).toBe(true);
  });

  it("fails with -f on an HTTP error", async () => {
    const cluster = withClient();
    expect(await runInPod(cluster, "client", curl, ["curl", "-sf", "10.244.0.5/x"])).toEqual({
      stdout: "",
      stderr: "",
      status: 22,
    });
  });
});

describe("curl's progress meter", () => {
  it("is drawn on stderr when stdout is not a terminal, with the speed of a one-millisecond transfer", async () => {
    const cluster = withClient();
    const client = cluster.api.get("Pod", "default", "client");
    let stdout = "";
    let stderr = "";
    const status = await curl(
      {
        argv: ["curl", "http://web-0.nginx"],
        stdin: "",
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
        signal: new AbortController().signal,
        env: { cluster, time: createTimeDriver(cluster, "instant") },
        stdoutIsTerminal: false,
      },
      client,
    );
    expect(status).toBe(0);
    expect(stdout).toBe(NGINX_INDEX_HTML);
    expect(stderr).toBe(
      "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
        "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
        "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0" +
        "\r100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n",
    );
  });
});

describe("busybox ping", () => {
  it("gets replies from a pod IP, one per simulated second, with the statistics", async () => {
    const cluster = withClient();
    const before = cluster.clock.now();
    const r = await runInPod(cluster, "client", ping, ["ping", "-c", "2", "web-0.nginx"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^PING web-0\.nginx \(10\.244\.0\.5\): 56 data bytes\n64 bytes from 10\.244\.0\.5: seq=0 ttl=64 time=0\.\d{3} ms\n64 bytes from 10\.244\.0\.5: seq=1 ttl=64 time=0\.\d{3} ms\n\n--- web-0\.nginx ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min\/avg\/max = 0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms\n$/,
    );
    expect(cluster.clock.now() - before).toBe(1000);
  });

  it("gets nothing back from a ClusterIP: 100% packet loss, exit 1", async () => {
    const cluster = withWebService();
    const ip = clusterIPOf(cluster, "web");
    const r = await runInPod(cluster, "client", ping, ["ping", "-c", "3", "web"]);
    expect(r.stdout).toBe(
      `PING web (${ip}): 56 data bytes\n\n--- web ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\n`,
    );
    expect(r.status).toBe(1);
  });

  it("says bad address for a name that does not resolve", async () => {
    const cluster = withClient();
    expect(await runInPod(cluster, "client", ping, ["ping", "nope"])).toEqual({
      stdout: "",
      stderr: "ping: bad address 'nope'\n",
      status: 1,
    });
  });
});
