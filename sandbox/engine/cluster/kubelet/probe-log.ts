/**
 * What the kubelet's httpGet probes leave in a web server's access log: a real kubelet probes
 * every periodSeconds for the container's whole life, from the node, so `kubectl logs` of an
 * nginx or httpd pod with a probe shows a line every period —
 * `10.244.0.1 - - [01/Jan/2026:00:00:12 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"`.
 * The source address is the pod network's gateway on the node (the host end of the pod's veth,
 * `.1` of the node's pod range, as kindnet's ptp plugin sets it up); the User-Agent is
 * `kube-probe/<major>.<minor>` of the kubelet. The lines are data in the run's plan, computed
 * when the log is read. Each carries the answer the server gave at that moment: the plan holds
 * the first probe's answer and every later change of it (a file written or removed under the
 * document root, noted when the container's files change), so nothing is stored per line.
 */
import type { Container, Probe } from "kubernetes-types/core/v1";
import type { ImageSpec } from "../../images/types.ts";
import { byteLength, type ContainerFiles, serveFiles } from "../network/http-server.ts";
import { KUBELET_VERSION } from "../versions.ts";
import { portNumber, probeTimes } from "./probes.ts";
import { type ProbeRequests, probeAnswerAt } from "./process.ts";

const USER_AGENT = `kube-probe/${KUBELET_VERSION.replace(/^v(\d+\.\d+).*$/, "$1")}`;

/** The probe requests of a run started at `startedAt` whose answers leave access log lines. */
export function probeRequests(
  image: ImageSpec,
  container: Container,
  podIP: string | undefined,
  files: ContainerFiles | undefined,
  startedAt: number,
): ProbeRequests[] {
  if (!podIP || !files) return [];
  const client = podIP.replace(/\.\d+$/, ".1");
  const out: ProbeRequests[] = [];
  for (const probe of [container.readinessProbe, container.livenessProbe]) {
    const request = probe?.httpGet && probeRequest(image, container, probe, files, startedAt);
    if (request) out.push({ ...request, client, userAgent: USER_AGENT });
  }
  return out;
}

function probeRequest(
  image: ImageSpec,
  container: Container,
  probe: Probe,
  files: ContainerFiles,
  startedAt: number,
): Omit<ProbeRequests, "client" | "userAgent"> | undefined {
  const port = portNumber(probe.httpGet?.port, container);
  if (port === undefined) return undefined;
  const { first, periodMs } = probeTimes(probe, startedAt);
  // Before the server listens the probe's connection is refused: nothing is logged.
  const listening = startedAt + image.process.readyAfterMs;
  const firstAt = first >= listening ? first : first + Math.ceil((listening - first) / periodMs) * periodMs;
  const path = probe.httpGet?.path ?? "/";
  const served = serveFiles(image, port, files, path, firstAt);
  if (!served) return undefined;
  const { response } = served;
  return {
    firstAt,
    everyMs: periodMs,
    server: served.server,
    port,
    path,
    status: response.status,
    bytes: byteLength(response.body),
  };
}

/**
 * The container's files changed at `now`: each probe whose server now answers differently gets
 * the new answer from `now` on (a probe at that very instant already sees it).
 */
export function noteProbeAnswers(
  image: ImageSpec,
  probes: ProbeRequests[],
  files: ContainerFiles,
  now: number,
): void {
  for (const p of probes) {
    // Runs saved before answers could change carry no port: they keep their first answer.
    if (p.port === undefined) continue;
    const served = serveFiles(image, p.port, files, p.path, now);
    if (!served) continue;
    const status = served.response.status;
    const bytes = byteLength(served.response.body);
    const last = probeAnswerAt(p, Number.POSITIVE_INFINITY);
    if (last.status === status && last.bytes === bytes) continue;
    // A change at the same instant as the one before replaces it; time never runs backwards here.
    const changes = (p.changes ?? []).filter((c) => c.from < now);
    changes.push({ from: now, status, bytes });
    p.changes = changes;
  }
}
