import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { run1 } from "../helpers.ts";

const STS = `cat > web.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
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
        image: nginx:1.27
EOF`;

/** A macrotask turn, so every stage of a pipeline reaches its next wait (no timing is asserted). */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("pipelines stream", () => {
  it("shows rows of a watch piped into grep as they happen, and Ctrl-C stops every stage", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    const quiet = () => {};
    await sandbox.exec(STS, quiet);
    await sandbox.exec("kubectl apply -f web.yaml", quiet);
    let out = "";
    const stop = new AbortController();
    const running = sandbox.exec(
      "kubectl get pods -w | grep web-1",
      (c) => {
        out += c.text;
      },
      stop.signal,
    );
    await turn();
    expect(out).toBe("");
    sandbox.advance(60_000);
    await turn();
    const rows = out.split("\n").filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.startsWith("web-1 "))).toBe(true);
    expect(rows.at(-1)).toMatch(/Running/);
    stop.abort();
    expect(await running).toBe(130);
    // The shell is usable afterwards and nothing kept printing.
    const after = out;
    sandbox.advance(60_000);
    expect(out).toBe(after);
    let echo = "";
    expect(await sandbox.exec("echo ok", (c) => (echo += c.text))).toBe(0);
    expect(echo).toBe("ok\n");
  });

  it("ends a watch when head has its lines, as SIGPIPE would", async () => {
    const sandbox = createSandbox({ timeMode: "realtime" });
    const quiet = () => {};
    await sandbox.exec(STS, quiet);
    await sandbox.exec("kubectl apply -f web.yaml", quiet);
    let out = "";
    const running = sandbox.exec("kubectl get pods -w | head -n 2", (c) => {
      out += c.text;
    });
    await turn();
    sandbox.advance(60_000);
    expect(await running).toBe(0);
    expect(out.split("\n")).toHaveLength(3);
    expect(out).toMatch(/^NAME +READY/);
  });

  it("keeps the order and status of buffered stages", async () => {
    expect(await run1("printf 'b\\na\\nc\\n' | sort | head -n 2 | cat -n")).toMatchObject({
      stdout: "     1\ta\n     2\tb\n",
      status: 0,
    });
    expect((await run1("echo x | grep y | cat")).status).toBe(0);
    expect((await run1("echo x | grep y")).status).toBe(1);
    expect((await run1("printf 'a\\nb\\n' | while read -r l; do echo \"<$l>\"; done")).stdout).toBe(
      "<a>\n<b>\n",
    );
    expect((await run1("echo hi | cut -c1 | awk '{print $1 \"!\"}'")).stdout).toBe("h!\n");
  });
});
