/**
 * What a container's main process will do, worked out once when it starts: the lines it logs and
 * when, and whether and when it exits. The image's default process comes from the catalogue;
 * a pod's `command`/`args` are interpreted here for the shapes lessons use (`sleep 3600`,
 * `sh -c 'echo hi; sleep 5; exit 1'`, `while true; do echo tick; sleep 5; done`).
 * Logs are computed from this plan when read, so a ticking loop costs nothing while nobody looks.
 */
import type { ImageSpec, LogLine, ProcessContext } from "../../images/types.ts";

export interface ProcessPlan {
  /** Lines written at fixed offsets from the start. */
  lines: LogLine[];
  /** A body repeated forever after `afterMs`: each round writes `lines` then waits `everyMs`. */
  repeat?: { afterMs: number; everyMs: number; lines: string[] };
  /** When the process exits on its own (ms after start) and with what code; undefined = never. */
  exit?: { afterMs: number; code: number };
  /** Whether it dies on the stop signal (else the kubelet kills it after the grace period: 137). */
  exitsOnStop: boolean;
  stopMs: number;
  /** The runtime could not start it at all (missing executable): StartError, exit 128. */
  startError?: string;
  /**
   * File changes the script makes before its first sleep (`echo hi > /data/out`, `mkdir -p`,
   * `touch`): the kubelet applies them to the container's filesystem as it starts the process,
   * then drops them from the plan. Later ones (after a sleep, inside a loop) are not applied.
   */
  writes?: FileEffect[];
}

/** A file change made by a statement of a container's script. */
export type FileEffect =
  | { kind: "write"; path: string; text: string; append: boolean }
  | { kind: "mkdir"; path: string }
  | { kind: "touch"; path: string };

const FOREVER = Number.POSITIVE_INFINITY;

/** The runtime's message when the executable is missing (containerd + runc wording). */
export function execNotFound(binary: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${binary}": executable file not found in $PATH: unknown`;
}

function sleepMs(arg: string | undefined): number {
  if (arg === undefined) return 0;
  if (arg === "infinity" || arg === "inf") return FOREVER;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit * 1000;
}

/** Shell words with simple quotes removed (enough for the one-liners in pod specs). */
function words(statement: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(statement); m; m = re.exec(statement)) out.push(m[1] ?? m[2] ?? m[3] ?? "");
  return out;
}

interface Step {
  kind: "log" | "sleep" | "exit" | "forever" | "file";
  text?: string;
  ms?: number;
  code?: number;
  effects?: FileEffect[];
}

/** Turns a `sh -c` script into steps; `while true; do …; done` becomes a repeat. */
function interpretScript(script: string, image: ImageSpec, plan: ProcessPlan): void {
  const loop = /^(.*?)while\s+(?:true|:)\s*;?\s*do\s+(.*?);?\s*done(.*)$/s.exec(script.trim());
  const head = loop ? loop[1]! : script;
  let t = 0;
  const run = (steps: Step[], into: { lines: string[] } | undefined): boolean => {
    for (const step of steps) {
      if (step.kind === "log") {
        if (into) into.lines.push(step.text ?? "");
        else plan.lines.push({ afterMs: t, stream: "stdout", text: step.text ?? "" });
      } else if (step.kind === "sleep") {
        if (step.ms === FOREVER) return false;
        t += step.ms ?? 0;
      } else if (step.kind === "file") {
        // Only the straight-line part before any sleep: see ProcessPlan.writes.
        if (!into && t === 0) plan.writes = [...(plan.writes ?? []), ...(step.effects ?? [])];
      } else if (step.kind === "exit") {
        plan.exit = { afterMs: t, code: step.code ?? 0 };
        return false;
      } else return false;
    }
    return true;
  };
  const toSteps = (text: string): Step[] =>
    text
      .split(/;|&&|\n/)
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map((s) => statement(words(s), image));
  if (!run(toSteps(head), undefined)) return;
  if (loop) {
    const body = toSteps(loop[2]!);
    const sleep = body.filter((s) => s.kind === "sleep").reduce((sum, s) => sum + (s.ms ?? 0), 0);
    const lines: string[] = [];
    run(
      body.filter((s) => s.kind === "log"),
      { lines },
    );
    if (sleep > 0 && sleep !== FOREVER) plan.repeat = { afterMs: t, everyMs: sleep, lines };
    return;
  }
  // The script ran to its end: the shell exits with the last command's status.
  plan.exit = { afterMs: t, code: 0 };
}

/**
 * One-shot tools a pod is often run with (`kubectl run -it --rm dns --image=busybox -- nslookup x`):
 * they print and exit, so the container completes instead of running forever.
 */
const ONE_SHOT = new Set([
  "nslookup",
  "wget",
  "curl",
  "hostname",
  "date",
  "env",
  "printenv",
  "uname",
  "id",
  "df",
  "ps",
  "ls",
  "cat",
]);

/** An absolute path for a script's file argument (a container starts in its working directory, "/" here). */
const absolute = (path: string) => (path.startsWith("/") ? path : `/${path}`);

/** `echo TEXT > FILE` / `>> FILE`: the redirection's target, and the words without it. */
function redirection(argv: string[]): { words: string[]; path: string; append: boolean } | undefined {
  const at = argv.findIndex((w) => /^1?>>?/.test(w));
  if (at < 0) return undefined;
  const op = /^1?(>>?)(.*)$/.exec(argv[at]!)!;
  const path = op[2] !== "" ? op[2]! : argv[at + 1];
  if (path === undefined) return undefined;
  const words = [...argv.slice(0, at), ...argv.slice(at + (op[2] !== "" ? 1 : 2))];
  return { words, path: absolute(path), append: op[1] === ">>" };
}

