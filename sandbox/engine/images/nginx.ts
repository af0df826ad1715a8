/**
 * nginx images: the Debian-based official image (no curl, ps or ping until installed with apt-get),
 * the Alpine variant (BusyBox tools) and registry.k8s.io/nginx-slim (the StatefulSet tutorial's image).
 * Startup and shutdown logs are the official image's docker-entrypoint.sh and nginx lines.
 */
import {
  ALPINE_OS_RELEASE,
  BUSYBOX_APPLETS,
  BUSYBOX_PASSWD,
  DEBIAN_BOOKWORM_OS_RELEASE,
  DEBIAN_COMMANDS,
  DEBIAN_INSTALLABLE,
  DEBIAN_TRIXIE_OS_RELEASE,
  debianBaseFiles,
  STANDARD_PATH,
} from "./base-files.ts";
import { nginxTime, stableDigest } from "./log-time.ts";
import type { ImageFile, ImageSpec, LogLine, MainProcess, ProcessContext } from "./types.ts";

export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

/** As the container has it after 10-listen-on-ipv6-by-default.sh added the `[::]:80` line. */
const DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}
`;

const ENTRYPOINT_SCRIPTS = [
  "10-listen-on-ipv6-by-default.sh",
  "15-local-resolvers.envsh",
  "20-envsubst-on-templates.sh",
  "30-tune-worker-processes.sh",
];

function nginxFiles(): Record<string, ImageFile> {
  const files: Record<string, ImageFile> = {
    "/etc/nginx/nginx.conf": { content: NGINX_CONF },
    "/etc/nginx/conf.d/default.conf": { content: DEFAULT_CONF },
    "/etc/nginx/mime.types": {
      content:
        "\ntypes {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    text/xml                                         xml;\n    image/gif                                        gif;\n    image/jpeg                                       jpeg jpg;\n    application/javascript                           js;\n    application/json                                 json;\n    text/plain                                       txt;\n    image/png                                        png;\n    image/svg+xml                                    svg svgz;\n}\n",
    },
    "/usr/share/nginx/html/index.html": { content: NGINX_INDEX_HTML },
    "/usr/share/nginx/html/50x.html": { content: NGINX_50X_HTML },
    "/var/log/nginx/access.log": { content: "" },
    "/var/log/nginx/error.log": { content: "" },
    "/var/cache/nginx/.keep": { content: "" },
    "/docker-entrypoint.sh": { content: "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n", mode: 0o775 },
  };
  for (const script of ENTRYPOINT_SCRIPTS) {
    files[`/docker-entrypoint.d/${script}`] = { content: "#!/bin/sh\n", mode: 0o775 };
  }
  return files;
}

/** The first worker's pid in the official image: the entrypoint scripts used the pids before it. */
const FIRST_WORKER_PID = 29;

/**
 * The startup log of one nginx image: a new array per container start (the kubelet appends to it),
 * of line objects shared by every start in the same second on the same kind of node — nothing
 * changes a line in place — so a thousand replicas keep one set of lines, not a thousand.
 */
function startupLog(version: string, builtBy: string, entrypoint: boolean) {
  const build = startupLines(version, builtBy, entrypoint);
  let last: { key: string; lines: readonly LogLine[] } | undefined;
  return (ctx: ProcessContext): LogLine[] => {
    const key = `${Math.floor(ctx.now / 1000)} ${ctx.cpus} ${ctx.kernelVersion}`;
    if (last?.key !== key) last = { key, lines: build(ctx) };
    return [...last.lines];
  };
}

function startupLines(version: string, builtBy: string, entrypoint: boolean) {
  return (ctx: ProcessContext): LogLine[] => {
    const lines: string[] = [];
    if (entrypoint) {
      lines.push(
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
        "/docker-entrypoint.sh: Configuration complete; ready for start up",
      );
    }
    const out: LogLine[] = lines.map((text) => ({ afterMs: 0, stream: "stdout", text }));
    const t = nginxTime(ctx.now);
    // nginx writes its notices to the error log, which the image links to stderr.
    const notice = (pid: number, text: string): LogLine => ({
      afterMs: 0,
      stream: "stderr",
      text: `${t} [notice] ${pid}#${pid}: ${text}`,
    });
    out.push(
      notice(1, 'using the "epoll" event method'),
      notice(1, `nginx/${version}`),
      // nginx really does print a trailing space after the compiler line.
      notice(1, `built by ${builtBy} `),
      notice(1, `OS: Linux ${ctx.kernelVersion}`),
      notice(1, "getrlimit(RLIMIT_NOFILE): 1048576:1048576"),
      notice(1, "start worker processes"),
    );
    for (let i = 0; i < ctx.cpus; i++) out.push(notice(1, `start worker process ${FIRST_WORKER_PID + i}`));
    return out;
  };
}

