/**
 * What a container's main process will do, worked out once when it starts. The image's default
 * process comes from the catalogue; a pod's `command`/`args` are read here. A script whose every
 * command is known in advance (literal `echo`, `sleep`, `exit`, `true`, `false`, and `while true`
 * loops of them: `sh -c 'while true; do echo tick; sleep 5; done'`) becomes a plan of data: the
 * lines it logs and when, and whether and when it exits; logs are computed from the plan when
 * read, so a ticking loop costs nothing while nobody looks. Any other script (variables, `$(…)`,
 * pipes, redirections, file writes, other programs) is marked `script` and really run by the pod
 * shell's interpreter on simulated time (script-runner.ts), its output joining `lines`.
 */

import type { ImageSpec, LogLine, ProcessContext } from "../../images/types.ts";
import type { AndOrList, CommandNode, Script } from "../../shell/ast.ts";
import { parseShell } from "../../shell/parser.ts";
import { formatAccessLine } from "../network/access-log.ts";

export interface ProcessPlan {
  /** Lines written at fixed offsets from the start (and, for a run script, as it writes them). */
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
   * The command line the script runner runs in the container's shell (`["sh", "-c", SCRIPT]`):
   * its output is appended to `lines` as it is written, and its exit is reported to the kubelet.
   */
  script?: string[];
  /**
   * The kubelet's httpGet probes of this run's web server: from `firstAt` every `everyMs`, each
   * request leaves an access log line (`"kube-probe/1.34"`), computed when the log is read.
   */
  probes?: ProbeRequests[];
}

/**
 * One probe's requests, as the server logs them: `status` and `bytes` are the first probe's
 * answer, `changes` the answers from later moments on (the files served changed).
 */
export interface ProbeRequests {
  firstAt: number;
  everyMs: number;
  server: string;
  client: string;
  /** The port probed; absent in runs saved before answers could change. */
  port?: number;
  path: string;
  status: number;
  bytes: number;
  changes?: { from: number; status: number; bytes: number }[];
  userAgent: string;
}

/** The answer a probe's request gets at `at`: the first probe's, or the latest change before. */
export function probeAnswerAt(p: ProbeRequests, at: number): { status: number; bytes: number } {
  let answer: { status: number; bytes: number } = p;
  for (const change of p.changes ?? []) {
    if (change.from > at) break;
    answer = change;
  }
  return answer;
}

const FOREVER = Number.POSITIVE_INFINITY;

/** The runtime's message when the executable is missing (containerd + runc wording). */
export function execNotFound(binary: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${binary}": executable file not found in $PATH: unknown`;
}

/** `sleep`'s operand in ms (GNU and BusyBox units); undefined when sleep would refuse it. */
function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === "infinity" || arg === "inf") return FOREVER;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit * 1000;
}

/** One known step of a static script. */
type Step =
  | { kind: "log"; text: string }
  | { kind: "sleep"; ms: number }
  | { kind: "status"; code: number }
  | { kind: "exit"; code: number };

/** A simple command's words when all are literal text: no expansion, glob, redirection or assignment. */
function literalArgv(command: CommandNode): string[] | undefined {
  if (command.type !== "simple" || command.assignments.length > 0 || command.redirects.length > 0) {
    return undefined;
  }
  const argv: string[] = [];
  for (const word of command.words) {
    let text = "";
    for (const part of word.parts) {
      if (part.type !== "text" || (!part.quoted && /[*?[~]/.test(part.value))) return undefined;
      text += part.value;
    }
    argv.push(text);
  }
  return argv;
}

/** The step a literal command is, when its effect is known without running it. */
function staticStep(argv: string[]): Step | undefined {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case "echo":
      // Options and backslashes differ between bash, dash and BusyBox: leave those to the shell.
      if (rest.some((a) => a.includes("\\")) || /^-[neE]+$/.test(rest[0] ?? "")) return undefined;
      return { kind: "log", text: rest.join(" ") };
    case "sleep": {
      const ms = rest.length === 1 ? sleepMs(rest[0]) : undefined;
      return ms === undefined ? undefined : { kind: "sleep", ms };
    }
    case "exit":
      if (rest.length > 1 || (rest[0] !== undefined && !/^\d+$/.test(rest[0]))) return undefined;
      return { kind: "exit", code: Number(rest[0] ?? 0) & 255 };
    case "true":
    case ":":
      return { kind: "status", code: 0 };
    case "false":
      return { kind: "status", code: 1 };
    default:
      return undefined;
  }
}