function statement(argv: string[], image: ImageSpec): Step {
  const redirect = redirection(argv);
  if (redirect) {
    const [cmd, ...rest] = redirect.words;
    if (cmd === "echo" && image.commands.includes("echo")) {
      const noNewline = rest[0] === "-n";
      const text = (noNewline ? rest.slice(1) : rest).join(" ") + (noNewline ? "" : "\n");
      return {
        kind: "file",
        effects: [{ kind: "write", path: redirect.path, text, append: redirect.append }],
      };
    }
    // Another command's output goes to the file, not the log (its content is not modelled).
    return { kind: "file", effects: [{ kind: "touch", path: redirect.path }] };
  }
  const [cmd, ...rest] = argv;
  if ((cmd === "mkdir" || cmd === "touch") && image.commands.includes(cmd)) {
    const paths = rest.filter((a) => !a.startsWith("-")).map(absolute);
    return {
      kind: "file",
      effects: paths.map((path): FileEffect => ({ kind: cmd as "mkdir" | "touch", path })),
    };
  }
  if (cmd !== undefined && ONE_SHOT.has(cmd) && image.commands.includes(cmd)) return { kind: "sleep", ms: 0 };
  switch (cmd) {
    case "echo":
      return { kind: "log", text: rest.join(" ") };
    case "sleep":
      return { kind: "sleep", ms: sleepMs(rest[0]) };
    case "exit":
      return { kind: "exit", code: Number(rest[0] ?? 0) || 0 };
    case "true":
    case ":":
      return { kind: "sleep", ms: 0 };
    case "false":
      return { kind: "exit", code: 1 };
    case "tail":
      return rest.includes("-f") ? { kind: "forever" } : { kind: "sleep", ms: 0 };
    default:
      if (cmd !== undefined && !image.commands.includes(cmd) && !cmd.startsWith("/")) {
        const shell = image.toolset === "busybox" ? "sh" : "/bin/sh";
        const msg = image.toolset === "busybox" ? `sh: ${cmd}: not found` : `${shell}: 1: ${cmd}: not found`;
        return { kind: "log", text: `${msg}\u0000127` };
      }
      return { kind: "forever" };
  }
}

/** Plans the main process of a container from its spec and image. */
export function planProcess(
  image: ImageSpec,
  container: { command?: string[]; args?: string[] },
  ctx: ProcessContext,
): ProcessPlan {
  const base = { exitsOnStop: image.process.exitsOnStop, stopMs: image.process.stopMs };
  const argv = container.command ? [...container.command, ...(container.args ?? [])] : undefined;
  const runsDefault = !argv && !container.args;
  if (runsDefault) {
    const behaviour = image.process.behaviour;
    return {
      ...base,
      lines: image.process.startupLog(ctx),
      ...(behaviour.kind === "exit"
        ? { exit: { afterMs: behaviour.afterMs, code: behaviour.exitCode } }
        : {}),
    };
  }
  const full = argv ?? [...image.process.entrypoint, ...(container.args ?? [])];
  const [binary, ...rest] = full;
  const plan: ProcessPlan = { ...base, lines: [] };
  if (binary === undefined) return { ...plan, exit: { afterMs: 0, code: 0 } };
  const name = binary.split("/").pop() ?? binary;
  if (!image.commands.includes(name) && image.shell === "none")
    return { ...plan, startError: execNotFound(binary) };
  if (!image.commands.includes(name) && !binary.startsWith("/"))
    return { ...plan, startError: execNotFound(binary) };
  // A shell, sleep or tail as PID 1 has no SIGTERM handler: it ignores the stop signal.
  if (["sh", "bash", "ash", "sleep", "tail"].includes(name)) plan.exitsOnStop = false;
  if ((name === "sh" || name === "bash" || name === "ash") && rest[0] === "-c") {
    interpretScript(rest.slice(1).join(" "), image, plan);
  } else {
    const step = statement([name, ...rest], image);
    if (step.kind === "log") {
      plan.lines.push({ afterMs: 0, stream: "stdout", text: step.text ?? "" });
      plan.exit = { afterMs: 0, code: 0 };
    } else if (step.kind === "sleep" && step.ms !== FOREVER) plan.exit = { afterMs: step.ms ?? 0, code: 0 };
    else if (step.kind === "exit") plan.exit = { afterMs: 0, code: step.code ?? 0 };
    else if (step.kind === "forever" && name !== "sleep" && name !== "tail") {
      // An image's own server binary run explicitly (`nginx -g 'daemon off;'`) behaves as the default.
      return { ...base, lines: image.process.startupLog(ctx) };
    }
  }
  // "not found" lines carry their exit status after a NUL: the shell stops there with 127.
  const failed = plan.lines.findIndex((l) => l.text.endsWith("\u0000127"));
  if (failed >= 0) {
    const line = plan.lines[failed]!;
    plan.lines = [
      ...plan.lines.slice(0, failed),
      { ...line, stream: "stderr", text: line.text.slice(0, -4) },
    ];
    plan.exit = { afterMs: line.afterMs, code: 127 };
    delete plan.repeat;
  }
  return plan;
}

/** The log lines a process has written by `elapsedMs` after its start (repeat rounds included). */
export function linesUntil(
  plan: ProcessPlan,
  elapsedMs: number,
): { afterMs: number; stream: string; text: string }[] {
  const out = plan.lines.filter((l) => l.afterMs <= elapsedMs);
  const r = plan.repeat;
  if (r) {
    for (let at = r.afterMs; at <= elapsedMs; at += r.everyMs) {
      for (const text of r.lines) out.push({ afterMs: at, stream: "stdout", text });
    }
  }
  return out;
}
