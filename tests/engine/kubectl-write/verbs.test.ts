import { describe, expect, it } from "vitest";
import { lab } from "./harness.ts";

const ok = (stdout: string) => ({ stdout, stderr: "", status: 0 });
const err = (stderr: string, stdout = "") => ({ stdout, stderr, status: 1 });

async function withDeployment() {
  const k = lab();
  await k.run("kubectl create deployment nginx --image=nginx:1.27 --replicas=2");
  return k;
}

describe("kubectl create generators", () => {
  it("prints the generated deployment exactly as the real client's --dry-run=client -o yaml", async () => {
    const k = lab();
    expect(
      await k.run(
        "kubectl create deployment nginx --image=nginx:1.27 --replicas=3 --port=80 --dry-run=client -o yaml",
      ),
    ).toEqual(
      ok(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: nginx
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`),
    );
    expect(k.cluster.api.tryGet("Deployment", "default", "nginx")).toBeUndefined();
  });

  it("creates each kind and prints kubectl's lines", async () => {
    const k = lab();
    expect(await k.run("kubectl create deployment nginx --image=nginx:1.27")).toEqual(
      ok("deployment.apps/nginx created\n"),
    );
    expect(await k.run("kubectl create service clusterip nginx --clusterip=None --tcp=80:80")).toEqual(
      ok("service/nginx created\n"),
    );
    expect(await k.run("kubectl create namespace dev")).toEqual(ok("namespace/dev created\n"));
    expect(await k.run("kubectl create configmap cfg --from-literal=k=v -n dev")).toEqual(
      ok("configmap/cfg created\n"),
    );
    expect(await k.run("kubectl create secret generic s --from-literal=password=hunter2")).toEqual(
      ok("secret/s created\n"),
    );
    expect(k.cluster.api.get("Service", "default", "nginx").spec).toMatchObject({
      clusterIP: "None",
      ports: [{ name: "80-80", port: 80, protocol: "TCP", targetPort: 80 }],
      selector: { app: "nginx" },
    });
    expect(k.cluster.api.get("ConfigMap", "dev", "cfg").data).toEqual({ k: "v" });
    expect(k.cluster.api.get("Secret", "default", "s").data).toEqual({ password: "aHVudGVyMg==" });
  });

  it("reports generator errors with the real client's texts", async () => {
    const k = lab();
    expect(await k.run("kubectl create service clusterip x")).toEqual(
      err("error: at least one tcp port specifier must be provided\n"),
    );
    expect(await k.run("kubectl create configmap c --from-literal=a")).toEqual(
      err("error: invalid literal source a, expected key=value\n"),
    );
    expect(await k.run("kubectl create configmap c --from-literal=a=1 --from-literal=a=2")).toEqual(
      err('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "c"\n'),
    );
    expect(await k.run("kubectl create")).toEqual(err("Error: must specify one of -f and -k\n"));
  });

  it("create on an existing object is AlreadyExists, with the file named under -f", async () => {
    const k = lab();
    k.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n");
    expect(await k.run("kubectl create -f cm.yaml")).toEqual(ok("configmap/cfg created\n"));
    expect(await k.run("kubectl create -f cm.yaml")).toEqual(
      err(
        'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "cfg" already exists\n',
      ),
    );
    expect(await k.run("kubectl create configmap cfg")).toEqual(
      err('Error from server (AlreadyExists): configmaps "cfg" already exists\n'),
    );
  });
});

describe("kubectl delete", () => {
  it("prints the v1.34 line with the namespace, and the missing ones at the end", async () => {
    const k = await withDeployment();
    await k.run("kubectl create configmap cfg");
    expect(await k.run("kubectl delete cm cfg nope")).toEqual(
      err(
        'Error from server (NotFound): configmaps "nope" not found\n',
        'configmap "cfg" deleted from default namespace\n',
      ),
    );
    expect(await k.run("kubectl delete deployment/nginx")).toEqual(
      ok('deployment.apps "nginx" deleted from default namespace\n'),
    );
  });

  it("waits, in simulated time, until a deleted pod has terminated", async () => {
    const k = lab();
    await k.run("kubectl run web --image=nginx");
    await k.run("kubectl wait --for=condition=Ready pod/web");
    const before = k.cluster.clock.now();
    expect(await k.run("kubectl delete pod web")).toEqual(ok('pod "web" deleted from default namespace\n'));
    expect(k.cluster.api.tryGet("Pod", "default", "web")).toBeUndefined();
    expect(k.cluster.clock.now()).toBeGreaterThan(before);
  });

  it("with --wait=false returns while the pod is still terminating", async () => {
    const k = lab();
    await k.run("kubectl run web --image=nginx");
    await k.run("kubectl wait --for=condition=Ready pod/web");
    await k.run("kubectl delete pod web --wait=false");
    expect(k.cluster.api.get("Pod", "default", "web").metadata.deletionTimestamp).toBeDefined();
  });

  it("cluster-scoped objects have no namespace suffix", async () => {
    const k = lab();
    await k.run("kubectl create namespace dev");
    expect((await k.run("kubectl delete namespace dev")).stdout).toBe('namespace "dev" deleted\n');
  });

  it("handles -f, --ignore-not-found, dry runs and flag conflicts", async () => {
    const k = lab();
    k.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n");
    expect(await k.run("kubectl delete -f cm.yaml")).toEqual(
      err('Error from server (NotFound): error when deleting "cm.yaml": configmaps "cfg" not found\n'),
    );
    expect(await k.run("kubectl delete -f cm.yaml --ignore-not-found")).toEqual(ok(""));
    await k.run("kubectl apply -f cm.yaml");
    expect(await k.run("kubectl delete -f cm.yaml --dry-run=client")).toEqual(
      ok('configmap "cfg" deleted (dry run) from default namespace\n'),
    );
    expect(k.cluster.api.tryGet("ConfigMap", "default", "cfg")).toBeDefined();
    expect(await k.run("kubectl delete cm --all -l a=b")).toEqual(
      err("error: setting 'all' parameter but found a non empty selector. \n"),
    );
    expect(await k.run("kubectl delete cm cfg --now --grace-period=3")).toEqual(
      err("error: --now and --grace-period cannot be specified together\n"),
    );
    expect(await k.run("kubectl delete cm cfg --force --grace-period=5")).toEqual(
      err("error: --force and --grace-period greater than 0 cannot be specified together\n"),
    );
    expect(await k.run("kubectl delete cm cfg --cascade=sideways")).toEqual(
      err('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n'),
    );
    expect(await k.run("kubectl delete cm -l app=none")).toEqual(ok("No resources found\n"));
  });

  it("force deletion warns first and says force deleted", async () => {
    const k = lab();
    await k.run("kubectl create configmap cfg");
    expect(await k.run("kubectl delete cm cfg --force --grace-period=0")).toEqual({
      stdout: 'configmap "cfg" force deleted from default namespace\n',
      stderr:
        "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
      status: 0,
    });
  });

  it("the old boolean --cascade values still work, with a warning", async () => {
    const k = lab();
    await k.run("kubectl create configmap cfg");
    expect(await k.run("kubectl delete cm cfg --cascade=false")).toEqual({
      stdout: 'configmap "cfg" deleted from default namespace\n',
      stderr:
        "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n",
      status: 0,
    });
  });
});

describe("kubectl scale", () => {
  it("scales and checks --current-replicas", async () => {
    const k = await withDeployment();
    expect(await k.run("kubectl scale deploy nginx --replicas=5")).toEqual(
      ok("deployment.apps/nginx scaled\n"),
    );
    expect((k.cluster.api.get("Deployment", "default", "nginx").spec as { replicas: number }).replicas).toBe(
      5,
    );
    expect(await k.run("kubectl scale deploy nginx --replicas=1 --current-replicas=2")).toEqual(
      err("error: Expected replicas to be 2, was 5\n"),
    );
    expect(await k.run("kubectl scale deploy nginx")).toEqual(
      err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"),
    );
    expect(await k.run("kubectl scale deploy nope --replicas=1")).toEqual(
      err('Error from server (NotFound): deployments.apps "nope" not found\n'),
    );
  });
});

describe("kubectl patch", () => {
  it("applies strategic, merge and json patches and says when nothing changed", async () => {
    const k = await withDeployment();
    expect(await k.run(`kubectl patch deploy nginx -p '{"spec":{"replicas":3}}'`)).toEqual(
      ok("deployment.apps/nginx patched\n"),
    );
    expect(await k.run(`kubectl patch deploy nginx -p '{"spec":{"replicas":3}}'`)).toEqual(
      ok("deployment.apps/nginx patched (no change)\n"),
    );
    expect(
      await k.run(
        `kubectl patch deploy nginx -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`,
      ),
    ).toEqual(ok("deployment.apps/nginx patched\n"));
    const spec = k.cluster.api.get("Deployment", "default", "nginx").spec as {
      replicas: number;
      template: { spec: { containers: { name: string; image: string; resources?: unknown }[] } };
    };
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers).toHaveLength(1);
    expect(spec.template.spec.containers[0]).toMatchObject({ name: "nginx", image: "nginx:1.28" });
    expect(await k.run(`kubectl patch deploy nginx --type merge -p 'spec: {replicas: 4}'`)).toEqual(
      ok("deployment.apps/nginx patched\n"),
    );
    expect(
      await k.run(
        `kubectl patch deploy nginx --type json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`,
      ),
    ).toEqual(ok("deployment.apps/nginx patched\n"));
    expect((k.cluster.api.get("Deployment", "default", "nginx").spec as { replicas: number }).replicas).toBe(
      2,
    );
  });

  it("reports kubectl's patch errors", async () => {
    const k = await withDeployment();
    expect(await k.run("kubectl patch deploy nginx")).toEqual(
      err("error: must specify --patch or --patch-file containing the contents of the patch\n"),
    );
    expect(await k.run(`kubectl patch deploy nginx --type x -p '{}'`)).toEqual(
      err('error: --type must be one of [json merge strategic], not "x"\n'),
    );
    // A failed JSON patch is a 422 without kind or name. (Real servers send no causes, so kubectl
    // prints "The request is invalid: the server rejected our request due to an error in our
    // request"; this sandbox's API currently attaches json-patch's text as a cause.)
    const failed = await k.run(
      `kubectl patch deploy nginx --type json -p '[{"op":"remove","path":"/spec/nope"}]'`,
    );
    expect(failed.status).toBe(1);
    expect(failed.stderr.startsWith("The request is invalid: ")).toBe(true);
  });
});

describe("kubectl label and annotate", () => {
  it("labels, relabels, removes and reports each case with kubectl's word", async () => {
    const k = await withDeployment();
    expect(await k.run("kubectl label deploy nginx tier=db")).toEqual(ok("deployment.apps/nginx labeled\n"));
    expect(await k.run("kubectl label deploy nginx tier=web")).toEqual(
      err("error: 'tier' already has a value (db), and --overwrite is false\n"),
    );
    expect(await k.run("kubectl label deploy nginx tier=web --overwrite")).toEqual(
      ok("deployment.apps/nginx labeled\n"),
    );
    expect(await k.run("kubectl label deploy nginx tier=web")).toEqual(
      ok("deployment.apps/nginx not labeled\n"),
    );
    expect(await k.run("kubectl label deploy nginx tier- zone=a")).toEqual(
      ok("deployment.apps/nginx label(s) changed\n"),
    );
    expect(await k.run("kubectl label deploy nginx zone-")).toEqual(ok("deployment.apps/nginx unlabeled\n"));
    expect(await k.run("kubectl label deploy nginx zone-")).toEqual(
      ok('label "zone" not found.\ndeployment.apps/nginx not labeled\n'),
    );
    expect(k.cluster.api.get("Deployment", "default", "nginx").metadata.labels).toEqual({ app: "nginx" });
    expect(await k.run("kubectl label deploy nginx")).toEqual(
      err("error: at least one label update is required\n"),
    );
    expect(await k.run("kubectl label deploy nginx a=b a-")).toEqual(
      err("error: can not both modify and remove a label in the same command\n"),
    );
    expect(await k.run("kubectl label deploy nginx 'a=b c'")).toEqual(
      err(
        "error: invalid label value: \"a=b c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n",
      ),
    );
    expect(await k.run("kubectl annotate deploy nginx")).toEqual(
      err("error: at least one annotation update is required\n"),
    );
    expect(await k.run("kubectl label deploy nginx a=b nginx")).toEqual(
      err("error: all resources must be specified before label changes: nginx\n"),
    );
  });

  it("annotates and refuses overwrites listing every clash", async () => {
    const k = await withDeployment();
    expect(await k.run("kubectl annotate deploy nginx note=hello k=v=w")).toEqual(
      ok("deployment.apps/nginx annotated\n"),
    );
    expect(k.cluster.api.get("Deployment", "default", "nginx").metadata.annotations).toMatchObject({
      note: "hello",
      k: "v=w",
    });
    expect(await k.run("kubectl annotate deploy nginx note=bye")).toEqual(
      err(
        "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n",
      ),
    );
    expect(await k.run("kubectl annotate deploy nginx note-")).toEqual(
      ok("deployment.apps/nginx annotated\n"),
    );
  });
});
