import { describe, expect, it } from "vitest";
import { harness, ns } from "./harness.ts";

describe("kubectl api-resources", () => {
  it("lists the served resources sorted by group, core first, then by name", async () => {
    const r = await harness().kubectl("kubectl api-resources");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("NAME                     SHORTNAMES   APIVERSION            NAMESPACED   KIND");
    expect(lines[1]).toBe(
      "configmaps               cm           v1                    true         ConfigMap",
    );
    expect(lines).toContain(
      "statefulsets             sts          apps/v1               true         StatefulSet",
    );
    expect(lines).toContain(
      "storageclasses           sc           storage.k8s.io/v1     false        StorageClass",
    );
    const names = lines.slice(1, -1).map((l) => l.split(" ")[0]);
    expect(names.indexOf("services")).toBeLessThan(names.indexOf("controllerrevisions"));
    expect(names.indexOf("deployments")).toBeLessThan(names.indexOf("endpointslices"));
  });

  it("filters and prints names", async () => {
    const h = harness();
    const apps = (await h.kubectl("kubectl api-resources --api-group=apps -o name")).stdout
      .split("\n")
      .slice(0, -1);
    expect(apps).toEqual([...apps].sort());
    expect(apps).toEqual(
      expect.arrayContaining(["controllerrevisions.apps", "deployments.apps", "statefulsets.apps"]),
    );
    expect(apps.every((name) => name.endsWith(".apps"))).toBe(true);
    expect((await h.kubectl("kubectl api-resources --namespaced=false -o name")).stdout).toBe(
      "namespaces\nnodes\npersistentvolumes\nstorageclasses.storage.k8s.io\n",
    );
    expect((await h.kubectl("kubectl api-resources --sort-by=foo")).stderr).toBe(
      "error: --sort-by accepts only name or kind\n",
    );
    expect((await h.kubectl("kubectl api-resources -o yaml")).stderr).toBe(
      "error: --output yaml is not available\n",
    );
  });

  it("-o wide adds verbs and categories", async () => {
    const r = await harness().kubectl("kubectl api-resources -o wide --api-group=apps");
    expect(r.stdout.split("\n")[0]).toBe(
      "NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND                 VERBS                                                        CATEGORIES",
    );
    expect(r.stdout).toContain(
      "statefulsets          sts          apps/v1      true         StatefulSet          create,delete,deletecollection,get,list,patch,update,watch   all\n",
    );
  });
});

describe("kubectl config (checked against the real client on a kind kubeconfig)", () => {
  it("view redacts certificate data and, as kubectl 1.34, leaves out preferences", async () => {
    expect((await harness().kubectl("kubectl config view")).stdout).toBe(
      `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://127.0.0.1:40123
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
users:
- name: kind-kind
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`,
    );
  });

  it("current-context, get-contexts, use-context and set-context", async () => {
    const h = harness();
    h.create(ns("dev"));
    expect((await h.kubectl("kubectl config current-context")).stdout).toBe("kind-kind\n");
    expect((await h.kubectl("kubectl config get-contexts")).stdout).toBe(
      "CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   \n",
    );
    expect(await h.kubectl("kubectl config use-context nope")).toEqual({
      stdout: "",
      stderr: 'error: no context exists with the name: "nope"\n',
      status: 1,
    });
    expect((await h.kubectl("kubectl config use-context kind-kind")).stdout).toBe(
      'Switched to context "kind-kind".\n',
    );
    expect((await h.kubectl("kubectl config set-context --current --namespace=dev")).stdout).toBe(
      'Context "kind-kind" modified.\n',
    );
    expect((await h.kubectl("kubectl config get-contexts")).stdout).toBe(
      "CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   dev\n",
    );
    // The context's namespace is now the default for every command.
    expect((await h.kubectl("kubectl get pods")).stderr).toBe("No resources found in dev namespace.\n");
    expect((await h.kubectl("kubectl config get-contexts nope")).stderr).toBe(
      "error: context nope not found\n",
    );
    expect((await h.kubectl("kubectl config view --minify --output jsonpath={..namespace}")).stdout).toBe(
      "dev",
    );
    // --context picks another context for one command; an unknown one is refused (clientcmd's text).
    expect((await h.kubectl("kubectl get pods --context=kind-kind")).stderr).toBe(
      "No resources found in dev namespace.\n",
    );
    expect(await h.kubectl("kubectl --context nope get pods")).toEqual({
      stdout: "",
      stderr: "Error in configuration: context was not found for specified context: nope\n",
      status: 1,
    });
    expect((await h.kubectl("kubectl config bogus")).stderr).toBe(
      "error: unknown command \"bogus\"\nSee 'kubectl config -h' for help and examples\n",
    );
  });
});

describe("kubectl cluster-info and version", () => {
  it("names the control plane and CoreDNS when kube-dns is a cluster service", async () => {
    const h = harness();
    h.create(ns("kube-system"));
    h.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: {
          "k8s-app": "kube-dns",
          "kubernetes.io/cluster-service": "true",
          "kubernetes.io/name": "CoreDNS",
        },
      },
      spec: {
        clusterIP: "10.96.0.10",
        ports: [{ name: "dns", port: 53, protocol: "UDP" }],
        selector: { "k8s-app": "kube-dns" },
      },
    });
    expect((await h.kubectl("kubectl cluster-info")).stdout).toBe(
      "Kubernetes control plane is running at https://127.0.0.1:40123\nCoreDNS is running at https://127.0.0.1:40123/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });

  it("version -o json keeps the struct order with a 2-space indent, as the real client prints it", async () => {
    const r = await harness().kubectl("kubectl version -o json --client");
    expect(r.stdout).toBe(
      `{
  "clientVersion": {
    "major": "1",
    "minor": "34",
    "gitVersion": "v1.34.1",
    "gitCommit": "93248f9ae092f571eb870b7664c534bfc7d00f03",
    "gitTreeState": "clean",
    "buildDate": "2025-09-09T19:44:50Z",
    "goVersion": "go1.24.6",
    "compiler": "gc",
    "platform": "linux/amd64"
  },
  "kustomizeVersion": "v5.7.1"
}
`,
    );
    expect((await harness().kubectl("kubectl version -o xml")).stderr).toBe(
      "error: --output must be 'yaml' or 'json'\n",
    );
  });

  it("version -o yaml prints the structs", async () => {
    const r = await harness().kubectl("kubectl version -o yaml --client");
    expect(r.stdout).toBe(
      `clientVersion:
  buildDate: "2025-09-09T19:44:50Z"
  compiler: gc
  gitCommit: 93248f9ae092f571eb870b7664c534bfc7d00f03
  gitTreeState: clean
  gitVersion: v1.34.1
  goVersion: go1.24.6
  major: "1"
  minor: "34"
  platform: linux/amd64
kustomizeVersion: v5.7.1
`,
    );
  });
});
