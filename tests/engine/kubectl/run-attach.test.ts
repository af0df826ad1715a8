import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

describe("kubectl run -i/-t/--rm", () => {
  it("waits for the pod, prints the command's output, then deletes it with --rm", async () => {
    const [r, pods] = await run([
      "kubectl run -it --rm dns --image=busybox:1.37 --restart=Never -- hostname",
      "kubectl get pods dns",
    ]);
    expect(r).toEqual({ stdout: 'dns\npod "dns" deleted from default namespace\n', stderr: "", status: 0 });
    // Deleted without waiting (run's --wait is false): the pod may still be terminating.
    expect(pods!.stdout + pods!.stderr).toMatch(/Terminating|not found/);
  });

  it("opens the container's shell as a session and deletes the pod when it exits", async () => {
    const [r, inside, exit, after] = await run([
      "kubectl run -it --rm bb --image=busybox:1.37 --restart=Never -- sh",
      "hostname",
      "exit",
      "echo back",
    ]);
    expect(r).toEqual({
      stdout: "",
      stderr: "If you don't see a command prompt, try pressing enter.\n",
      status: 0,
    });
    expect(inside!.stdout).toBe("bb\n");
    expect(exit!.stdout).toBe('pod "bb" deleted from default namespace\n');
    expect(after!.stdout).toBe("back\n");
  });

  it("exits with the container's status and says the pod terminated", async () => {
    const [r] = await run(["kubectl run -i --rm t --image=busybox:1.37 --restart=Never -- sh -c 'exit 3'"]);
    expect(r).toEqual({
      stdout: 'pod "t" deleted from default namespace\n',
      stderr: "error: pod default/t terminated (Error)\n",
      status: 3,
    });
  });

  it("refuses what the real client refuses", async () => {
    const [tty, rm, dry] = await run([
      "kubectl run x --image=busybox -t",
      "kubectl run x --image=busybox --rm",
      "kubectl run x --image=busybox -i --dry-run=client",
    ]);
    expect(tty!.stderr).toBe(
      "Error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n",
    );
    expect(rm!.stderr).toBe(
      "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n",
    );
    expect(dry!.stderr).toBe(
      "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n",
    );
  });
});
