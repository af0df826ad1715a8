import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";

const PODS = `cat > pods.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web-0
spec:
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: ticker
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "while true; do echo tick; sleep 5; done"]
EOF`;

async function lab() {
  const sandbox = createSandbox({ timeMode: "instant" });
  const run = async (line: string) => {
    let stdout = "";
    let stderr = "";
    const status = await sandbox.exec(line, (c) => {
      if (c.stream === "stdout") stdout += c.text;
      else stderr += c.text;
    });
    return { stdout, stderr, status };
  };
  await run(PODS);
  await run("kubectl apply -f pods.yaml");
  return run;
}

describe("kubectl logs", () => {
  it("prints what the container wrote, with --tail and --timestamps", async () => {
    const run = await lab();
    await run("sleep 30");
    const all = await run("kubectl logs ticker");
    expect(all.status).toBe(0);
    expect(
      all.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => l === "tick"),
    ).toBe(true);
    expect((await run("kubectl logs ticker --tail=2")).stdout).toBe("tick\ntick\n");
    expect((await run("kubectl logs ticker --tail=1 --timestamps")).stdout).toMatch(
      /^2026-01-01T00:00:\d\d\.\d{9}Z tick\n$/,
    );
    expect((await run("kubectl logs ticker --tail=1 --prefix")).stdout).toBe("[pod/ticker/main] tick\n");
  });

  it("shows the nginx start-up lines once the container runs", async () => {
    const run = await lab();
    await run("sleep 30");
    const r = await run("kubectl logs web-0");
    expect(r.stdout).toContain("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
  });

  it.each([
    [
      "kubectl logs nope",
      'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
    ],
    ["kubectl logs web-0 -c x", "error: container x is not valid for pod web-0 out of: nginx\n"],
    [
      "kubectl logs",
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    ],
  ])("%s", async (line, stderr) => {
    const run = await lab();
    expect(await run(line)).toEqual({ stdout: "", stderr, status: 1 });
  });

  it("has no previous run to show with -p", async () => {
    const run = await lab();
    await run("sleep 30");
    expect(await run("kubectl logs web-0 -p")).toEqual({
      stdout: "",
      stderr:
        'Error from server (BadRequest): previous terminated container "nginx" in pod "web-0" not found\n',
      status: 1,
    });
  });

  it("rejects a bad --tail the way pflag does", async () => {
    const run = await lab();
    const r = await run("kubectl logs web-0 --tail=x");
    expect(r.stderr).toBe(
      'Error: invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl logs --help\' for usage.\n',
    );
  });
});

describe("kubectl logs -l and TYPE/NAME", () => {
  it("prints the last 10 lines of each matching pod by default, and nothing-found on stderr", async () => {
    const run = await lab();
    await run("kubectl label pod ticker app=tick");
    await run("sleep 120");
    const r = await run("kubectl logs -l app=tick");
    expect(r.stdout).toBe("tick\n".repeat(10));
    expect(await run("kubectl logs -l app=none")).toEqual({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
      status: 0,
    });
  });
});

describe("kubectl logs -f in real time", () => {
  it("streams new lines as simulated time passes, until Ctrl-C", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    const quiet = () => {};
    await sandbox.exec(PODS, quiet);
    await sandbox.exec("kubectl apply -f pods.yaml", quiet);
    sandbox.advance(12_000);
    let out = "";
    const stop = new AbortController();
    const running = sandbox.exec(
      "kubectl logs -f ticker",
      (c) => {
        out += c.text;
      },
      stop.signal,
    );
    // Let the command reach its follow loop (a macrotask turn; no timing is asserted).
    await new Promise((resolve) => setTimeout(resolve, 0));
    const before = out.split("\n").filter(Boolean).length;
    sandbox.advance(10_000);
    const after = out.split("\n").filter(Boolean).length;
    expect(after - before).toBe(2);
    stop.abort();
    expect(await running).toBe(130);
  });
});
