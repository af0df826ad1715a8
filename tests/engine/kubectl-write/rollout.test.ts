import { describe, expect, it } from "vitest";
import { lab } from "./harness.ts";

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

describe("kubectl rollout", () => {
  it("status waits through simulated time and ends with the statefulset viewer's done line", async () => {
    const k = lab();
    k.write("sts.yaml", STS);
    await k.run("kubectl apply -f sts.yaml");
    const result = await k.run("kubectl rollout status sts/web");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Waiting for 2 pods to be ready...");
    expect(lines.at(-1)).toBe("partitioned roll out complete: 2 new pods have been updated...");
    expect(
      lines.every((l) =>
        /^(Waiting for \d pods to be ready\.\.\.|Waiting for partitioned roll out to finish: \d out of 2 new pods have been updated\.\.\.|partitioned roll out complete: 2 new pods have been updated\.\.\.)$/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it("status of a deployment ends with successfully rolled out; other kinds have no viewer", async () => {
    const k = lab();
    await k.run("kubectl create deployment nginx --image=nginx:1.27 --replicas=2");
    const result = await k.run("kubectl rollout status deployment/nginx");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe('deployment "nginx" successfully rolled out');
    await k.run("kubectl create configmap cfg");
    expect(await k.run("kubectl rollout status cm/cfg")).toEqual({
      stdout: "",
      stderr: "error: no status viewer has been implemented for ConfigMap\n",
      status: 1,
    });
  });

  it("history, undo, pause and resume print kubectl's lines", async () => {
    const k = lab();
    await k.run("kubectl create deployment nginx --image=nginx:1.27");
    await k.run("kubectl rollout status deployment/nginx");
    await k.run(
      `kubectl patch deploy nginx -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`,
    );
    await k.run("kubectl rollout status deployment/nginx");
    expect((await k.run("kubectl rollout history deployment/nginx")).stdout).toBe(
      "deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
    );
    expect((await k.run("kubectl rollout undo deployment/nginx --to-revision=2")).stdout).toBe(
      "deployment.apps/nginx skipped rollback (current template already matches revision 2)\n",
    );
    expect((await k.run("kubectl rollout undo deployment/nginx --to-revision=7")).stderr).toBe(
      "error: unable to find specified revision 7 in history\n",
    );
    expect((await k.run("kubectl rollout pause deployment/nginx")).stdout).toBe(
      "deployment.apps/nginx paused\n",
    );
    expect((await k.run("kubectl rollout pause deployment/nginx")).stdout).toBe(
      "deployment.apps/nginx already paused\n",
    );
    expect((await k.run("kubectl rollout undo deployment/nginx")).stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    expect((await k.run("kubectl rollout resume deployment/nginx")).stdout).toBe(
      "deployment.apps/nginx resumed\n",
    );
    expect((await k.run("kubectl rollout undo deployment/nginx")).stdout).toBe(
      "deployment.apps/nginx rolled back\n",
    );
    const spec = k.cluster.api.get("Deployment", "default", "nginx").spec as {
      template: { spec: { containers: { image: string }[] } };
    };
    expect(spec.template.spec.containers[0]!.image).toBe("nginx:1.27");
  });

  it("restart stamps restartedAt and refuses a second restart in the same second; sts cannot pause", async () => {
    const k = lab();
    k.write("sts.yaml", STS);
    await k.run("kubectl apply -f sts.yaml");
    expect((await k.run("kubectl rollout restart sts/web")).stdout).toBe("statefulset.apps/web restarted\n");
    const template = (
      k.cluster.api.get("StatefulSet", "default", "web").spec as {
        template: { metadata: { annotations: object } };
      }
    ).template;
    expect(template.metadata.annotations).toEqual({
      "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z",
    });
    expect((await k.run("kubectl rollout restart sts/web")).stderr).toBe(
      "error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n",
    );
    expect((await k.run("kubectl rollout pause sts/web")).stderr).toBe(
      'error: statefulsets.apps "web" pausing is not supported\n',
    );
  });
});
