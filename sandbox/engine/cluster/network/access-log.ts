/**
 * The access log lines a web server writes to stdout (so `kubectl logs` shows them) when a
 * request reaches it, in each image's configured format:
 * - nginx's official images: `log_format main` with `access_log /var/log/nginx/access.log main`,
 *   the file a symlink to /dev/stdout —
 *   `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"`;
 * - httpd: `CustomLog /proc/self/fd/1 common` — `%h %l %u %t "%r" %>s %b` (%b is "-" for no body).
 */

import { accessLogTime } from "../../images/log-time.ts";
import type { Cluster } from "../cluster.ts";
import { appendLogLine } from "../kubelet/logs.ts";
import type { KubeObject } from "../types.ts";
import { byteLength, type HttpResponse } from "./http-server.ts";

export interface AccessRecord {
  /** The address the server sees the connection come from. */
  client: string;
  method: string;
  path: string;
  response: HttpResponse;
  /** The User-Agent header the client sent; "-" when it sent none. */
  userAgent: string | undefined;
  now: number;
}

/** One access log line in the format of `server` (PortService's `server`: "nginx" or "apache"). */
export function accessLogLine(server: string, r: AccessRecord): string {
  const bytes = r.method === "HEAD" ? 0 : byteLength(r.response.body);
  return formatAccessLine(server, { ...r, status: r.response.status, bytes });
}

/** The same line from the status and body size alone (what a probe's request left, kept as data). */
export function formatAccessLine(
  server: string,
  r: {
    client: string;
    method: string;
    path: string;
    status: number;
    bytes: number;
    userAgent?: string;
    now: number;
  },
): string {
  const request = `${r.method} ${r.path} HTTP/1.1`;
  const head = `${r.client} - - [${accessLogTime(r.now)}] "${request}" ${r.status}`;
  if (server === "apache") return `${head} ${r.bytes === 0 ? "-" : r.bytes}`;
  return `${head} ${r.bytes} "-" "${r.userAgent ?? "-"}" "-"`;
}

/** Writes the line into the serving container's log, at the simulated time of the request. */
export function logAccess(
  cluster: Cluster,
  pod: KubeObject,
  container: string,
  server: string,
  r: AccessRecord,
): void {
  appendLogLine(cluster, pod, container, "stdout", accessLogLine(server, r));
}
