/**
 * Shells inside containers: the same interpreter as the host, over the container's filesystem,
 * with the commands the image has and its shell's dialect (bash, dash as Debian's sh, BusyBox
 * ash). `kubectl exec` runs one command in such a shell, or makes it the terminal's session.
 */
import type { Container, Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster/cluster.ts";
import { imageTree } from "../cluster/kubelet/containers.ts";
import { containerFilesystem } from "../cluster/kubelet/filesystem.ts";
import { nodeInternalIP, processContextOf } from "../cluster/kubelet/kubelet.ts";
import { podHostname, renderEtcHosts, renderResolvConf } from "../cluster/network/pod-dns.ts";
import type { KubeObject } from "../cluster/types.ts";
import { type FileSystem, FileTree } from "../fs/file-tree.ts";
import { lookupImage } from "../images/catalogue.ts";
import type { ImageSpec } from "../images/types.ts";
import { abortError } from "../time-driver.ts";
import { apt, aptGet } from "../tools/apt-get.ts";
import { awk } from "../tools/awk.ts";
import { base64 } from "../tools/base64.ts";
import { basename, dirname } from "../tools/basename.ts";
import { cat } from "../tools/cat.ts";
import { md5sum, sha256sum } from "../tools/checksum.ts";
import { clear } from "../tools/clear.ts";
import { cp } from "../tools/cp.ts";
import { cut } from "../tools/cut.ts";
import { date } from "../tools/date.ts";
import { df } from "../tools/df.ts";
import { echo } from "../tools/echo.ts";
import { env, printenv } from "../tools/env.ts";
import { expr } from "../tools/expr.ts";
import { grep } from "../tools/grep.ts";
import { head, tail } from "../tools/head.ts";
import { hostname } from "../tools/hostname.ts";
import { id } from "../tools/id.ts";
import { ls } from "../tools/ls.ts";
import { mkdir } from "../tools/mkdir.ts";
import { mv } from "../tools/mv.ts";
import { NET_TOOLS } from "../tools/net/index.ts";
import { printf } from "../tools/printf.ts";
import { busyboxPs, procpsPs } from "../tools/ps.ts";
import { readlink } from "../tools/readlink.ts";
import { rm } from "../tools/rm.ts";
import { rmdir } from "../tools/rmdir.ts";
import { sed } from "../tools/sed.ts";
import { seq } from "../tools/seq.ts";
import { shellProgram } from "../tools/sh.ts";
import { sleep } from "../tools/sleep.ts";
import { sort } from "../tools/sort.ts";
import { tac } from "../tools/tac.ts";
import { tee } from "../tools/tee.ts";
import { timeout } from "../tools/timeout.ts";
import { touch } from "../tools/touch.ts";
import { tr } from "../tools/tr.ts";
import { uname } from "../tools/uname.ts";
import { uniq } from "../tools/uniq.ts";
import { wc } from "../tools/wc.ts";
import { which } from "../tools/which.ts";
import { nproc, whoami } from "../tools/whoami-nproc.ts";
import { xargs } from "../tools/xargs.ts";
import { yes } from "../tools/yes.ts";
import { SHELL_BUILTINS } from "./builtins.ts";
import type { SandboxEnv } from "./command.ts";
import { ASH, BASH, BASH_SCRIPT, DASH, type Dialect } from "./dialect.ts";
import { Shell, type Tool } from "./interpreter.ts";
import type { Session } from "./terminal.ts";

/** The container a pod shell runs in. */
export interface PodTarget {
  pod: KubeObject;
  container: Container;
  /** The image's catalogue entry; undefined for an image the catalogue does not know. */
  image: ImageSpec | undefined;
}

/** Tools this sandbox implements, by the command name images list in their PATH. */
const IMPLEMENTED: Readonly<Record<string, Tool>> = {
  awk,
  base64,
  basename,
  cat,
  clear,
  cp,
  cut,
  date,
  dirname,
  echo,
  env,
  expr,
  grep,
  head,
  hostname,
  id,
  ls,
  md5sum,
  mkdir,
  mv,
  nproc,
  printenv,
  printf,
  readlink,
  rm,
  rmdir,
  sed,
  seq,
  sha256sum,
  sleep,
  sort,
  tac,
  tail,
  tee,
  timeout,
  touch,
  tr,
  uname,
  uniq,
  wc,
  which,
  whoami,
  xargs,
  yes,
};

/** Tools that need to know which pod they run in (DNS, network, its own name): tools/net. */
const POD_AWARE = NET_TOOLS;

/** Whether `name` is a shell the image has, for `kubectl exec -it POD -- NAME`. */
export function isShellProgram(target: PodTarget, name: string): boolean {
  const base = name.slice(name.lastIndexOf("/") + 1);
  return (base === "sh" || base === "bash" || base === "ash") && commandsOf(target).has(base);
}

/** The names on the image's PATH (an unknown image gets a Debian-like set), plus what was installed. */
function commandsOf(target: PodTarget, fs?: FileSystem): Set<string> {
  const names = new Set(target.image?.commands ?? ["sh", "bash", ...Object.keys(IMPLEMENTED)]);
  for (const name of installedCommands(target, fs)) names.add(name);
  names.add("sh");
  if (target.image?.shell === "bash" || !target.image) names.add("bash");
  if (target.image?.shell === "none") {
    names.delete("sh");
    names.delete("bash");
  }
  return names;
}

/** What `kubectl exec POD -- <Tab>` offers: the container's commands, read without touching its files. */
export function commandNames(cluster: Cluster, pod: KubeObject, container: Container): string[] {
  const target: PodTarget = { pod, container, image: imageOf(container) };
  return [...commandsOf(target, containerFilesystem(cluster, pod, container.name))];
}

/** Commands `apt-get install` put into this container's /usr/bin (lost with its writable layer). */
function installedCommands(target: PodTarget, fs: FileSystem | undefined): string[] {
  if (!fs) return [];
  const commands = Object.values(target.image?.installable ?? {}).flatMap((p) => p.commands);
  return commands.filter((c) => fs.stat(`/usr/bin/${c}`)?.type === "file");
}

function dialectFor(target: PodTarget, program: string, interactive: boolean): Dialect {
  if (program === "bash") return interactive ? BASH : BASH_SCRIPT;
  return target.image?.toolset === "busybox" ? ASH : DASH;
}

const detachedTrees = new WeakMap<Cluster, Map<string, FileTree>>();

/**
 * The container's filesystem as the kubelet mounts it (image layer plus volumes). A pod whose
 * status was written without a kubelet run (a scenario or a test) gets a tree of its own made
 * from the image, one per container run, so exec still behaves.
 */
export function containerFiles(cluster: Cluster, target: PodTarget): FileSystem {
  const fs: FileSystem =
    containerFilesystem(cluster, target.pod, target.container.name) ?? detachedTree(cluster, target);
  writeKubeletFiles(fs, target, cluster.clock.now());
  return fs;
}

function detachedTree(cluster: Cluster, target: PodTarget): FileTree {
  const status = (target.pod.status ?? {}) as Pod["status"] & {};
  const restarts = status.containerStatuses?.find((c) => c.name === target.container.name)?.restartCount ?? 0;
  const key = `${target.pod.metadata.uid}/${target.container.name}/${restarts}`;
  let trees = detachedTrees.get(cluster);
  if (!trees) {
    trees = new Map();
    detachedTrees.set(cluster, trees);
  }
  let tree = trees.get(key);
  if (!tree) {
    tree = target.image ? imageTree(target.image).clone() : new FileTree();
    for (const mount of target.container.volumeMounts ?? []) {
      tree.mkdir(mount.mountPath, cluster.clock.now(), { parents: true });
    }
    trees.set(key, tree);
  }
  return tree;
}

/** /etc/hostname, /etc/hosts and /etc/resolv.conf: the files the kubelet writes for every container. */
function writeKubeletFiles(fs: FileSystem, target: PodTarget, now: number): void {
  if (fs.stat("/etc/hosts") && fs.stat("/etc/resolv.conf")) return;
  fs.mkdir("/etc", now, { parents: true });
  fs.writeFile("/etc/hostname", `${podHostname(target.pod)}\n`, now);
  fs.writeFile("/etc/hosts", renderEtcHosts(target.pod), now);
  fs.writeFile("/etc/resolv.conf", renderResolvConf(target.pod), now);
}

/** The environment a process in the container starts with, in the order `env` lists it. */
function containerEnvironment(target: PodTarget, tty: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const imageEnv = target.image?.env ?? {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  };
  if (imageEnv.PATH !== undefined) out.PATH = imageEnv.PATH;
  out.HOSTNAME = podHostname(target.pod);
  if (tty) out.TERM = "xterm";
  for (const [name, value] of Object.entries(imageEnv)) if (name !== "PATH") out[name] = value;
  for (const variable of target.container.env ?? []) {
    if (variable.value !== undefined) out[variable.name] = variable.value;
  }
  Object.assign(out, {
    KUBERNETES_SERVICE_PORT_HTTPS: "443",
    KUBERNETES_SERVICE_PORT: "443",
    KUBERNETES_PORT_443_TCP: "tcp://10.96.0.1:443",
    KUBERNETES_PORT_443_TCP_PROTO: "tcp",
    KUBERNETES_PORT_443_TCP_ADDR: "10.96.0.1",
    KUBERNETES_SERVICE_HOST: "10.96.0.1",
    KUBERNETES_PORT: "tcp://10.96.0.1:443",
    KUBERNETES_PORT_443_TCP_PORT: "443",
  });
  out.HOME = "/root";
  return out;
}

/** A shell running `program` (sh or bash) in the target container. */
export function createPodShell(
  env: SandboxEnv,
  target: PodTarget,
  options: {
    program: string;
    interactive: boolean;
    tty: boolean;
    /** The container's main process (PID 1) run by the script runner: its clock and work limit. */
    process?: { clock: () => number; beforeCommand: () => Promise<void> | undefined };
  },
): Shell {
  const fs = containerFiles(env.cluster, target);
  const cwd = target.container.workingDir ?? target.image?.workingDir ?? "/";
  const shell = new Shell({
    env,
    place: { fs, cwd: cwd || "/" },
    dialect: dialectFor(target, options.program, options.interactive),
    toolset: target.image?.toolset === "busybox" ? "busybox" : "gnu",
    builtins: SHELL_BUILTINS,
    commands: commandTable(target, fs),
    commandPaths: Object.fromEntries([...commandsOf(target, fs)].map((n) => [n, binPath(target, n)])),
    pid: options.process ? 1 : options.interactive ? 7 : 13,
    ...(options.process
      ? { clock: options.process.clock, beforeCommand: options.process.beforeCommand, loopLimit: Infinity }
      : {}),
    // A shell exports PWD itself; a command exec'd directly (kubectl exec POD -- env) has none.
    variables: {
      ...containerEnvironment(target, options.tty),
      ...(options.interactive ? { PWD: cwd || "/" } : {}),
    },
  });
  shell.installable = target.image?.packageManager === "apt-get" ? target.image.installable : undefined;
  // apt-get calls it on the shell it runs in: that may be a `sh -c` child of this one, whose
  // table is its own copy; both see the new programs (the parent once the child returns).
  shell.refreshCommands = function (this: Shell | undefined) {
    const table = commandTable(target, fs);
    shell.commands = table;
    if (this && this !== shell) this.commands = table;
  };
  return shell;
}

/** The programs a shell in the container finds on PATH. */
function commandTable(target: PodTarget, fs: FileSystem): Record<string, Tool> {
  const commands: Record<string, Tool> = {};
  const server = serverBinary(target.image);
  for (const name of commandsOf(target, fs)) {
    const podTool = POD_AWARE[name];
    if (podTool) commands[name] = (ctx) => podTool(ctx, target.pod);
    else if (name === server) commands[name] = (ctx) => runServer(ctx, target);
    else if (name === "sh" || name === "ash") commands[name] = shellProgram(dialectFor(target, "sh", false));
    else if (name === "bash") commands[name] = shellProgram(BASH_SCRIPT);
    else if (name === "apt-get" && target.image?.packageManager === "apt-get") commands[name] = aptGet;
    else if (name === "apt" && target.image?.packageManager === "apt-get") commands[name] = apt;
    else if (name === "df") commands[name] = (ctx) => df(ctx, target);
    else if (name === "ps")
      commands[name] = target.image?.toolset === "busybox" ? busyboxPs(target) : procpsPs(target);
    else if (IMPLEMENTED[name]) commands[name] = IMPLEMENTED[name];
    else commands[name] = notAvailable;
  }
  return commands;
}

/** The image's own server program (`nginx`, `httpd-foreground`): its CMD's, when that serves. */
function serverBinary(image: ImageSpec | undefined): string | undefined {
  if (image?.process.behaviour.kind !== "serve") return undefined;
  return image.process.cmd[0]?.split("/").pop();
}

/**
 * The image's server started by the container's main process, as a script that prepares files
 * ends (`…; exec nginx -g 'daemon off;'`): it writes the start-up log the image's own process
 * writes and runs until the container stops, so the container runs as it would with its default
 * command. Only in the foreground form (nginx's `-g DIRECTIVES`, nothing else); from `kubectl
 * exec`, or with other options (`nginx -t`), it is not run here.
 */
async function runServer(ctx: Parameters<Tool>[0], target: PodTarget): Promise<number> {
  const image = target.image!;
  const args = ctx.argv.slice(1);
  const foreground = args.length === 0 || (args.length === 2 && args[0] === "-g");
  if (ctx.shell.pid !== 1 || !foreground) return notAvailable(ctx);
  const { cluster } = ctx.env;
  const pod = target.pod as unknown as Pod;
  const node = pod.spec?.nodeName ? cluster.api.tryGet("Node", undefined, pod.spec.nodeName) : undefined;
  const podIP = pod.status?.podIP ?? (node ? nodeInternalIP(node) : "");
  const lines = (image.process.serverLog ?? image.process.startupLog)(
    processContextOf(target.pod, node, ctx.shell.now(), podIP),
  );
  for (const line of lines) (line.stream === "stderr" ? ctx.stderr : ctx.stdout)(`${line.text}\n`);
  // It serves until the container stops: the script runner aborts the signal then.
  await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
  throw abortError();
}

/**
 * A program the image has that this sandbox does not run yet: it says so, rather than claim the
 * image lacks it (126: found, but it cannot run).
 */
const notAvailable: Tool = async (ctx) => {
  ctx.stderr(`${ctx.argv[0]}: not available in this sandbox yet\n`);
  return 126;
};

function binPath(target: PodTarget, name: string): string {
  return target.image?.toolset === "busybox" ? `/bin/${name}` : `/usr/bin/${name}`;
}

/** The prompt each shell shows as root: bash `root@web-0:/# `, dash `# `, BusyBox ash `/ # `. */
function promptFor(shell: Shell, target: PodTarget): string {
  const cwd = shell.cwd === "/root" ? "~" : shell.cwd;
  if (shell.dialect.name === "bash") return `root@${podHostname(target.pod as unknown as Pod)}:${cwd}# `;
  if (shell.dialect.name === "ash") return `${cwd} # `;
  return "# ";
}

/** An interactive session for `kubectl exec -it POD -- sh|bash`. */
export function podSession(env: SandboxEnv, target: PodTarget, program: string, tty: boolean): Session {
  const shell = createPodShell(env, target, { program, interactive: true, tty });
  const containerID = containerIdOf(target.pod, target.container.name);
  return {
    shell,
    prompt: () => (tty ? promptFor(shell, target) : ""),
    alive() {
      const now = env.cluster.api.tryGet("Pod", target.pod.metadata.namespace, target.pod.metadata.name);
      return (
        now !== undefined &&
        now.metadata.uid === target.pod.metadata.uid &&
        containerIdOf(now, target.container.name) === containerID
      );
    },
    onExit(status, onOutput) {
      // Interactive bash says "exit" as it leaves; kubectl then reports a non-zero status.
      if (shell.dialect.name === "bash") onOutput({ stream: "stderr", text: "exit\n" });
      if (status !== 0) onOutput({ stream: "stderr", text: `command terminated with exit code ${status}\n` });
      return status;
    },
  };
}

/** The running container's ID: a restart or a new pod gives a new one. */
function containerIdOf(pod: KubeObject, container: string): string | undefined {
  const statuses = (pod.status as Pod["status"])?.containerStatuses ?? [];
  const status = statuses.find((c) => c.name === container);
  return status?.state?.running ? (status.containerID ?? "running") : undefined;
}

/** The catalogue entry for a container's image. */
export function imageOf(container: Container): ImageSpec | undefined {
  const found = lookupImage(container.image ?? "");
  return found.ok ? found.image : undefined;
}
