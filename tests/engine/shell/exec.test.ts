import type { Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createWorkspace } from "../../../sandbox/engine/shell/host.ts";
import { terminalFor } from "../../../sandbox/engine/shell/shell.ts";
import { createTimeDriver } from "../../../sandbox/engine/time-driver.ts";

/**
 * A cluster whose controllers never run (nothing drains them), so the pods are exactly as the
 * test writes them: running, pending, completed.
 */
function lab() {
  const cluster = new Cluster({ seed: 1 });
  cluster.api.create({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "default" },
    status: { phase: "Active" },
  });
  const env = { cluster, time: createTimeDriver(cluster, "instant"), workspace: createWorkspace(0) };
  const terminal = terminalFor(env);
  const put = (pod: Pod) => {
    const created = cluster.api.create(pod as unknown as KubeObject);
    // Status is the kubelet's to write; tests set it directly in the store.
    const stored = cluster.store.get({ kind: "Pod", namespace: "default", name: created.metadata.name })!;
    stored.status = pod.status;
  };
  async function sh(line: string) {
    let out = "";
    let stdout = "";
    let stderr = "";
    const status = await terminal.exec(
      line,
      (c) => {
        out += c.text;
        if (c.stream === "stdout") stdout += c.text;
        else stderr += c.text;
      },
      new AbortController().signal,
    );
    return { out, stdout, stderr, status, prompt: terminal.prompt() };
  }
  return { cluster, put, sh, terminal };
}

const running = { running: { startedAt: "2026-01-01T00:00:00Z" } };

function pod(name: string, image: string, extra: Partial<Pod["spec"]> = {}, phase = "Running"): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { nodeName: "kind-control-plane", containers: [{ name: "main", image }], ...extra },
    status: {
      phase,
      podIP: "10.244.0.7",
      containerStatuses: (extra.containers ?? [{ name: "main", image }]).map((c) => ({
        name: c.name,
        image: c.image ?? "",
        imageID: "",
        ready: true,
        restartCount: 0,
        state: phase === "Running" ? running : { terminated: { exitCode: 0, reason: "Completed" } },
      })),
    },
  };
}

describe("kubectl exec: one command", () => {
  it("runs a command in the container and passes its output through", async () => {
    const { put, sh } = lab();
    put(pod("web-0", "nginx:1.27", { hostname: "web-0", subdomain: "nginx" }));
    expect(await sh("kubectl exec web-0 -- hostname")).toMatchObject({ stdout: "web-0\n", status: 0 });
    expect((await sh("kubectl exec web-0 -- hostname -f")).stdout).toBe(
      "web-0.nginx.default.svc.cluster.local\n",
    );
    expect((await sh("kubectl exec web-0 -- sh -c 'echo $HOSTNAME'")).stdout).toBe("web-0\n");
  });

  it("keeps what a command wrote in the container for the next exec", async () => {
    const { put, sh } = lab();
    put(pod("web-0", "nginx:1.27"));
    await sh("kubectl exec web-0 -- sh -c 'echo web-0 > /usr/share/nginx/html/index.html'");
    expect((await sh("kubectl exec web-0 -- cat /usr/share/nginx/html/index.html")).stdout).toBe("web-0\n");
  });

  it("reports a non-zero exit as kubectl does and exits with it", async () => {
    const { put, sh } = lab();
    put(pod("web-0", "nginx:1.27"));
    expect(await sh("kubectl exec web-0 -- ls /nope")).toMatchObject({
      stderr: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n",
      status: 2,
    });
  });

  it("words errors in the image's own tools: BusyBox for busybox", async () => {
    const { put, sh } = lab();
    put(pod("bb", "busybox:1.36"));
    expect(await sh("kubectl exec bb -- ls /nope")).toMatchObject({
      stderr: "ls: /nope: No such file or directory\ncommand terminated with exit code 1\n",
      status: 1,
    });
    expect(await sh("kubectl exec bb -- sh -c foo")).toMatchObject({
      stderr: "sh: foo: not found\ncommand terminated with exit code 127\n",
      status: 127,
    });
  });

  it("says the executable is not in $PATH for a command the image lacks", async () => {
    const { put, sh } = lab();
    put(pod("web-0", "nginx:1.27"));
    const r = await sh("kubectl exec web-0 -- curl localhost");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/,
    );
  });
});