/** What running a static list does, step by step; undefined when any part of it is not static. */
function listSteps(list: AndOrList, status: { code: number }): Step[] | undefined {
  const steps: Step[] = [];
  const run = (pipeline: AndOrList["first"]): boolean => {
    if (pipeline.negated || pipeline.commands.length !== 1) return false;
    const argv = literalArgv(pipeline.commands[0]!);
    const step = argv && staticStep(argv);
    if (!step) return false;
    steps.push(step);
    status.code = step.kind === "status" ? step.code : step.kind === "exit" ? step.code : 0;
    return true;
  };
  if (!run(list.first)) return undefined;
  for (const { op, pipeline } of list.rest) {
    if (steps.at(-1)?.kind === "exit") break;
    // `a && b` runs b after success, `a || b` after failure; a skipped command changes nothing.
    if ((op === "&&") !== (status.code === 0)) {
      if (!literalArgv(pipeline.commands[0]!) || pipeline.commands.length !== 1) return undefined;
      continue;
    }
    if (!run(pipeline)) return undefined;
  }
  return steps;
}

/** Turns a static script into the plan; false when the script must really run. */
function planStaticScript(script: Script, plan: ProcessPlan): boolean {
  let t = 0;
  const status = { code: 0 };
  const lines: LogLine[] = [];
  /** Applies steps from time `t`; true when the process exits or sleeps forever there. */
  const ends = (steps: Step[]): boolean => {
    for (const step of steps) {
      if (step.kind === "log") lines.push({ afterMs: t, stream: "stdout", text: step.text });
      else if (step.kind === "sleep") {
        if (step.ms === FOREVER) return true;
        t += step.ms;
      } else if (step.kind === "exit") {
        plan.exit = { afterMs: t, code: step.code };
        return true;
      }
    }
    return false;
  };
  const done = () => {
    plan.lines = lines;
    return true;
  };
  for (const item of script) {
    const only =
      item.rest.length === 0 && item.first.commands.length === 1 ? item.first.commands[0] : undefined;
    if (only?.type !== "while") {
      const steps = listSteps(item, status);
      if (!steps) return false;
      if (ends(steps)) return done();
      continue;
    }
    if (item.first.negated || only.redirects.length > 0) return false;
    // `while true` / `until false`: the condition's status never changes, so neither does the loop.
    const condition = only.condition.length === 1 ? listSteps(only.condition[0]!, status) : undefined;
    if (!condition || condition.some((s) => s.kind !== "status")) return false;
    if ((status.code === 0) === only.until) {
      status.code = 0; // a loop that never ran exits 0
      continue;
    }
    const body: Step[] = [];
    for (const list of only.body) {
      const steps = listSteps(list, status);
      if (!steps) return false;
      body.push(...steps);
    }
    // A body that exits (or sleeps forever) runs once.
    if (body.some((s) => s.kind === "exit" || (s.kind === "sleep" && s.ms === FOREVER))) {
      ends(body);
      return done();
    }
    const round = body.reduce((sum, s) => sum + (s.kind === "sleep" ? s.ms : 0), 0);
    // A loop without sleep spins (the runner cuts it); one whose lines come at several moments
    // of a round is not a single repeat: both really run.
    const repeat = round > 0 ? rotateToLines(body) : undefined;
    if (!repeat) return false;
    ends(repeat.preamble);
    plan.repeat = { afterMs: t, everyMs: round, lines: repeat.lines };
    return done();
  }
  plan.exit ??= { afterMs: t, code: status.code };
  return done();
}