function shutdownLog(ctx: ProcessContext): LogLine[] {
  const t = nginxTime(ctx.now);
  const line = (pid: number, text: string): LogLine => ({
    afterMs: 0,
    stream: "stderr",
    text: `${t} [notice] ${pid}#${pid}: ${text}`,
  });
  const out = [line(1, "signal 3 (SIGQUIT) received, shutting down")];
  for (let i = 0; i < ctx.cpus; i++) {
    const pid = FIRST_WORKER_PID + i;
    out.push(line(pid, "gracefully shutting down"), line(pid, "exiting"), line(pid, "exit"));
  }
  for (let i = 0; i < ctx.cpus; i++) {
    const pid = FIRST_WORKER_PID + i;
    out.push(
      line(1, `signal 17 (SIGCHLD) received from ${pid}`),
      line(1, `worker process ${pid} exited with code 0`),
    );
  }
  out.push(line(1, "exit"));
  return out;
}

function nginxProcess(version: string, builtBy: string, entrypoint: boolean): MainProcess {
  return {
    entrypoint: entrypoint ? ["/docker-entrypoint.sh"] : [],
    cmd: ["nginx", "-g", "daemon off;"],
    behaviour: { kind: "serve" },
    startMs: 300,
    readyAfterMs: 100,
    stopSignal: "SIGQUIT",
    exitsOnStop: true,
    stopMs: 100,
    // nginx.conf's `user nginx;` and `worker_processes auto;`: one worker per CPU.
    processTree: {
      title: "nginx: master process nginx -g daemon off;",
      workers: { user: "nginx", command: "nginx: worker process", firstPid: FIRST_WORKER_PID, count: "cpus" },
    },
    startupLog: startupLog(version, builtBy, entrypoint),
    serverLog: startupLog(version, builtBy, false),
    shutdownLog,
  };
}

const HTTP_80 = [
  {
    port: 80,
    protocol: "TCP",
    service: { kind: "http-static", root: "/usr/share/nginx/html", server: "nginx" },
  },
] as const;

function debianNginx(version: string, tags: string[], trixie: boolean, sizeBytes: number): ImageSpec {
  const release = trixie ? "trixie" : "bookworm";
  return {
    repository: "docker.io/library/nginx",
    tags,
    digest: stableDigest(`nginx:${version}`),
    sizeBytes,
    pullMs: 3100,
    os: trixie ? "Debian GNU/Linux 13 (trixie)" : "Debian GNU/Linux 12 (bookworm)",
    shell: "bash",
    toolset: "debian",
    commands: [...DEBIAN_COMMANDS, "nginx", "nginx-debug", "envsubst", "gpg"],
    packageManager: "apt-get",
    installable: DEBIAN_INSTALLABLE,
    env: {
      PATH: STANDARD_PATH,
      NGINX_VERSION: version,
      NJS_VERSION: trixie ? "0.9.4" : "0.8.10",
      NJS_RELEASE: `1~${release}`,
      PKG_RELEASE: `1~${release}`,
      DYNPKG_RELEASE: `1~${release}`,
    },
    workingDir: "/",
    files: {
      ...(trixie
        ? debianBaseFiles(DEBIAN_TRIXIE_OS_RELEASE, "13.2")
        : debianBaseFiles(DEBIAN_BOOKWORM_OS_RELEASE, "12.12")),
      ...nginxFiles(),
    },
    ports: HTTP_80,
    process: nginxProcess(
      version,
      trixie ? "gcc 14.2.0 (Debian 14.2.0-19)" : "gcc 12.2.0 (Debian 12.2.0-14)",
      true,
    ),
  };
}