describe("kubectl exec: errors", () => {
  it.each([
    ["kubectl exec", "error: pod, type/name or --filename must be specified\n"],
    ["kubectl exec web-0", "error: you must specify at least one command for the container\n"],
    [
      "kubectl exec web-0 ls",
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    ],
    ["kubectl exec nope -- ls", 'Error from server (NotFound): pods "nope" not found\n'],
    [
      "kubectl exec web-0 -c nginxx -- ls",
      "error: container nginxx is not valid for pod web-0 out of: main\n",
    ],
  ])("%s", async (line, stderr) => {
    const { put, sh } = lab();
    put(pod("web-0", "nginx:1.27"));
    expect(await sh(line)).toMatchObject({ stdout: "", stderr, status: 1 });
  });

  it("refuses a completed pod and a pod with no node", async () => {
    const { put, sh } = lab();
    put(pod("done", "busybox:1.36", {}, "Succeeded"));
    put({
      ...pod("pending", "nginx:1.27"),
      spec: { containers: [{ name: "main", image: "nginx:1.27" }] },
      status: { phase: "Pending" },
    });
    expect((await sh("kubectl exec done -- ls")).stderr).toBe(
      "error: cannot exec into a container in a completed pod; current phase is Succeeded\n",
    );
    expect((await sh("kubectl exec pending -- ls")).stderr).toBe(
      "Error from server (BadRequest): pod pending does not have a host assigned\n",
    );
  });

  it("cannot reach a container that is not running", async () => {
    const { put, sh } = lab();
    const waiting = pod("web-0", "nginx:1.27");
    waiting.status!.containerStatuses![0]!.state = { waiting: { reason: "ContainerCreating" } };
    put(waiting);
    expect((await sh("kubectl exec web-0 -- ls")).stderr).toBe(
      'error: unable to upgrade connection: container not found ("main")\n',
    );
  });

  it("notes the defaulted container when the pod has several", async () => {
    const { put, sh } = lab();
    const containers = [
      { name: "nginx", image: "nginx:1.27" },
      { name: "sidecar", image: "busybox:1.36" },
    ];
    put(pod("two", "nginx:1.27", { containers }));
    const r = await sh("kubectl exec two -- hostname");
    expect(r.stderr).toBe('Defaulted container "nginx" out of: nginx, sidecar\n');
    expect(r.stdout).toBe("two\n");
  });
});

describe("kubectl exec -it: a shell session", () => {
  it("enters bash with root@<hostname>:/# , runs lines there, and exit returns to the host", async () => {
    const { put, sh, terminal } = lab();
    put(pod("web-0", "nginx:1.27", { hostname: "web-0" }));
    const prompts: string[] = [];
    terminal.onPromptChange((p) => prompts.push(p));
    expect(await sh("kubectl exec -it web-0 -- bash")).toMatchObject({
      out: "",
      status: 0,
      prompt: "root@web-0:/# ",
    });
    expect((await sh("cd /usr/share/nginx/html")).prompt).toBe("root@web-0:/usr/share/nginx/html# ");
    expect((await sh("ls")).stdout).toBe("50x.html  index.html\n");
    expect((await sh("nope")).stderr).toBe("bash: nope: command not found\n");
    expect(await sh("exit 3")).toMatchObject({
      stderr: "exit\ncommand terminated with exit code 3\n",
      status: 3,
      prompt: "$ ",
    });
    expect((await sh("echo $?")).stdout).toBe("3\n");
    expect(prompts).toEqual(["root@web-0:/# ", "$ "]);
  });

  it("ends the session when the pod goes away, as kubectl reports a killed shell", async () => {
    const { put, sh, cluster } = lab();
    put(pod("bb", "busybox:1.36"));
    await sh("kubectl exec -it bb -- sh");
    cluster.store.remove({ kind: "Pod", namespace: "default", name: "bb" });
    expect(await sh("echo still-here")).toMatchObject({
      stdout: "",
      stderr: "command terminated with exit code 137\n",
      status: 137,
      prompt: "$ ",
    });
  });

  it("enters BusyBox sh with its `/ # ` prompt and leaves quietly", async () => {
    const { put, sh } = lab();
    put(pod("bb", "busybox:1.36"));
    expect((await sh("kubectl exec -it bb -- sh")).prompt).toBe("/ # ");
    expect(await sh("exit")).toMatchObject({ out: "", status: 0, prompt: "$ " });
  });

  it("with stdin from a heredoc, runs the shell on it instead of entering a session", async () => {
    const { put, sh } = lab();
    put(pod("bb", "busybox:1.36"));
    const r = await sh("kubectl exec -i bb -- sh <<EOF\necho from-stdin\nhostname\nEOF");
    expect(r).toMatchObject({ stdout: "from-stdin\nbb\n", prompt: "$ " });
  });
});

describe("apt-get in Debian images", () => {
  it("cannot find a package before apt-get update, then installs it onto PATH", async () => {
    const { put, sh } = lab();
    put(pod("web-0", "nginx:1.27"));
    expect(await sh("kubectl exec web-0 -- apt-get install -y wget")).toMatchObject({
      stdout:
        "Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n",
      stderr: "E: Unable to locate package wget\ncommand terminated with exit code 100\n",
      status: 100,
    });
    await sh("kubectl exec -it web-0 -- bash");
    const installed = await sh("apt-get update && apt-get install -y wget");
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain("Setting up wget (1.21.3-1+deb12u1) ...\n");
    expect((await sh("type wget")).stdout).toBe("wget is /usr/bin/wget\n");
    await sh("exit");
    expect((await sh("kubectl exec web-0 -- ls /usr/bin/wget")).stdout).toBe("/usr/bin/wget\n");
  });
});

describe("ps in busybox", () => {
  it("lists PID 1 (the pod's command), the exec'd shell and ps itself in BusyBox's columns", async () => {
    const { put, sh } = lab();
    const p = pod("bb", "busybox:1.36");
    p.spec!.containers[0]!.command = ["sleep", "3600"];
    put(p);
    expect((await sh("kubectl exec bb -- ps")).stdout).toBe(
      "PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n",
    );
    await sh("kubectl exec -it bb -- sh");
    expect((await sh("ps")).stdout).toBe(
      "PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sh\n   13 root      0:00 ps\n",
    );
  });
});
