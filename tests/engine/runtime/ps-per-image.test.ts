/**
 * `ps` exists where the image really ships it: BusyBox has the applet; the Debian-based nginx and
 * httpd images have no procps, so `ps` is not found (dash's and bash's words, or the runtime's
 * when exec'd directly).
 */
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

async function pods(): Promise<Sandbox> {
  const sandbox = createSandbox({ seed: 3, timeMode: "instant" });
  await sh(
    sandbox,
    "kubectl run n --image=nginx:1.27 && kubectl run h --image=httpd:2.4 && kubectl run b --image=busybox:1.37 -- sleep 3600 && sleep 20",
  );
  return sandbox;
}

describe("ps per image", () => {
  it("is missing from the Debian-based nginx and httpd images", async () => {
    const sandbox = await pods();
    for (const pod of ["n", "h"]) {
      expect(await sh(sandbox, `kubectl exec ${pod} -- sh -c ps`)).toEqual({
        stdout: "",
        stderr: "sh: 1: ps: not found\ncommand terminated with exit code 127\n",
        status: 127,
      });
      expect(await sh(sandbox, `kubectl exec ${pod} -- bash -c 'ps aux'`)).toEqual({
        stdout: "",
        stderr: "bash: line 1: ps: command not found\ncommand terminated with exit code 127\n",
        status: 127,
      });
      const direct = await sh(sandbox, `kubectl exec ${pod} -- ps`);
      expect(direct.status).toBe(1);
      expect(direct.stderr).toMatch(/exec: "ps": executable file not found in \$PATH: unknown\n$/);
    }
  });

  it("is BusyBox's applet in busybox", async () => {
    const sandbox = await pods();
    const out = await sh(sandbox, "kubectl exec b -- ps");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^PID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 sleep 3600\n/);
  });
});
