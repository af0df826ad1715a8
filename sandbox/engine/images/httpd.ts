/** httpd (Apache 2.4) on Debian: serves /usr/local/apache2/htdocs on port 80. */
import {
  DEBIAN_COMMANDS,
  DEBIAN_INSTALLABLE,
  DEBIAN_TRIXIE_OS_RELEASE,
  debianBaseFiles,
} from "./base-files.ts";
import { apacheTime, stableDigest } from "./log-time.ts";
import type { ImageSpec, LogLine, ProcessContext } from "./types.ts";

const VERSION = "2.4.65";

export const HTTPD_INDEX_HTML = "<html><body><h1>It works!</h1></body></html>\n";

function startupLog(ctx: ProcessContext): LogLine[] {
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
  const t = apacheTime(ctx.now);
  // Printed twice: once by the configuration test, once by the server itself.
  return [
    fqdn,
    fqdn,
    `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${VERSION} (Unix) configured -- resuming normal operations`,
    `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
  ].map((text) => ({ afterMs: 0, stream: "stderr", text }));
}

export const HTTPD_IMAGES: readonly ImageSpec[] = [
  {
    repository: "docker.io/library/httpd",
    tags: ["latest", "2.4", "2", VERSION],
    digest: stableDigest(`httpd:${VERSION}`),
    sizeBytes: 45187052,
    pullMs: 2400,
    os: "Debian GNU/Linux 13 (trixie)",
    shell: "bash",
    toolset: "debian",
    commands: [...DEBIAN_COMMANDS, "httpd", "apachectl"],
    packageManager: "apt-get",
    installable: DEBIAN_INSTALLABLE,
    env: {
      PATH: "/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HTTPD_PREFIX: "/usr/local/apache2",
      HTTPD_VERSION: VERSION,
    },
    workingDir: "/usr/local/apache2",
    files: {
      ...debianBaseFiles(DEBIAN_TRIXIE_OS_RELEASE, "13.2"),
      "/usr/local/apache2/htdocs/index.html": { content: HTTPD_INDEX_HTML },
      "/usr/local/apache2/conf/httpd.conf": {
        content: 'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n',
      },
      "/usr/local/apache2/logs/.keep": { content: "" },
      "/usr/local/bin/httpd-foreground": {
        content:
          '#!/bin/sh\nset -e\n\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND "$@"\n',
        mode: 0o755,
      },
    },
    ports: [
      {
        port: 80,
        protocol: "TCP",
        service: { kind: "http-static", root: "/usr/local/apache2/htdocs", server: "apache" },
      },
    ],
    process: {
      entrypoint: [],
      cmd: ["httpd-foreground"],
      behaviour: { kind: "serve" },
      startMs: 300,
      readyAfterMs: 100,
      stopSignal: "SIGWINCH",
      exitsOnStop: true,
      stopMs: 100,
      // httpd-foreground execs httpd; the event MPM starts StartServers (3) children as `User daemon`.
      processTree: {
        title: "httpd -DFOREGROUND",
        workers: { user: "daemon", command: "httpd -DFOREGROUND", firstPid: 8, count: 3 },
      },
      startupLog,
      shutdownLog: (ctx) => [
        {
          afterMs: 0,
          stream: "stderr",
          text: `[${apacheTime(ctx.now)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`,
        },
      ],
    },
  },
];
