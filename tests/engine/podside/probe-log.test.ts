/**
 * The kubelet's httpGet probes leave the web server's access log lines in `kubectl logs`, as on a
 * kind cluster: from the node's pod-network gateway (`10.244.0.1`), User-Agent `kube-probe/1.34`,
 * one every periodSeconds once the server listens, and none after the container stopped.
 */
import { describe, expect, it } from "vitest";
import { linesUntil } from "../../../sandbox/engine/cluster/kubelet/process.ts";
import { createSandbox, restoreSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const POD = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
  - name: httpd
    image: httpd:2.4
    livenessProbe:
      httpGet: {path: /missing, port: 80}
      failureThreshold: 100
EOF`;

const probeLines = (logs: string) => logs.split("\n").filter((l) => l.includes("GET /"));

describe("probe requests in the access log", () => {
  it("nginx logs each readiness probe, every periodSeconds, in its main format", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, POD);
    await sh(sandbox, "sleep 30");
    const lines = probeLines((await sh(sandbox, "kubectl logs web -c nginx --timestamps")).stdout);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const times = lines.map((l) => Date.parse(l.slice(0, 23)));
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual(times.slice(1).map(() => 5000));
    const first = new Date(times[0]!);
    const clock = first.toISOString().slice(11, 19);
    expect(lines[0]!.slice(31)).toBe(
      `10.244.0.1 - - [01/Jan/2026:${clock} +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"`,
    );
  });

  it("httpd logs a liveness probe's 404 in the common format, every 10 s by default", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, POD);
    await sh(sandbox, "sleep 40");
    const lines = probeLines((await sh(sandbox, "kubectl logs web -c httpd")).stdout);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines)
      expect(line).toMatch(/^10\.244\.0\.1 - - \[[^\]]+\] "GET \/missing HTTP\/1\.1" 404 196$/);
  });

  it("survives a snapshot as data, and ends where the run ended", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, POD);
    await sh(sandbox, "sleep 20");
    const restored = restoreSandbox(JSON.parse(JSON.stringify(sandbox.save())), { timeMode: "instant" });
    await sh(sandbox, "sleep 20");
    await sh(restored, "sleep 20");
    expect((await sh(restored, "kubectl logs web -c nginx")).stdout).toBe(
      (await sh(sandbox, "kubectl logs web -c nginx")).stdout,
    );
    // A run's log ends where the run ended: linesUntil stops at the elapsed time it is given.
    const plan = {
      lines: [],
      exitsOnStop: true,
      stopMs: 0,
      probes: [
        {
          firstAt: 1000,
          everyMs: 5000,
          server: "nginx",
          client: "10.244.0.1",
          path: "/",
          status: 200,
          bytes: 615,
          userAgent: "kube-probe/1.34",
        },
      ],
    };
    expect(linesUntil(plan, 10_999, 0).map((l) => l.afterMs)).toEqual([1000, 6000]);
    expect(linesUntil(plan, 11_000, 0).map((l) => l.afterMs)).toEqual([1000, 6000, 11_000]);
  });

  it("each probe's line carries the answer the server gave it: files changed under the root show", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, POD);
    await sh(sandbox, "sleep 12");
    await sh(sandbox, "kubectl exec web -c nginx -- rm /usr/share/nginx/html/index.html");
    await sh(sandbox, "sleep 20");
    await sh(sandbox, "kubectl exec web -c nginx -- sh -c 'echo hello > /usr/share/nginx/html/index.html'");
    await sh(sandbox, "sleep 10");
    const lines = probeLines((await sh(sandbox, "kubectl logs web -c nginx")).stdout);
    const answers = lines.map((l) => /" (\d+) (\d+) "-"/.exec(l)!.slice(1).join(" "));
    // Probes every 5 s: before the rm 200 with nginx's page, then nginx's 403 for a directory
    // without its index, then the 6-byte page written.
    expect(answers).toEqual(["200 615", "403 153", "403 153", "403 153", "403 153", "200 6", "200 6"]);
    // Each line also carries its own time: 5 s apart.
    const times = lines.map((l) => /:(\d\d) \+0000\]/.exec(l)![1]);
    expect(new Set(times).size).toBe(times.length);
    // Snapshots keep the answers.
    const restored = restoreSandbox(JSON.parse(JSON.stringify(sandbox.save())), { timeMode: "instant" });
    expect((await sh(restored, "kubectl logs web -c nginx")).stdout).toBe(
      (await sh(sandbox, "kubectl logs web -c nginx")).stdout,
    );
  });

  it("readiness follows the files: NotReady after failureThreshold failures, Ready at the next success", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, POD);
    await sh(sandbox, "sleep 12");
    const ready = async () =>
      (
        await sh(
          sandbox,
          "kubectl get pod web -o jsonpath='{.status.containerStatuses[?(@.name==\"nginx\")].ready}'",
        )
      ).stdout;
    expect(await ready()).toBe("true");
    await sh(sandbox, "kubectl exec web -c nginx -- rm /usr/share/nginx/html/index.html");
    // Probes at 14.45 and 19.45 fail: still Ready (failureThreshold 3); the third, at 24.45, not.
    await sh(sandbox, "sleep 10");
    expect(await ready()).toBe("true");
    await sh(sandbox, "sleep 5");
    expect(await ready()).toBe("false");
    const events = (await sh(sandbox, "kubectl get events --field-selector reason=Unhealthy")).stdout;
    expect(events).toContain("Readiness probe failed: HTTP probe failed with statuscode: 403");
    await sh(sandbox, "kubectl exec web -c nginx -- touch /usr/share/nginx/html/index.htm");
    await sh(sandbox, "sleep 5");
    expect(await ready()).toBe("true");
  });
});
