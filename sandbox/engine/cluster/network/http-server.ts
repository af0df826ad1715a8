import type { Pod } from "kubernetes-types/core/v1";
import type { TreeNode } from "../../fs/file-tree.ts";
import { lookupImage } from "../../images/catalogue.ts";
import type { ImageSpec, ServedPort } from "../../images/types.ts";
import type { Cluster } from "../cluster.ts";
import { containerFilesystem } from "../kubelet/filesystem.ts";
import type { KubeObject } from "../types.ts";

/**
 * What answers on a pod's port: the image's declared server (images/*: `ports`), serving files
 * from the container's filesystem the way nginx and httpd do (index.html for a directory, their
 * own 404 pages and headers).
 */

export interface HttpResponse {
  status: number;
  reason: string;
  /** In the order the server sends them. */
  headers: [string, string][];
  body: string;
}

/** A container's files as the network sees them: enough to read what a web server serves. */
export interface ContainerFiles {
  stat(path: string): TreeNode | undefined;
  readFile(path: string): string;
}

/**
 * Finds a running container's files: the kubelet's containerFilesystem by default (so a page a
 * learner wrote into a volume is what is served). When it has nothing (a pod no kubelet runs, as
 * in unit tests), the image's own files stand in.
 */
export type ContainerFilesLookup = (
  cluster: Cluster,
  pod: KubeObject,
  container: string,
) => ContainerFiles | undefined;

export type Listener =
  | {
      kind: "http";
      /** The container that answers, and its server's kind (PortService's `server`), for its access log. */
      container: string;
      server: string;
      serve(method: string, path: string, now: number): HttpResponse;
    }
  /** Something listens but does not speak HTTP (kvdb's line protocol). */
  | { kind: "other" };

/** What listens on `port`/TCP in `pod`, or undefined (connection refused). */
export function listenerOn(
  cluster: Cluster,
  pod: KubeObject,
  port: number,
  files: ContainerFilesLookup = containerFilesystem,
): Listener | undefined {
  const spec = (pod as unknown as Pod).spec;
  for (const container of spec?.containers ?? []) {
    if (!containerRunning(pod, container.name)) continue;
    const lookup = lookupImage(container.image ?? "");
    if (!lookup.ok) continue;
    const served = lookup.image.ports.find((p) => p.port === port && p.protocol === "TCP");
    if (!served) continue;
    if (served.service.kind !== "http-static") return { kind: "other" };
    const tree = files(cluster, pod, container.name) ?? imageFiles(lookup.image, cluster.clock.now());
    return {
      kind: "http",
      container: container.name,
      server: served.service.server,
      serve: (method, path, now) => serveStatic(lookup.image, served, tree, method, path, now),
    };
  }
  return undefined;
}

/** What the image's server on `port` answers a GET of `path` from `files`; undefined when it is not HTTP. */
export function serveFiles(
  image: ImageSpec,
  port: number,
  files: ContainerFiles,
  path: string,
  now: number,
): { server: string; response: HttpResponse } | undefined {
  const served = image.ports.find((p) => p.port === port && p.protocol === "TCP");
  if (served?.service.kind !== "http-static") return undefined;
  return { server: served.service.server, response: serveStatic(image, served, files, "GET", path, now) };
}

/** A container listens once it runs; without container statuses (no kubelet) a Running pod counts. */
function containerRunning(pod: KubeObject, name: string): boolean {
  const status = (pod as unknown as Pod).status;
  if (!status) return false;
  const container = status.containerStatuses?.find((c) => c.name === name);
  if (container) return container.state?.running !== undefined;
  return status.phase === "Running";
}

/** The image's files as a read-only tree, for when no container filesystem is at hand. */
export function imageFiles(image: ImageSpec, now: number): ContainerFiles {
  const file = (path: string) => image.files[path];
  const isDir = (path: string) => {
    const prefix = path.endsWith("/") ? path : `${path}/`;
    return Object.keys(image.files).some((p) => p.startsWith(prefix));
  };
  return {
    stat(path) {
      const found = file(path);
      if (found) return { type: "file", content: found.content, mtime: now, mode: found.mode ?? 0o644 };
      if (isDir(path)) return { type: "dir", children: {}, mtime: now, mode: 0o755 };
      return undefined;
    },
    readFile(path) {
      const found = file(path);
      if (!found) throw new Error(`ENOENT: ${path}`);
      return found.content;
    },
  };
}

