/**
 * `apt-get install -y procps` gives the Debian images GNU ps, with procps-ng's exact columns and
 * the container's real process tree: nginx's master and one worker per node CPU, httpd's three
 * event-MPM children, then what `kubectl exec` started.
 */
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

async function withProcps(image: string): Promise<Sandbox> {
  const sandbox = createSandbox({ timeMode: "instant" });
  await sh(sandbox, `kubectl run p --image=${image} && sleep 20`);
  const installed = await sh(sandbox, "kubectl exec p -- apt-get install -y procps");
  expect(installed.stderr).toBe(
    "E: Unable to locate package procps\ncommand terminated with exit code 100\n",
  );
  await sh(sandbox, "kubectl exec p -- sh -c 'apt-get update && apt-get install -y procps' > /dev/null 2>&1");
  return sandbox;
}

describe("GNU ps after apt-get install procps", () => {
  it("ps aux in nginx: master, a worker per CPU (the node's capacity), then ps itself", async () => {
    const sandbox = await withProcps("nginx:1.27");
    const cpus = (
      await sh(sandbox, "kubectl get node kind-control-plane -o jsonpath='{.status.capacity.cpu}'")
    ).stdout;
    const out = await sh(sandbox, "kubectl exec p -- ps aux");
    expect(out.status).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
    expect(lines[1]).toMatch(
      /^root {11}1 {2}0\.0 {2}0\.0 {2}\d{5} {2}\d{4} \? {8}Ss {3}\d\d:\d\d {3}0:00 nginx: master process nginx -g daemon off;$/,
    );
    const workers = lines.filter((l) => l.endsWith("nginx: worker process"));
    expect(workers).toHaveLength(Number(cpus));
    expect(workers.every((l) => l.startsWith("nginx "))).toBe(true);
    expect(lines.at(-1)).toMatch(/^root +\d+ .* \? +Rs +\d\d:\d\d +0:00 ps aux$/);
  });

  it("ps -ef in httpd: the three children of PID 1 run as daemon", async () => {
    const sandbox = await withProcps("httpd:2.4");
    const out = await sh(sandbox, "kubectl exec p -- ps -ef");
    expect(out.stdout).toMatch(
      /^UID {10}PID {4}PPID {2}C STIME TTY {10}TIME CMD\nroot {11}1 {7}0 {2}0 \d\d:\d\d \? {8}00:00:00 httpd -DFOREGROUND\n(daemon +\d+ +1 {2}0 \d\d:\d\d \? {8}00:00:00 httpd -DFOREGROUND\n){3}root +\d+ +0 {2}0 \d\d:\d\d \? {8}00:00:00 ps -ef\n$/,
    );
  });

  it("is found in the shell that installed it and in later execs; bad options get procps' usage", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run p --image=nginx:1.27 && sleep 20");
    expect(await sh(sandbox, "kubectl exec p -- which ls ps")).toMatchObject({
      stdout: "/usr/bin/ls\n",
      status: 1,
    });
    const same = await sh(
      sandbox,
      "kubectl exec p -- bash -c 'apt-get update >/dev/null; apt-get install -y procps >/dev/null 2>&1; ps'",
    );
    expect(same.stdout).toMatch(/^ {4}PID TTY {10}TIME CMD\n/);
    expect(same.stdout).toContain(" nginx\n");
    expect((await sh(sandbox, "kubectl exec p -- which ps")).stdout).toBe("/usr/bin/ps\n");
    expect((await sh(sandbox, "kubectl exec p -- ps -e")).stdout).toMatch(/ 00:00:00 ps\n$/);
    const bad = await sh(sandbox, "kubectl exec p -- ps -Z");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: unsupported SysV option\n\nUsage:\n ps \[options\]\n/);
  });
});
