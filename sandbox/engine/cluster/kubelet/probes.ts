/**
 * Readiness probes, answered from what the container really has: an httpGet succeeds when the
 * image's server answers below 400 from the files it serves (a missing page is its 404, a
 * directory without an index nginx's 403), a tcpSocket when the port
 * is served, an exec of `cat`/`test -e`/`ls <file>` when the file exists in the container's
 * filesystem (volumes included). Failure texts are the kubelet's.
 */
import type { Container, Probe } from "kubernetes-types/core/v1";
import type { ImageSpec } from "../../images/types.ts";
import { serveFiles } from "../network/http-server.ts";
import type { ContainerFileSystem } from "./filesystem.ts";

export type ProbeOutcome = { ok: true } | { ok: false; message: string };

export function portNumber(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === "number") return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export interface ProbeTarget {
  probe: Probe;
  container: Container;
  image: ImageSpec;
  podIP: string;
  /** False until the process accepts connections (image readyAfterMs). */
  listening: boolean;
  filesystem: ContainerFileSystem | undefined;
}

export function runProbe(t: ProbeTarget): ProbeOutcome {
  const { probe, image, podIP } = t;
  if (probe.httpGet) {
    const port = portNumber(probe.httpGet.port, t.container);
    const path = probe.httpGet.path ?? "/";
    const served = image.ports.find((p) => p.port === port);
    if (!served || !t.listening) {
      return {
        ok: false,
        message: `Get "http://${podIP}:${port}${path}": dial tcp ${podIP}:${port}: connect: connection refused`,
      };
    }
    if (served.service.kind !== "http-static" || !t.filesystem) return { ok: true };
    // The prober follows a redirect on the same host (a directory without its slash, 301).
    const answer = serveFiles(t.image, served.port, t.filesystem, path, 0);
    const status =
      answer?.response.status === 301
        ? serveFiles(t.image, served.port, t.filesystem, `${path}/`, 0)?.response.status
        : answer?.response.status;
    return status !== undefined && status >= 400
      ? { ok: false, message: `HTTP probe failed with statuscode: ${status}` }
      : { ok: true };
  }
  if (probe.tcpSocket) {
    const port = portNumber(probe.tcpSocket.port, t.container);
    const served = image.ports.some((p) => p.port === port);
    return served && t.listening
      ? { ok: true }
      : { ok: false, message: `dial tcp ${podIP}:${port}: connect: connection refused` };
  }
  if (probe.exec?.command) {
    const [cmd, ...args] = probe.exec.command;
    const file = args.filter((a) => !a.startsWith("-")).pop();
    if ((cmd === "cat" || cmd === "test" || cmd === "ls") && file !== undefined) {
      if (t.filesystem?.stat(file)) return { ok: true };
      if (cmd === "test") return { ok: false, message: "" };
      const busybox = image.toolset === "busybox";
      const message =
        cmd === "cat"
          ? busybox
            ? `cat: can't open '${file}': No such file or directory`
            : `cat: ${file}: No such file or directory`
          : busybox
            ? `ls: ${file}: No such file or directory`
            : `ls: cannot access '${file}': No such file or directory`;
      return { ok: false, message };
    }
    return { ok: true };
  }
  return { ok: true };
}

/** When the probe runs after `startedAt`: at initialDelaySeconds, then every periodSeconds. */
export function probeTimes(probe: Probe, startedAt: number): { first: number; periodMs: number } {
  return {
    first: startedAt + (probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: (probe.periodSeconds ?? 10) * 1000,
  };
}
