/**
 * A container whose command is a script that prepares files and then starts the image's own
 * server (`…; exec nginx -g 'daemon off;'`, as kubernetes.io's examples and many manifests do):
 * the server takes over as the container's process, so the pod runs and serves what the script
 * wrote, and its log has nginx's own start-up lines (a pod's `command` replaces the image's
 * ENTRYPOINT, so /docker-entrypoint.sh does not run and writes nothing).
 */
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

async function podWith(command: string): Promise<Sandbox> {
  const sandbox = createSandbox({ timeMode: "instant" });
  const manifest = [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: web",
    "spec:",
    "  containers:",
    "  - name: nginx",
    "    image: nginx:1.27",
    `    command: ${command}`,
  ].join("\n");
  await sh(sandbox, `cat > pod.yaml <<'EOF'\n${manifest}\nEOF`);
  await sh(sandbox, "kubectl apply -f pod.yaml");
  await sh(sandbox, "sleep 30");
  return sandbox;
}

describe("the image's server started by the container's script", () => {
  it("runs after exec, serving what the script wrote, with nginx's own start-up lines", async () => {
    const sandbox = await podWith(
      `["sh", "-c", "echo starting; echo \\"<h1>$HOSTNAME</h1>\\" > /usr/share/nginx/html/index.html && exec nginx -g 'daemon off;'"]`,
    );
    expect(
      (
        await sh(
          sandbox,
          "kubectl get pod web -o jsonpath='{.status.phase} {.status.containerStatuses[0].ready} {.status.containerStatuses[0].restartCount}'",
        )
      ).stdout,
    ).toBe("Running true 0");
    const logs = (await sh(sandbox, "kubectl logs web")).stdout.split("\n");
    expect(logs[0]).toBe("starting");
    expect(logs[1]).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: using the "epoll" event method$/,
    );
    expect(logs.join("\n")).not.toContain("docker-entrypoint");
    const ip = (await sh(sandbox, "kubectl get pod web -o jsonpath='{.status.podIP}'")).stdout;
    expect(
      (
        await sh(
          sandbox,
          `kubectl run get --image=busybox:1.36 --rm -i --restart=Never -- wget -qO- http://${ip}/`,
        )
      ).stdout,
    ).toContain("<h1>web</h1>");
  });

  it("runs in the foreground too, and a pod's command running nginx writes no entrypoint lines", async () => {
    const foreground = await podWith(`["sh", "-c", "nginx -g 'daemon off;'"]`);
    expect((await sh(foreground, "kubectl get pod web -o jsonpath='{.status.phase}'")).stdout).toBe(
      "Running",
    );
    const direct = await podWith(`["nginx", "-g", "daemon off;"]`);
    const logs = (await sh(direct, "kubectl logs web")).stdout;
    expect(logs).toContain("[notice] 1#1: start worker processes");
    expect(logs).not.toContain("docker-entrypoint");
  });

  it("is not started from kubectl exec or with other options, and exec ends the shell", async () => {
    const sandbox = await podWith(`["sh", "-c", "exec nginx -g 'daemon off;'"]`);
    expect(await sh(sandbox, "kubectl exec web -- nginx -g 'daemon off;'")).toMatchObject({
      stderr: "nginx: not available in this sandbox yet\ncommand terminated with exit code 126\n",
    });
    expect((await sh(sandbox, "bash -c 'exec echo replaced; echo not reached'; echo $?")).stdout).toBe(
      "replaced\n0\n",
    );
    expect((await sh(sandbox, "bash -c 'exec false; echo not reached'; echo $?")).stdout).toBe("1\n");
  });
});
