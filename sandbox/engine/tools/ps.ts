/**
 * `ps` in a container: BusyBox's applet (busybox, alpine) and GNU procps-ng 4 (what
 * `apt-get install procps` brings to the Debian images). Both list the same processes: PID 1
 * (the pod's command, or the image's server under the title it gives itself), the workers that
 * server forks, the interactive shell of `kubectl exec -it` if there is one, and ps itself.
 * No process uses measurable CPU in the sandbox, so every TIME is zero.
 */
import type { Node, Pod } from "kubernetes-types/core/v1";
import type { Cluster } from "../cluster/cluster.ts";
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import type { PodTarget } from "../shell/pod-shell.ts";

/** PID 1's command line for a container: spec command/args override the image's. */
export function mainCommandLine(
  container: NonNullable<Pod["spec"]>["containers"][number],
  image: { entrypoint: readonly string[]; cmd: readonly string[] } | undefined,
): string {
  const entrypoint = container.command ?? image?.entrypoint ?? [];
  const args = container.args ?? (container.command ? [] : (image?.cmd ?? []));
  return [...entrypoint, ...args].join(" ");
}

interface Proc {
  pid: number;
  ppid: number;
  user: string;
  /** The full command line (ps -f, ps aux, BusyBox ps). */
  args: string;
  tty: string;
  stat: string;
  startMs: number;
  vsz: number;
  rss: number;
}

/** Representative sizes (KiB): nothing reads them, but a column of zeros would look wrong. */
const SIZES: Readonly<Record<string, [number, number]>> = {
  master: [11404, 7424],
  worker: [11868, 2932],
  bash: [4188, 3456],
  sh: [2580, 1536],
  ps: [8088, 4096],
  other: [2400, 1280],
};

/** The container's own processes: PID 1 and the workers it forked at start. */
function containerProcesses(cluster: Cluster, target: PodTarget): Proc[] {
  const { container, pod } = target;
  const process = target.image?.process;
  const keepsImageCommand = container.command === undefined && container.args === undefined;
  const tree = keepsImageCommand ? process?.processTree : undefined;
  const status = (pod.status as Pod["status"])?.containerStatuses?.find((c) => c.name === container.name);
  const started = Date.parse(status?.state?.running?.startedAt ?? "");
  const startMs = Number.isNaN(started) ? cluster.clock.now() : started;
  const [vsz, rss] = tree ? SIZES.master! : SIZES.other!;
  const main: Proc = {
    pid: 1,
    ppid: 0,
    user: "root",
    args: tree?.title ?? mainCommandLine(container, process),
    tty: "?",
    stat: "Ss",
    startMs,
    vsz,
    rss,
  };
  if (!tree) return [main];
  const { workers } = tree;
  const count = workers.count === "cpus" ? nodeCpus(cluster, pod as unknown as Pod) : workers.count;
  const forked = Array.from({ length: count }, (_, i): Proc => {
    const [wVsz, wRss] = SIZES.worker!;
    return {
      pid: workers.firstPid + i,
      ppid: 1,
      user: workers.user,
      args: workers.command,
      tty: "?",
      stat: "S",
      startMs,
      vsz: wVsz,
      rss: wRss,
    };
  });
  return [main, ...forked];
}

/** The node's CPUs, as the kubelet tells the image's start-up (nginx's `worker_processes auto`). */
function nodeCpus(cluster: Cluster, pod: Pod): number {
  const node = cluster.api.tryGet("Node", undefined, pod.spec?.nodeName ?? "") as (Node & object) | undefined;
  return Number(node?.status?.capacity?.cpu ?? 1) || 1;
}

/** Every process ps sees: the container's, then the exec'd shell (interactive only) and ps. */
function processTable(ctx: ToolContext, target: PodTarget): Proc[] {
  const procs = containerProcesses(ctx.env.cluster, target);
  const now = ctx.env.cluster.clock.now();
  const tty = ctx.stdoutIsTerminal ? "pts/0" : "?";
  const interactive = ctx.shell.pid === 7;
  // The runtime's own helpers take the PIDs before 7; past a server's workers, exec'd processes
  // get the next free ones, as the kernel hands them out.
  const last = Math.max(...procs.map((p) => p.pid));
  const next = last > 1 ? last + 1 : 7;
  let psParent = 0;
  if (interactive) {
    const program = ctx.shell.dialect.program;
    const [vsz, rss] = program === "bash" ? SIZES.bash! : SIZES.sh!;
    procs.push({ pid: next, ppid: 0, user: "root", args: program, tty, stat: "Ss", startMs: now, vsz, rss });
    psParent = next;
  }
  const [vsz, rss] = SIZES.ps!;
  const self = interactive ? next + 6 : next;
  const stat = tty === "?" ? (interactive ? "R" : "Rs") : "R+";
  procs.push({
    pid: self,
    ppid: psParent,
    user: "root",
    args: ctx.argv.join(" "),
    tty,
    stat,
    startMs: now,
    vsz,
    rss,
  });
  return procs;
}