export const NGINX_IMAGES: readonly ImageSpec[] = [
  debianNginx("1.29.3", ["latest", "1.29", "1.29.3", "mainline"], true, 59772411),
  debianNginx("1.28.0", ["1.28", "1.28.0", "stable"], false, 72202418),
  debianNginx("1.27.5", ["1.27", "1.27.5"], false, 72099410),
  debianNginx("1.25.5", ["1.25", "1.25.5"], false, 70995116),
  {
    repository: "docker.io/library/nginx",
    tags: ["alpine", "1.29-alpine", "1.29.3-alpine", "mainline-alpine"],
    digest: stableDigest("nginx:1.29.3-alpine"),
    sizeBytes: 22622345,
    pullMs: 1400,
    os: "Alpine Linux v3.22",
    shell: "sh",
    toolset: "busybox",
    commands: [...BUSYBOX_APPLETS, "apk", "nginx", "curl", "envsubst"],
    packageManager: "apk",
    installable: { bash: { commands: ["bash"] }, "bind-tools": { commands: ["dig", "host"] } },
    env: {
      PATH: STANDARD_PATH,
      NGINX_VERSION: "1.29.3",
      PKG_RELEASE: "1",
      DYNPKG_RELEASE: "1",
      NJS_VERSION: "0.9.4",
      NJS_RELEASE: "1",
    },
    workingDir: "/",
    files: {
      "/etc/os-release": { content: ALPINE_OS_RELEASE },
      "/etc/alpine-release": { content: "3.22.2\n" },
      "/etc/passwd": { content: `${BUSYBOX_PASSWD}nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n` },
      ...nginxFiles(),
    },
    ports: HTTP_80,
    process: nginxProcess("1.29.3", "gcc 14.2.0 (Alpine 14.2.0)", true),
  },
  // 0.21 and 0.24: kubernetes.io's StatefulSet Basics tutorial (web.yaml) and its rolling-update
  // step. Their image sizes were not measured: they take 0.27's.
  ...["0.8", "0.21", "0.24", "0.27"].map(
    (tag): ImageSpec => ({
      repository: "registry.k8s.io/nginx-slim",
      tags: [tag],
      digest: stableDigest(`nginx-slim:${tag}`),
      sizeBytes: tag === "0.8" ? 51432154 : 46581374,
      pullMs: 2600,
      os: "Debian GNU/Linux 12 (bookworm)",
      shell: "bash",
      toolset: "debian",
      // The tutorial's `kubectl exec -i -t "web-$i" -- curl http://localhost/` shows curl in 0.21 and 0.24.
      commands: [...DEBIAN_COMMANDS, "nginx", ...(tag === "0.21" || tag === "0.24" ? ["curl"] : [])],
      packageManager: "apt-get",
      installable: DEBIAN_INSTALLABLE,
      env: { PATH: STANDARD_PATH },
      workingDir: "/",
      files: { ...debianBaseFiles(DEBIAN_BOOKWORM_OS_RELEASE, "12.12"), ...nginxFiles() },
      ports: HTTP_80,
      // nginx-slim runs nginx directly: no entrypoint script, so only nginx's own notices.
      process: nginxProcess(tag === "0.8" ? "1.9.15" : "1.21.6", "gcc 4.9.2 (Debian 4.9.2-10)", false),
    }),
  ),
];
