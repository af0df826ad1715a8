/**
 * A request that reaches nginx or httpd leaves the server's access log line in `kubectl logs`:
 * the client pod's IP, the simulated time in Common Log Format, the request line, status, body
 * bytes and (nginx) the client's User-Agent.
 */
import { describe, expect, it } from "vitest";
import { accessLogLine } from "../../../sandbox/engine/cluster/network/access-log.ts";
import { createSandbox, restoreSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const ip = async (sandbox: Sandbox, pod: string) =>
  (await sh(sandbox, `kubectl get pod ${pod} -o jsonpath='{.status.podIP}'`)).stdout;

const CLF_TIME = String.raw`\[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\]`;

describe("access logs", () => {
  it("formats nginx's main and httpd's common lines", () => {
    const response = { status: 200, reason: "OK", headers: [], body: "héllo\n" };
    const r = {
      client: "10.244.0.9",
      method: "GET",
      path: "/a?b=1",
      response,
      userAgent: "Wget",
      now: Date.UTC(2026, 1, 3, 4, 5, 6),
    };
    expect(accessLogLine("nginx", r)).toBe(
      '10.244.0.9 - - [03/Feb/2026:04:05:06 +0000] "GET /a?b=1 HTTP/1.1" 200 7 "-" "Wget" "-"',
    );
    expect(accessLogLine("apache", r)).toBe(
      '10.244.0.9 - - [03/Feb/2026:04:05:06 +0000] "GET /a?b=1 HTTP/1.1" 200 7',
    );
    expect(accessLogLine("apache", { ...r, method: "HEAD" })).toMatch(/"HEAD \/a\?b=1 HTTP\/1\.1" 200 -$/);
    expect(accessLogLine("nginx", { ...r, method: "HEAD", userAgent: undefined })).toMatch(
      / 200 0 "-" "-" "-"$/,
    );
  });

  it("nginx logs busybox wget through a Service and curl on localhost; httpd logs a pod-IP request", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(
      sandbox,
      "kubectl run web --image=nginx:1.27 && kubectl run h --image=httpd:2.4 && kubectl run b --image=busybox:1.37 -- sleep 3600",
    );
    await sh(sandbox, "kubectl expose pod web --port=80 && sleep 30");
    const before = (await sh(sandbox, "kubectl logs web")).stdout;
    const client = await ip(sandbox, "b");
    await sh(sandbox, "kubectl exec b -- wget -qO- http://web/nope");
    await sh(
      sandbox,
      "kubectl exec web -- sh -c 'apt-get update && apt-get install -y curl && curl -sI localhost' >/dev/null 2>&1",
    );
    const added = (await sh(sandbox, "kubectl logs web")).stdout.slice(before.length).split("\n");
    expect(added[0]).toMatch(
      new RegExp(
        `^${client.replaceAll(".", "\\.")} - - ${CLF_TIME} "GET /nope HTTP/1\\.1" 404 153 "-" "Wget" "-"$`,
      ),
    );
    expect(added[1]).toMatch(
      new RegExp(`^127\\.0\\.0\\.1 - - ${CLF_TIME} "HEAD / HTTP/1\\.1" 200 0 "-" "curl/[\\d.]+" "-"$`),
    );
    expect(added.slice(2)).toEqual([""]);

    await sh(sandbox, `kubectl exec b -- wget -qO- ${await ip(sandbox, "h")}`);
    const httpd = (await sh(sandbox, "kubectl logs h --tail=1")).stdout;
    expect(httpd).toMatch(
      new RegExp(`^${client.replaceAll(".", "\\.")} - - ${CLF_TIME} "GET / HTTP/1\\.1" 200 45\\n$`),
    );

    // The lines belong to the container's run, which snapshots keep.
    const restored = restoreSandbox(JSON.parse(JSON.stringify(sandbox.save())), { timeMode: "instant" });
    expect((await sh(restored, "kubectl logs web")).stdout).toBe(
      (await sh(sandbox, "kubectl logs web")).stdout,
    );
  });
});
