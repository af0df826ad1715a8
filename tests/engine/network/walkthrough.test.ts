import { beforeAll, describe, expect, it } from "vitest";
import { NGINX_INDEX_HTML } from "../../../sandbox/engine/images/nginx.ts";
import { run } from "../helpers.ts";

/**
 * The StatefulSet walkthrough end to end through the shell: headless Service nginx, StatefulSet
 * web with 2 replicas (kubernetes.io tutorial), a busybox client pod, then DNS and traffic from
 * inside it. Pod IPs follow kind: the first user pods get 10.244.0.5 and .6.
 */
const WEB_YAML = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.27
        ports:
        - containerPort: 80
          name: web
`;

const CLIENT_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

const STEPS = {
  kubeDns: "kubectl get endpoints -n kube-system",
  endpoints: "kubectl get endpoints nginx",
  fqdn: "kubectl exec client -- nslookup web-0.nginx.default.svc.cluster.local",
  short: "kubectl exec client -- nslookup nginx",
  dotted: "kubectl exec client -- nslookup web-1.nginx",
  wget: "kubectl exec client -- wget -qO- web-1.nginx",
  missing: "kubectl exec client -- wget -O- http://web-0.nginx.default.svc.cluster.local/nope",
  resolv: "kubectl exec client -- cat /etc/resolv.conf",
  hostname: "kubectl exec web-1 -- hostname -f",
} as const;

type Result = { stdout: string; stderr: string; status: number };
let results: Record<keyof typeof STEPS, Result>;

beforeAll(async () => {
  const steps = Object.values(STEPS);
  const all = await run([
    `cat <<'EOF' > web.yaml\n${WEB_YAML}EOF`,
    `cat <<'EOF' > client.yaml\n${CLIENT_YAML}EOF`,
    "kubectl apply -f web.yaml",
    "sleep 30",
    "kubectl apply -f client.yaml",
    "sleep 30",
    ...steps,
  ]);
  const tail = all.slice(-steps.length);
  results = Object.fromEntries(Object.keys(STEPS).map((key, i) => [key, tail[i]!])) as typeof results;
});

const HEADER = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n";

describe("StatefulSet walkthrough: DNS and traffic from a busybox pod", () => {
  it("lists kube-dns's two CoreDNS pods × three ports, cut after three (networking.md §3)", () => {
    expect(results.kubeDns.stdout.split("\n")[1]).toMatch(
      /^kube-dns {3}10\.244\.0\.2:53,10\.244\.0\.3:53,10\.244\.0\.2:53 \+ 3 more\.\.\. {3}\S+$/,
    );
  });

  it("lists both pods as the headless Service's endpoints", () => {
    expect(results.endpoints.stdout.split("\n")[1]).toMatch(
      /^nginx {3}10\.244\.0\.5:80,10\.244\.0\.6:80 {3}\S+$/,
    );
  });

  it("resolves web-0's stable name", () => {
    expect(results.fqdn).toEqual({
      stdout: `${HEADER}Name:\tweb-0.nginx.default.svc.cluster.local\nAddress: 10.244.0.5\n\n*** Can't find web-0.nginx.default.svc.cluster.local: No answer\n\n`,
      stderr: "",
      status: 0,
    });
  });

  it("resolves the Service name through the search list, with busybox's NXDOMAIN lines and exit 1", () => {
    expect(results.short.stdout).toContain(
      "Name:\tnginx.default.svc.cluster.local\nAddress: 10.244.0.5\nName:\tnginx.default.svc.cluster.local\nAddress: 10.244.0.6\n\n",
    );
    expect(results.short.stderr).toBe("command terminated with exit code 1\n");
    expect(results.short.status).toBe(1);
  });

  it("does not search for a dotted name in busybox's nslookup", () => {
    expect(results.dotted.stdout).toBe(
      `${HEADER}** server can't find web-1.nginx: NXDOMAIN\n\n** server can't find web-1.nginx: NXDOMAIN\n\n`,
    );
  });

  it("fetches nginx's page from web-1 by its short stable name (wget uses the resolver's search list)", () => {
    expect(results.wget).toEqual({ stdout: NGINX_INDEX_HTML, stderr: "", status: 0 });
  });

  it("reports a 404 as busybox wget does", () => {
    expect(results.missing).toEqual({
      stdout: "",
      stderr:
        "Connecting to web-0.nginx.default.svc.cluster.local (10.244.0.5:80)\nwget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n",
      status: 1,
    });
  });

  it("gives the pod the ClusterFirst resolv.conf and the StatefulSet pod its FQDN", () => {
    expect(results.resolv.stdout).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
    expect(results.hostname.stdout).toBe("web-1.nginx.default.svc.cluster.local\n");
  });
});