/** HTTP-date, as both servers write Date and Last-Modified. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

const REASONS: Record<number, string> = {
  200: "OK",
  301: "Moved Permanently",
  403: "Forbidden",
  404: "Not Found",
};

function serveStatic(
  image: ImageSpec,
  served: ServedPort,
  files: ContainerFiles,
  method: string,
  rawPath: string,
  now: number,
): HttpResponse {
  if (served.service.kind !== "http-static") throw new Error("not a static server");
  const nginx = served.service.server === "nginx";
  // An image that does not say its version (nginx-slim) answers like `server_tokens off`.
  const version = nginx ? image.env.NGINX_VERSION : image.env.HTTPD_VERSION;
  const server = nginx
    ? `nginx${version ? `/${version}` : ""}`
    : `Apache${version ? `/${version}` : ""} (Unix)`;
  const path = decodePath(rawPath.split("?")[0] ?? "/") || "/";
  const root = served.service.root;
  let target = `${root}${path}`;
  let node = files.stat(target);
  if (node?.type === "dir") {
    if (!path.endsWith("/")) return errorPage(nginx, server, 301, now, method, path);
    const dir = target;
    target = `${dir}index.html`;
    node = files.stat(target);
    // nginx's `index index.html index.htm;`, and no autoindex: a directory without either is
    // "directory index … is forbidden", 403.
    if (nginx && node?.type !== "file") {
      target = `${dir}index.htm`;
      node = files.stat(target);
      if (node?.type !== "file") return errorPage(nginx, server, 403, now, method, path);
    }
  }
  if (node?.type !== "file") return errorPage(nginx, server, 404, now, method, path);
  const body = files.readFile(target);
  const length = byteLength(body);
  const headers: [string, string][] = nginx
    ? [
        ["Server", server],
        ["Date", httpDate(now)],
        ["Content-Type", "text/html"],
        ["Content-Length", String(length)],
        ["Last-Modified", httpDate(node.mtime)],
        ["Connection", "keep-alive"],
        ["ETag", `"${Math.floor(node.mtime / 1000).toString(16)}-${length.toString(16)}"`],
        ["Accept-Ranges", "bytes"],
      ]
    : [
        ["Date", httpDate(now)],
        ["Server", server],
        ["Last-Modified", httpDate(node.mtime)],
        ["ETag", `"${length.toString(16)}-${Math.floor(node.mtime * 1000).toString(16)}"`],
        ["Accept-Ranges", "bytes"],
        ["Content-Length", String(length)],
        ["Content-Type", "text/html"],
      ];
  return { status: 200, reason: "OK", headers, body: method === "HEAD" ? "" : body };
}

function errorPage(
  nginx: boolean,
  server: string,
  status: number,
  now: number,
  method: string,
  path: string,
): HttpResponse {
  const reason = REASONS[status] ?? "";
  const body = nginx
    ? `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`
    : status === 404
      ? `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`
      : `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="${path}/">here</a>.</p>\n</body></html>\n`;
  const length = String(byteLength(body));
  const headers: [string, string][] = nginx
    ? [
        ["Server", server],
        ["Date", httpDate(now)],
        ["Content-Type", "text/html"],
        ["Content-Length", length],
        ...(status === 301 ? ([["Location", `${path}/`]] as [string, string][]) : []),
        ["Connection", "keep-alive"],
      ]
    : [
        ["Date", httpDate(now)],
        ["Server", server],
        ...(status === 301 ? ([["Location", `${path}/`]] as [string, string][]) : []),
        ["Content-Length", length],
        ["Content-Type", "text/html; charset=iso-8859-1"],
      ];
  return { status, reason, headers, body: method === "HEAD" ? "" : body };
}

/** The URL path as a file path; a malformed escape is taken literally, as nginx would fail to find it. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
