/**
 * statelab/kvdb: a deliberately small replicated key-value database for the replication lesson.
 * It is not a real image; it exists so that the lesson can show, with a StatefulSet, what
 * "ordinal 0 is the primary" and "replicas clone from the previous ordinal" mean.
 *
 * Behaviour (what the runtime that plays it must do; the kubelet starts it like any image):
 * - Identity comes from the hostname `<set>-<ordinal>` (StatefulSet pods). A hostname without an
 *   ordinal runs as a standalone primary.
 * - Data lives in `/data/kvdb.log`, one `SET <key> <value>` or `DEL <key>` line per write,
 *   appended (`kvdbData` replays it). The StatefulSet mounts its PVC at /data, so data survives pod restarts and
 *   rescheduling; without a volume it is lost with the container.
 * - Ordinal 0 is the primary: it accepts writes on TCP 7379.
 * - Ordinal n > 0 is a replica. On start, if /data is empty it clones the whole log from
 *   `<set>-<n-1>.<subdomain>` (the previous ordinal, which OrderedReady guarantees is Ready).
 *   If that peer does not answer, it logs the error and exits 1, so the pod crash-loops until
 *   the peer is back: the same shape as the MySQL StatefulSet tutorial's xtrabackup clone.
 *   After the clone (or with existing data) it follows the primary `<set>-0.<subdomain>`: on
 *   start it catches up with the primary's log, and each later write reaches running replicas
 *   as it is made (cluster/kubelet/kvdb.ts).
 * - A write sent to a replica is refused with `READONLY You can't write against a read only replica.`
 * - Readiness: the process is ready once it listens, which for a replica is after the clone.
 *
 * The `kvdb-cli` tool in the image talks to it: `kvdb-cli [-h host] SET k v | GET k | DEL k |
 * KEYS | ROLE`. Replies: `OK`, the value, `(nil)` for a missing key, `ERR unknown command 'X'`.
 */
import { BUSYBOX_APPLETS, BUSYBOX_PASSWD, BUSYBOX_PATH } from "./base-files.ts";
import { stableDigest } from "./log-time.ts";
import type { ImageSpec, LogLine, ProcessContext, StartContext } from "./types.ts";

export const KVDB_PORT = 7379;
export const KVDB_DATA_FILE = "/data/kvdb.log";
export const KVDB_VERSION = "1.0.0";
export const KVDB_READONLY_ERROR = "READONLY You can't write against a read only replica.";

export interface KvdbRole {
  role: "primary" | "replica";
  ordinal?: number;
  /** Pod name prefix, e.g. "db" for db-2. */
  set?: string;
}

/** Works out the role from the pod hostname, the way the process does at start. */
export function kvdbRole(hostname: string): KvdbRole {
  const match = /^(.*)-(\d+)$/.exec(hostname);
  if (!match) return { role: "primary" };
  const ordinal = Number(match[2]);
  return { role: ordinal === 0 ? "primary" : "replica", ordinal, set: match[1]! };
}

function startupLog(ctx: ProcessContext): LogLine[] {
  const who = kvdbRole(ctx.hostname);
  const lines = [`kvdb ${KVDB_VERSION} starting (pid 1)`];
  if (who.role === "primary") {
    lines.push(
      who.ordinal === undefined ? "role: primary (standalone)" : `role: primary (ordinal ${who.ordinal})`,
    );
  } else {
    lines.push(`role: replica (ordinal ${who.ordinal}), following ${who.set}-0`);
  }
  lines.push(`listening on :${KVDB_PORT}`);
  return lines.map((text) => ({ afterMs: 0, stream: "stdout", text }));
}

/** The key → value map a log describes. */
export function kvdbData(log: string): Map<string, string> {
  const data = new Map<string, string>();
  for (const line of log.split("\n")) {
    const set = /^SET (\S+) (.*)$/.exec(line);
    if (set) data.set(set[1]!, set[2]!);
    const del = /^DEL (\S+)$/.exec(line);
    if (del) data.delete(del[1]!);
  }
  return data;
}

function readLog(files: StartContext["files"]): string {
  return files.stat(KVDB_DATA_FILE)?.type === "file" ? files.readFile(KVDB_DATA_FILE) : "";
}

/** Start-up: a replica with no data clones the previous ordinal, then catches up with the primary. */
function prepare(ctx: StartContext): { lines: string[]; exitCode?: number } {
  const who = kvdbRole(ctx.hostname);
  ctx.files.mkdir("/data", ctx.now, { parents: true });
  let log = readLog(ctx.files);
  const lines: string[] = [];
  if (who.role === "replica" && who.set !== undefined && who.ordinal !== undefined) {
    const dns = (n: number) => `${who.set}-${n}${ctx.subdomain ? `.${ctx.subdomain}` : ""}`;
    if (log === "") {
      const source = ctx.peer(`${who.set}-${who.ordinal - 1}`);
      if (!source) {
        lines.push(`clone: cannot reach ${dns(who.ordinal - 1)}:${KVDB_PORT}: connection refused`);
        return { lines, exitCode: 1 };
      }
      log = readLog(source);
      ctx.files.writeFile(KVDB_DATA_FILE, log, ctx.now);
      lines.push(`cloned ${kvdbData(log).size} keys from ${dns(who.ordinal - 1)}`);
    }
    const primary = ctx.peer(`${who.set}-0`);
    const upstream = primary ? readLog(primary) : "";
    if (primary && upstream.startsWith(log) && upstream.length > log.length) {
      ctx.files.writeFile(KVDB_DATA_FILE, upstream, ctx.now);
      lines.push(
        `caught up with ${dns(0)}: ${upstream.slice(log.length).split("\n").filter(Boolean).length} writes`,
      );
      log = upstream;
    }
  }
  lines.push(`${kvdbData(log).size} keys loaded from ${KVDB_DATA_FILE}`);
  return { lines };
}

export const KVDB_IMAGES: readonly ImageSpec[] = [
  {
    repository: "docker.io/statelab/kvdb",
    tags: ["latest", "1.0", KVDB_VERSION],
    digest: stableDigest(`statelab/kvdb:${KVDB_VERSION}`),
    sizeBytes: 4812663,
    pullMs: 1200,
    os: "BusyBox v1.37.0",
    shell: "sh",
    toolset: "busybox",
    commands: [...BUSYBOX_APPLETS, "kvdb", "kvdb-cli"],
    packageManager: "none",
    installable: {},
    env: { PATH: BUSYBOX_PATH, KVDB_PORT: String(KVDB_PORT), KVDB_DATA: "/data" },
    workingDir: "/data",
    files: {
      "/etc/passwd": { content: BUSYBOX_PASSWD },
      "/data/.keep": { content: "" },
    },
    ports: [{ port: KVDB_PORT, protocol: "TCP", service: { kind: "kvdb" } }],
    process: {
      entrypoint: ["kvdb"],
      cmd: ["--data", "/data", "--port", String(KVDB_PORT)],
      behaviour: { kind: "serve" },
      startMs: 300,
      readyAfterMs: 1000,
      stopSignal: "SIGTERM",
      exitsOnStop: true,
      stopMs: 200,
      startupLog,
      shutdownLog: () => [{ afterMs: 0, stream: "stdout", text: "received SIGTERM, flushing and exiting" }],
      prepare,
    },
  },
];