/**
 * A loop body as a preamble run once and a block of lines written together each round: the
 * body's lines must be one run of `echo`s with no sleep between them (cyclically: `sleep 5; echo
 * tick` first sleeps, then ticks every 5 s).
 */
function rotateToLines(body: Step[]): { preamble: Step[]; lines: string[] } | undefined {
  const n = body.length;
  const isLog = (i: number) => body[i % n]!.kind === "log";
  const isSleep = (i: number) => {
    const s = body[i % n]!;
    return s.kind === "sleep" && s.ms > 0;
  };
  if (!body.some((s) => s.kind === "log")) return { preamble: [], lines: [] };
  // The block starts at a log whose cyclic predecessor chain back to a sleep holds no log.
  for (let start = 0; start < n; start++) {
    if (!isLog(start)) continue;
    let back = start + n - 1;
    while (!isSleep(back) && !isLog(back)) back--;
    if (isLog(back)) continue;
    // From `start`, the logs must all come before the first positive sleep of the round.
    const lines: string[] = [];
    let i = start;
    for (; i < start + n && !isSleep(i); i++) {
      const s = body[i % n]!;
      if (s.kind === "log") lines.push(s.text);
    }
    for (; i < start + n; i++) if (isLog(i)) return undefined;
    return { preamble: body.slice(0, start), lines };
  }
  return undefined;
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

/** A command run directly as the container's process (no shell): what it does, when known. */
function directStep(argv: string[], image: ImageSpec): Step | "forever" {
  const [cmd] = argv;
  if (cmd !== undefined && ONE_SHOT.has(cmd) && image.commands.includes(cmd))
    return { kind: "status", code: 0 };
  if (cmd === "tail") return argv.includes("-f") ? "forever" : { kind: "status", code: 0 };
  return staticStep(argv) ?? "forever";
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
    const parsed = parseShell(rest[1] ?? "", {
      atEnd: true,
      ansiC: name !== "sh" || image.toolset === "busybox",
    });
    // Anything not known in advance (and any syntax error, which the shell itself reports) runs.
    if (!parsed.ok || rest.length !== 2 || !planStaticScript(parsed.script, plan)) {
      return { ...base, exitsOnStop: false, lines: [], script: full };
    }
    return plan;
  }
  const step = directStep([name, ...rest], image);
  if (step === "forever") {
    // An image's own server binary run explicitly (`nginx -g 'daemon off;'`) behaves as the
    // default, without the ENTRYPOINT's lines when `command` replaced it.
    if (name !== "sleep" && name !== "tail") {
      const log =
        container.command && image.process.serverLog ? image.process.serverLog : image.process.startupLog;
      return { ...base, lines: log(ctx) };
    }
  } else if (step.kind === "log") {
    plan.lines.push({ afterMs: 0, stream: "stdout", text: step.text });
    plan.exit = { afterMs: 0, code: 0 };
  } else if (step.kind === "sleep") {
    if (step.ms !== FOREVER) plan.exit = { afterMs: step.ms, code: 0 };
  } else plan.exit = { afterMs: 0, code: step.code };
  return plan;
}

/** The log lines a process has written by `elapsedMs` after its start (repeat rounds included). */
export function linesUntil(
  plan: ProcessPlan,
  elapsedMs: number,
  startedAt = 0,
): { afterMs: number; stream: string; text: string }[] {
  const out = plan.lines.filter((l) => l.afterMs <= elapsedMs);
  const r = plan.repeat;
  if (r) {
    for (let at = r.afterMs; at <= elapsedMs; at += r.everyMs) {
      for (const text of r.lines) out.push({ afterMs: at, stream: "stdout", text });
    }
  }
  if (!plan.probes) return out;
  for (const p of plan.probes) {
    for (let at = p.firstAt; at - startedAt <= elapsedMs; at += p.everyMs) {
      out.push({
        afterMs: at - startedAt,
        stream: "stdout",
        text: formatAccessLine(p.server, { ...p, ...probeAnswerAt(p, at), method: "GET", now: at }),
      });
    }
  }
  // In time order; lines of the same moment keep the order they were written in.
  return out.sort((a, b) => a.afterMs - b.afterMs);
}
