/**
 * What a container image is, as the emulator needs to know it: the data the kubelet uses to pull
 * and run it, and the data pod shells (`kubectl exec`) use to behave like the real image (which
 * shell, which tools, which files, what serves on which port).
 *
 * Images are data, not code paths: a lesson can tweak a copy (a slower start, a failing command)
 * without touching the kubelet.
 */

/** Which shell `kubectl exec -it <pod> -- <shell>` finds. "none" for distroless-style images. */
export type ShellKind = "sh" | "bash" | "none";

/**
 * Whose tools the image carries, which decides the exact wording of their messages:
 * - "busybox": BusyBox applets (`ls: /x: No such file or directory`), as in busybox and alpine;
 * - "debian": GNU coreutils, dash as /bin/sh, bash (`ls: cannot access '/x': No such file or directory`).
 */
export type Toolset = "busybox" | "debian";

/** A file the image ships. Directories are implied by the paths. */
export interface ImageFile {
  content: string;
  /** Octal permission bits; 0o644 when left out, 0o755 for things in bin directories. */
  mode?: number;
}

/** What answers on a TCP port once the main process is up. */
export type PortService =
  /** An HTTP server serving files from `root` in the container filesystem (index.html for `/`). */
  | { kind: "http-static"; root: string; server: string }
  /** A health or metrics endpoint that answers 200 on any path (CoreDNS's :8181/ready). */
  | { kind: "http-ok" }
  /** statelab/kvdb's line protocol; see images/kvdb.ts. */
  | { kind: "kvdb" };

export interface ServedPort {
  port: number;
  protocol: "TCP" | "UDP";
  service: PortService;
}

/** Facts about the running node that startup logs quote (nginx prints the kernel, httpd the IP). */
export interface ProcessContext {
  /** Simulated epoch ms at which the line is written. */
  now: number;
  podIP: string;
  hostname: string;
  /** CPUs on the node: nginx starts one worker per CPU. */
  cpus: number;
  kernelVersion: string;
}

/** One line a process writes, `afterMs` after the container started. */
export interface LogLine {
  afterMs: number;
  stream: "stdout" | "stderr";
  text: string;
}

/**
 * What the image's default process does when the pod spec gives no `command`/`args`.
 * (When it does, the kubelet interprets the command itself; see cluster/kubelet.)
 */
export type ProcessBehaviour =
  /** Runs until stopped (a server). */
  | { kind: "serve" }
  /** Exits on its own `afterMs` after start with `exitCode` (busybox's `sh` with no terminal exits 0 at once). */
  | { kind: "exit"; afterMs: number; exitCode: number };

export interface MainProcess {
  /** The image's ENTRYPOINT (may be empty) and CMD, as `docker inspect` shows them. */
  entrypoint: readonly string[];
  cmd: readonly string[];
  behaviour: ProcessBehaviour;
  /** From `created` to `running`: how long the runtime takes to start it. */
  startMs: number;
  /** When the server actually accepts connections, after start (probes fail before this). */
  readyAfterMs: number;
  /** The signal the runtime sends on stop (the image's STOPSIGNAL; nginx uses SIGQUIT). */
  stopSignal: "SIGTERM" | "SIGQUIT" | "SIGWINCH";
  /**
   * Whether the process exits when sent `stopSignal`. A shell or `sleep` running as PID 1 has no
   * handler and ignores SIGTERM, so the kubelet kills it after the grace period (exit 137).
   */
  exitsOnStop: boolean;
  /** How long a clean shutdown takes once signalled. */
  stopMs: number;
  /**
   * How `ps` shows the running server when the pod keeps the image's command: the title PID 1
   * gives itself (nginx's "master process" line) and the workers it forks, as one run of PIDs.
   */
  processTree?: {
    title: string;
    workers: { user: string; command: string; firstPid: number; count: number | "cpus" };
  };
  /** Lines written at start-up. */
  startupLog(ctx: ProcessContext): LogLine[];
  /**
   * What the server writes when a pod's `command` runs it without the image's ENTRYPOINT (nginx
   * then has no /docker-entrypoint.sh lines); absent, the same as startupLog.
   */
  serverLog?(ctx: ProcessContext): LogLine[];
  /** Lines written while shutting down after `stopSignal`. */
  shutdownLog(ctx: ProcessContext): LogLine[];
  /**
   * Work the process does at start that depends on the world around it (statelab/kvdb clones
   * its data from a peer). Returns extra log lines, and an exit code when start-up fails.
   */
  prepare?(ctx: StartContext): { lines: string[]; exitCode?: number };
}

/** The minimal file access start-up hooks need (a container filesystem view fits). */
export interface StartFiles {
  stat(path: string): { type: "file" | "dir" } | undefined;
  readFile(path: string): string;
  writeFile(path: string, content: string, now: number): void;
  mkdir(path: string, now: number, options?: { parents?: boolean }): void;
}

export interface StartContext {
  now: number;
  hostname: string;
  /** spec.subdomain (the StatefulSet's serviceName), for peer DNS names. */
  subdomain?: string;
  /** This container's files, volumes mounted. */
  files: StartFiles;
  /**
   * The files of the same container in pod `<hostname>` of this namespace when that pod is
   * Running and Ready (reachable through its Service), else undefined.
   */
  peer(hostname: string): StartFiles | undefined;
}

/** A package `apt-get install -y <name>` / `apk add <name>` can add, and what it puts in PATH. */
export interface InstallablePackage {
  /** Commands it adds, e.g. ["curl"]. */
  commands: readonly string[];
}

export interface ImageSpec {
  /** Normalised repository without tag, e.g. "docker.io/library/nginx", "registry.k8s.io/nginx-slim". */
  repository: string;
  /** Tags this entry answers to; the first is the canonical one. */
  tags: readonly string[];
  /** `sha256:<64 hex>`: the digest shown in containerStatuses[].imageID. */
  digest: string;
  /** Compressed size, quoted in the `Pulled` event ("Image size: 72099410 bytes."). */
  sizeBytes: number;
  /** How long a pull takes on the simulated network. */
  pullMs: number;
  /** Shipped inside kind's node image: already present on every node, never pulled. */
  preloaded?: boolean;
  /** The distribution, as /etc/os-release says (PRETTY_NAME). */
  os: string;
  shell: ShellKind;
  toolset: Toolset;
  /** Commands in PATH, by name (busybox applets or Debian binaries). */
  commands: readonly string[];
  /** The package manager, if any, and what it can install. */
  packageManager: "apt-get" | "apk" | "none";
  installable: Readonly<Record<string, InstallablePackage>>;
  /** The image's ENV (PATH first). */
  env: Readonly<Record<string, string>>;
  workingDir: string;
  /** Absolute path → file. */
  files: Readonly<Record<string, ImageFile>>;
  ports: readonly ServedPort[];
  process: MainProcess;
}

/** Why an image reference cannot be pulled: the pieces of the kubelet's messages. */
export type PullFailure =
  /** Registry says the name or tag does not exist. */
  | { kind: "not-found"; message: string }
  /** The reference itself is malformed (InvalidImageName). */
  | { kind: "invalid"; message: string };