/**
 * BusyBox `ps` (the busybox and alpine images): `PID USER TIME COMMAND` for every process in the
 * container.
 */
export function busyboxPs(target: PodTarget): Tool {
  return async (ctx: ToolContext) => {
    const line = (pid: string, user: string, time: string, command: string) =>
      `${pid} ${user.padEnd(8)} ${time} ${command}\n`;
    ctx.stdout(line("PID  ", "USER", "TIME ", "COMMAND"));
    for (const p of processTable(ctx, target).sort((a, b) => a.pid - b.pid)) {
      ctx.stdout(line(String(p.pid).padStart(5), p.user, " 0:00", p.args));
    }
    return 0;
  };
}

const PS_USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

/** What the arguments ask for: which processes, and which of the three layouts. */
function parseProcpsArgs(
  argv: readonly string[],
): { all: boolean; format: "default" | "full" | "user" } | string {
  let all = false;
  let format: "default" | "full" | "user" = "default";
  for (const arg of argv) {
    if (arg.startsWith("-") && arg !== "-aux") {
      for (const letter of arg.slice(1)) {
        if (letter === "e" || letter === "A") all = true;
        else if (letter === "f") format = "full";
        else return "error: unsupported SysV option\n";
      }
    } else {
      // `ps -aux` is read as BSD `aux`, with the same result.
      for (const letter of arg.replace(/^-/, "")) {
        if (letter === "a" || letter === "x") all = true;
        else if (letter === "u") format = "user";
        else return "error: unsupported option (BSD syntax)\n";
      }
    }
  }
  return { all, format };
}

/** procps' START and STIME: the time of day today, the month and day before that. */
function startColumn(startMs: number, now: number): string {
  const date = new Date(startMs);
  if (now - startMs < 24 * 3600 * 1000) {
    return `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  }
  const month = date.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  return `${month}${String(date.getUTCDate()).padStart(2, "0")}`;
}

/** The command's name, as the default layout's CMD shows it (no path, no arguments). */
function comm(args: string): string {
  const first = args.startsWith("nginx:") ? "nginx" : (args.split(" ")[0] ?? "");
  return first.slice(first.lastIndexOf("/") + 1);
}

/** procps-ng `ps`: `ps`, `ps -e`, `ps -ef`, `ps aux` with procps' exact columns. */
export function procpsPs(target: PodTarget): Tool {
  return async (ctx: ToolContext) => {
    const options = parseProcpsArgs(ctx.argv.slice(1));
    if (typeof options === "string") {
      ctx.stderr(options + PS_USAGE);
      return 1;
    }
    const now = ctx.env.cluster.clock.now();
    const all = processTable(ctx, target);
    const mine = all[all.length - 1]!.tty;
    const procs = options.all ? all : all.filter((p) => p.tty === mine);
    procs.sort((a, b) => a.pid - b.pid);
    const pid = (n: number) => String(n).padStart(7);
    if (options.format === "user") {
      ctx.stdout("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n");
      for (const p of procs) {
        const columns = [
          `${p.user.padEnd(8)} ${pid(p.pid)}`,
          " 0.0",
          " 0.0",
          String(p.vsz).padStart(6),
          String(p.rss).padStart(5),
          p.tty.padEnd(8),
          p.stat.padEnd(4),
          startColumn(p.startMs, now).padStart(5),
          "  0:00",
          p.args,
        ];
        ctx.stdout(`${columns.join(" ")}\n`);
      }
    } else if (options.format === "full") {
      ctx.stdout("UID          PID    PPID  C STIME TTY          TIME CMD\n");
      for (const p of procs) {
        const stime = startColumn(p.startMs, now).padStart(5);
        ctx.stdout(
          `${p.user.padEnd(8)} ${pid(p.pid)} ${pid(p.ppid)}  0 ${stime} ${p.tty.padEnd(8)} 00:00:00 ${p.args}\n`,
        );
      }
    } else {
      ctx.stdout("    PID TTY          TIME CMD\n");
      for (const p of procs) ctx.stdout(`${pid(p.pid)} ${p.tty.padEnd(8)} 00:00:00 ${comm(p.args)}\n`);
    }
    return 0;
  };
}
