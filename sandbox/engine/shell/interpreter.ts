/**
 * Runs parsed shell scripts: lists, pipelines (stages run side by side, joined by pipes),
 * redirections, heredocs, variables, command substitution and `for` loops. The same
 * interpreter is the learner's host shell and every shell inside a pod; what differs is the
 * filesystem, the commands on PATH and the dialect its errors are worded in.
 */
import type { FileSystem } from "../fs/file-tree.ts";
import { FsError, resolvePath } from "../fs/file-tree.ts";
import type { ExitStatus, OnOutput, Stream } from "../output.ts";
import { abortError, isAbortError } from "../time-driver.ts";
import type {
  AndOrList,
  CaseClause,
  CommandNode,
  IfClause,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  WhileLoop,
  Word,
} from "./ast.ts";
import type { CommandContext, SandboxEnv } from "./command.ts";
import { type ConditionalShell, evaluateConditional } from "./conditional.ts";
import type { Dialect } from "./dialect.ts";
import { type Expander, expandToString, expandWords, patternSource } from "./expand.ts";
import { BadSubstitution, ParameterError } from "./expansion-errors.ts";
import { loadTool } from "./lazy-tool.ts";
import { IncompleteInput, parseShell } from "./parser.ts";
import { isStreaming, Pipe } from "./pipe.ts";
import { optionLetters, traceWord } from "./set-options.ts";
import type { Terminal } from "./terminal.ts";

/** Where a shell is: the filesystem it sees and its working directory (the workspace is one). */
export interface ShellPlace {
  fs: FileSystem;
  cwd: string;
}

/** What a tool run by the shell gets: the command context plus the shell running it. */
export interface ToolContext extends CommandContext {
  shell: Shell;
  /** The exported variables plus this command's own `NAME=value` prefixes. */
  environ: Record<string, string>;
  /** stdin is the terminal itself, not a pipe, file or heredoc (kubectl exec -it needs one). */
  stdinIsTerminal: boolean;
  /** stdout goes to the terminal (ls prints columns, not one name per line). */
  stdoutIsTerminal: boolean;
  /**
   * Writes text holding the engine's own terminal control sequences (clear, watch's screens,
   * progress meters' CR) to stdout or stderr: marked as such when that stream is the terminal, so
   * the browser terminal lets them through (see `neutraliseControls`), plain bytes otherwise
   * (`clear > f` stores them as the real one does). Tools call it only for text they generate.
   */
  control?: (text: string, stream?: Stream) => void;
  /** Takes the next line of stdin for `read` (shared by the commands of a loop); undefined at its end. */
  readLine(): string | undefined;
  /** For a `streaming` tool fed by a pipe: stdin as it arrives (`stdin` is then empty). */
  stdinPipe?: Pipe;
}

export type Tool = (ctx: ToolContext) => Promise<ExitStatus>;

/** The streams a tool was given, for the commands it runs in turn (env, timeout, eval). */
export function ioOf(ctx: ToolContext, signal: AbortSignal = ctx.signal): Io {
  return {
    stdin: ctx.stdin,
    stdinIsTerminal: ctx.stdinIsTerminal,
    stdoutIsTerminal: ctx.stdoutIsTerminal,
    out: ctx.stdout,
    err: ctx.stderr,
    signal,
  };
}

export type Sink = (text: string) => void;

/** The streams a command runs with. */
export interface Io {
  stdin: string;
  stdinIsTerminal: boolean;
  stdoutIsTerminal: boolean;
  /** What is left of a redirected or piped stdin, shared so successive `read`s take successive lines. */
  reader?: { rest: string };
  /** stdin still being written by the previous stage of a pipeline; `stdin` is read from it on demand. */
  pipe?: Pipe;
  out: Sink;
  err: Sink;
  /** The terminal's own sinks, and how to write the engine's control sequences to it. */
  terminal?: { out: Sink; err: Sink; control: (text: string, stream: Stream) => void };
  signal: AbortSignal;
}

/** Whose tools answer: GNU coreutils (the host, Debian images) or BusyBox applets. */
export type Toolset = "gnu" | "busybox";

export interface ShellConfig {
  env: SandboxEnv;
  place: ShellPlace;
  dialect: Dialect;
  toolset: Toolset;
  /** Shell builtins (cd, export…), looked up before `commands`. */
  builtins: Readonly<Record<string, Tool>>;
  /** The programs on PATH. */
  commands: Readonly<Record<string, Tool>>;
  /** The initial exported environment. */
  variables: Readonly<Record<string, string>>;
  /** The process id `$$` shows. */
  pid: number;
  /** Where programs live, for `type` and `which` (default /usr/bin/NAME). */
  commandPaths?: Readonly<Record<string, string>>;
  /**
   * The time this shell's process sees (file times, `date`): a container's script runs on its own
   * simulated time, which may trail the cluster's while it catches up (kubelet/script-runner.ts).
   */
  clock?: () => number;
  /** How many rounds a loop may run before it is stopped; a container's script has no limit. */
  loopLimit?: number;
  /**
   * Awaited before every command (and assignment) runs: a container's script runner counts its
   * work here and suspends a script that runs too long without sleeping.
   */
  beforeCommand?: () => Promise<void> | undefined;
}

/** `break N` / `continue N`: unwinds to the Nth enclosing loop. */
export class LoopControl extends Error {
  readonly kind: "break" | "continue";
  levels: number;
  constructor(kind: "break" | "continue", levels: number) {
    super(kind);
    this.name = "LoopControl";
    this.kind = kind;
    this.levels = levels;
  }
}

/** `return N`: unwinds to the function being called. */
export class FunctionReturn extends Error {
  readonly status: ExitStatus;
  constructor(status: ExitStatus) {
    super("return");
    this.name = "FunctionReturn";
    this.status = status;
  }
}

/**
 * Loops typed at a prompt stop here rather than hang a browser tab. A container's script has no
 * limit: its runner bounds the work it does per wake-up instead.
 */
const MAX_LOOP_ITERATIONS = 10_000;

export class Shell {
  readonly env: SandboxEnv;
  readonly place: ShellPlace;
  readonly dialect: Dialect;
  readonly toolset: Toolset;
  readonly builtins: Readonly<Record<string, Tool>>;
  commands: Readonly<Record<string, Tool>>;
  readonly pid: number;
  readonly commandPaths: Readonly<Record<string, string>>;
  readonly clock: (() => number) | undefined;
  readonly loopLimit: number;
  readonly beforeCommand: (() => Promise<void> | undefined) | undefined;
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  /** `$?`. */
  status: ExitStatus = 0;
  /** The input line number dash quotes in its messages. */
  line = 0;
  readonly history: string[] = [];
  /** How many loops are running, so `break` outside one can say it is meaningless. */
  loopDepth = 0;
  /** Functions defined with `name() { …; }`, by name. */
  readonly functions = new Map<string, CommandNode>();
  /** Indexed arrays, by name: only BASH_REMATCH, which `[[ … =~ … ]]` sets, is one here. */
  readonly arrays = new Map<string, string[]>();
  /** `alias` definitions, by name (aliases.ts). */
  readonly aliases = new Map<string, string>();
  /** What `set` turned on: errexit (-e), nounset (-u), xtrace (-x), noglob (-f), pipefail (set-options.ts). */
  readonly options = new Set<string>();
  /** Command substitutions this shell is inside: xtrace's `+` is repeated once per level. */
  traceDepth = 0;
  /** Above 0 while a command's status is being tested (if, while, `&&`, `!`): errexit does not apply. */
  #tested = 0;
  /**
   * The aliases as they stood when the line being run was typed at this shell's prompt; undefined
   * where aliases do not expand (a script: `sh -c`, a container's command, `watch`).
   */
  typedAliases: ReadonlyMap<string, string> | undefined;
  /** `$1`, `$2`… inside a function call, or of a script run as `sh -c SCRIPT NAME ARG…`. */
  positional: string[] = [];
  /** `$0` when the shell was started with a name for it (`sh -c SCRIPT NAME`, `sh FILE`). */
  arg0: string | undefined;
  /** How many function calls are running, so `return` outside one can say it is meaningless. */
  functionDepth = 0;
  /** Set by `exit`: the shell stops running commands and its session ends. */
  exitStatus: ExitStatus | undefined;
  #substitutionStatus: ExitStatus | undefined;
  /** Packages the image can install (apt-get), by name; undefined where there is no package manager. */
  installable: Readonly<Record<string, { commands: readonly string[] }>> | undefined;
  /** Rebuilds `commands` after something was installed into the filesystem. */
  refreshCommands: (() => void) | undefined;
  /** The terminal this shell is typed into, if it is an interactive one (kubectl exec -it needs it). */
  terminal: Terminal | undefined;

  constructor(config: ShellConfig) {
    this.env = config.env;
    this.place = config.place;
    this.dialect = config.dialect;
    this.toolset = config.toolset;
    this.builtins = config.builtins;
    this.commands = config.commands;
    this.pid = config.pid;
    this.commandPaths = config.commandPaths ?? {};
    this.clock = config.clock;
    this.loopLimit = config.loopLimit ?? MAX_LOOP_ITERATIONS;
    this.beforeCommand = config.beforeCommand;
    for (const [name, value] of Object.entries(config.variables)) {
      this.vars.set(name, value);
      this.exported.add(name);
    }
  }

  get fs(): FileSystem {
    return this.place.fs;
  }

  get cwd(): string {
    return this.place.cwd;
  }

  set cwd(path: string) {
    this.place.cwd = path;
    this.setVariable("PWD", path, true);
  }

  get home(): string {
    return this.vars.get("HOME") ?? "/";
  }

  /** An absolute path for what the learner typed, relative to the working directory. */
  resolve(path: string): string {
    return resolvePath(this.cwd, path);
  }

  now(): number {
    return this.clock ? this.clock() : this.env.cluster.clock.now();
  }

  setVariable(name: string, value: string, exported = false): void {
    this.vars.set(name, value);
    if (exported) this.exported.add(name);
  }

  /** The exported variables, as a child process receives them. */
  environ(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.exported) {
      const value = this.vars.get(name);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  /**
   * A copy for `$(...)`, pipelines and `( … )`: same files, its own variables and directory. With
   * `program`, a new shell program (`sh -c`, `bash script`, watch's command), which starts with
   * no aliases, as aliases are not passed to programs.
   */
  subshell(dialect: Dialect = this.dialect, program = false): Shell {
    const copy = new Shell({
      env: this.env,
      place: { fs: this.place.fs, cwd: this.place.cwd },
      dialect,
      toolset: this.toolset,
      builtins: this.builtins,
      commands: this.commands,
      variables: {},
      pid: this.pid,
      commandPaths: this.commandPaths,
      ...(this.clock ? { clock: this.clock } : {}),
      loopLimit: this.loopLimit,
      ...(this.beforeCommand ? { beforeCommand: this.beforeCommand } : {}),
    });
    for (const [name, value] of this.vars) copy.vars.set(name, value);
    for (const [name, body] of this.functions) copy.functions.set(name, body);
    if (!program) {
      for (const option of this.options) copy.options.add(option);
      for (const [name, value] of this.aliases) copy.aliases.set(name, value);
      // A pipeline's stages and `$(…)` belong to the line typed.
      copy.typedAliases = this.typedAliases;
    }
    copy.positional = [...this.positional];
    copy.arg0 = this.arg0;
    for (const name of this.exported) copy.exported.add(name);
    copy.status = this.status;
    copy.line = this.line;
    copy.history.push(...this.history);
    copy.installable = this.installable;
    copy.refreshCommands = this.refreshCommands;
    return copy;
  }

  /** Runs text typed at this shell's prompt (possibly several lines) and returns `$?`. */
  async execute(text: string, onOutput: OnOutput, signal: AbortSignal): Promise<ExitStatus> {
    const out: Sink = (t) => onOutput({ stream: "stdout", text: t });
    const err: Sink = (t) => onOutput({ stream: "stderr", text: t });
    const io: Io = {
      stdin: "",
      stdinIsTerminal: true,
      stdoutIsTerminal: true,
      out,
      err,
      terminal: { out, err, control: (t, stream) => onOutput({ stream, text: t, control: true }) },
      signal,
    };
    this.line += 1;
    this.typedAliases = new Map(this.aliases);
    return this.runText(text, io);
  }

  /** Parses and runs `text` in this shell with `io`; syntax errors are reported in the dialect's words. */
  async runText(text: string, io: Io): Promise<ExitStatus> {
    const parsed = parseShell(text, { atEnd: true, ansiC: this.dialect.name !== "dash" });
    if (!parsed.ok) {
      const { error } = parsed;
      io.err(
        error instanceof IncompleteInput
          ? this.dialect.unexpectedEof(error.quote, this.line)
          : this.dialect.syntaxError(error.token, this.line),
      );
      this.status = 2;
      return 2;
    }
    for (const warning of parsed.warnings) io.err(`${this.dialect.prefix(this.line)}${warning}\n`);
    try {
      return await this.runScript(parsed.script, io);
    } catch (error) {
      if (error instanceof LineAbandoned) {
        this.status = error.status;
        return error.status;
      }
      // Ctrl-C: bash reports 130 (128 + SIGINT) for an interrupted command.
      if (isAbortError(error)) {
        this.status = 130;
        return 130;
      }
      throw error;
    }
  }

  async runScript(script: Script, io: Io): Promise<ExitStatus> {
    for (const item of script) {
      if (this.exitStatus !== undefined) break;
      // errexit looks at the list's last pipeline only, when it ran: `false && x` goes on.
      let final: Pipeline | undefined = item.rest.length === 0 ? item.first : undefined;
      let status = await this.#runPipeline(item.first, io, item.rest.length > 0);
      for (const [i, { op, pipeline }] of item.rest.entries()) {
        if (this.exitStatus !== undefined) break;
        const last = i === item.rest.length - 1;
        if ((op === "&&") === (status === 0)) {
          status = await this.#runPipeline(pipeline, io, !last);
          final = last ? pipeline : undefined;
        } else final = undefined;
      }
      if (status !== 0 && final && !final.negated && this.#tested === 0 && this.options.has("errexit"))
        this.exitStatus ??= status;
    }
    return this.exitStatus ?? this.status;
  }

  /** Runs one command given as words (xargs, watch, kubectl exec into this shell's image). */
  async runArgv(
    argv: string[],
    io: Io,
    environ: Record<string, string> = this.environ(),
  ): Promise<ExitStatus> {
    const name = argv[0];
    if (name === undefined) return 0;
    const fn = this.functions.get(name);
    if (fn) return this.#callFunction(fn, argv.slice(1), io);
    const tool = this.lookup(name);
    if (!tool) {
      io.err(this.#notFoundMessage(name));
      return name.includes("/") && this.fs.stat(this.resolve(name)) ? 126 : 127;
    }
    return this.#invoke(tool, argv, io, environ);
  }

  /** The file a program on PATH lives in, e.g. /usr/bin/ls. */
  pathOf(name: string): string {
    return this.commandPaths[name] ?? `/usr/bin/${name}`;
  }

  /** The builtin or program `name` runs, if any. */
  lookup(name: string): Tool | undefined {
    if (Object.hasOwn(this.builtins, name)) return this.builtins[name];
    const base = name.includes("/") ? name.slice(name.lastIndexOf("/") + 1) : name;
    if (name.includes("/") && !/^\/(usr\/)?(local\/)?s?bin\//.test(this.resolve(name))) return undefined;
    return Object.hasOwn(this.commands, base) ? this.commands[base] : undefined;
  }

  #notFoundMessage(name: string): string {
    if (!name.includes("/")) return this.dialect.notFound(name, this.line);
    const node = this.fs.stat(this.resolve(name));
    if (!node) return `${this.dialect.prefix(this.line)}${name}: No such file or directory\n`;
    if (node.type === "dir") return `${this.dialect.prefix(this.line)}${name}: Is a directory\n`;
    return `${this.dialect.prefix(this.line)}${name}: Permission denied\n`;
  }

  /** `tested`: its status decides what runs next (the left of `&&`), so errexit leaves it alone. */
  async #runPipeline(pipeline: Pipeline, io: Io, tested = false): Promise<ExitStatus> {
    if (pipeline.timed) return this.#timed(pipeline, io, tested);
    const { commands } = pipeline;
    let status = await this.#testing(tested || pipeline.negated, () =>
      commands.length === 1 ? this.#runCommand(commands[0]!, io) : this.#runStages(commands, io),
    );
    if (pipeline.negated) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  /**
   * bash's `time PIPELINE`: the pipeline, then its simulated time to stderr in TIMEFORMAT (the
   * CPU it took is not simulated: user and sys are 0). dash has no such keyword and looks for a
   * `time` program.
   */
  async #timed(pipeline: Pipeline, io: Io, tested: boolean): Promise<ExitStatus> {
    if (this.dialect.name !== "bash") {
      io.err(this.dialect.notFound("time", this.line));
      return this.#setStatus(127);
    }
    const start = this.now();
    const status =
      pipeline.commands.length === 0
        ? this.status
        : await this.#runPipeline({ ...pipeline, timed: undefined }, io, tested);
    const format = pipeline.timed === "posix" ? null : (this.vars.get("TIMEFORMAT") ?? DEFAULT_TIMEFORMAT);
    io.err(timeReport(this.now() - start, format));
    return status;
  }

  /** Runs `run` with errexit off inside when `tested`. */
  async #testing(tested: boolean, run: () => Promise<ExitStatus>): Promise<ExitStatus> {
    if (!tested) return run();
    this.#tested++;
    try {
      return await run();
    } finally {
      this.#tested--;
    }
  }

  /**
   * Runs the stages of `a | b | c` side by side, each in a subshell (as bash does: `cd` in a pipe
   * does not stick). When a reader finishes, its writer is stopped as SIGPIPE would (status 141),
   * so `kubectl get pods -w | head -n 3` ends by itself; Ctrl-C stops every stage.
   */
  async #runStages(commands: readonly CommandNode[], io: Io): Promise<ExitStatus> {
    const pipes = commands.slice(1).map(() => new Pipe(io.signal));
    const sigpipe = commands.map(() => new AbortController());
    const lastIndex = commands.length - 1;
    const stages = commands.map(async (command, i) => {
      const last = i === lastIndex;
      const stageIo: Io = {
        ...io,
        signal: last ? io.signal : AbortSignal.any([io.signal, sigpipe[i]!.signal]),
        stdin: i === 0 ? io.stdin : "",
        reader: i === 0 ? io.reader : undefined,
        pipe: i === 0 ? io.pipe : pipes[i - 1],
        stdinIsTerminal: i === 0 && io.stdinIsTerminal,
        stdoutIsTerminal: last && io.stdoutIsTerminal,
        out: last ? io.out : (t) => pipes[i]!.write(t),
      };
      try {
        return await contained(() => this.subshell().#runCommand(command, stageIo));
      } catch (error) {
        if (isAbortError(error) && !io.signal.aborted && sigpipe[i]!.signal.aborted) return 141;
        throw error;
      } finally {
        pipes[i]?.close();
        if (i > 0) {
          pipes[i - 1]!.closeReader();
          sigpipe[i - 1]!.abort();
        }
      }
    });
    const results = await Promise.allSettled(stages);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    const statuses = results.map((r) => (r.status === "fulfilled" ? r.value : 1));
    // pipefail: the last stage that failed, if any did.
    if (this.options.has("pipefail")) return statuses.findLast((s) => s !== 0) ?? 0;
    return statuses[lastIndex]!;
  }

  /** Waits for a piped stdin to end and hands it over as text (for tools that read it whole). */
  async #drainPipe(io: Io): Promise<Io> {
    if (!io.pipe) return io;
    const stdin = await io.pipe.readAll();
    return { ...io, stdin, reader: { rest: stdin }, pipe: undefined };
  }

  async #runCommand(command: CommandNode, io: Io): Promise<ExitStatus> {
    if (io.signal.aborted) throw abortError();
    if (command.type === "simple") return this.#runSimple(command, io);
    const redirected = await this.#redirect(command.redirects, await this.#drainPipe(io));
    if (typeof redirected === "number") return redirected;
    if (command.type === "while") return this.#runWhile(command, redirected);
    if (command.type === "if") return this.#runIf(command, redirected);
    if (command.type === "group") return this.#setStatus(await this.runScript(command.body, redirected));
    if (command.type === "subshell") {
      // `exit` in a subshell ends only the subshell.
      const child = this.subshell();
      const status = await contained(() => child.runScript(command.body, redirected));
      return this.#setStatus(child.exitStatus ?? status);
    }
    if (command.type === "function") {
      this.functions.set(command.name, command.body);
      return this.#setStatus(0);
    }
    if (command.type === "case") return this.#runCase(command, redirected);
    if (command.type === "cond")
      return this.#setStatus(
        await this.#expand(redirected, () =>
          evaluateConditional(command.expr, this.#conditional(redirected)),
        ),
      );
    const items = command.items
      ? await this.#expand(io, () => expandWords(command.items!, this.#expander(io)))
      : [];
    let status = 0;
    for (const [n, item] of items.entries()) {
      if (n >= this.loopLimit || this.exitStatus !== undefined) break;
      if (io.signal.aborted) throw abortError();
      // bash traces the loop's head each round; dash does not.
      if (this.options.has("xtrace") && this.dialect.name === "bash")
        io.err(`${this.#tracePrefix()}for ${command.variable} in ${items.map(traceWord).join(" ")}\n`);
      this.setVariable(command.variable, item, this.exported.has(command.variable));
      const step = await this.#loopBody(command.body, redirected);
      status = step.status;
      if (step.stop) break;
    }
    this.status = status;
    return status;
  }

  /** Runs a loop body once; `stop` when a `break` ended the loop. Outer levels rethrow. */
  async #loopBody(body: Script, io: Io): Promise<{ status: ExitStatus; stop: boolean }> {
    this.loopDepth += 1;
    try {
      return { status: await this.runScript(body, io), stop: false };
    } catch (error) {
      if (!(error instanceof LoopControl)) throw error;
      if (error.levels > 1) {
        error.levels -= 1;
        throw error;
      }
      return { status: 0, stop: error.kind === "break" };
    } finally {
      this.loopDepth -= 1;
    }
  }

  #setStatus(status: ExitStatus): ExitStatus {
    this.status = status;
    return status;
  }

  /** Runs a function body with `$1`… set to its arguments; `return N` ends it with N. */
  async #callFunction(body: CommandNode, args: string[], io: Io): Promise<ExitStatus> {
    const saved = this.positional;
    this.positional = args;
    this.functionDepth += 1;
    try {
      return await this.#runCommand(body, io);
    } catch (error) {
      if (error instanceof FunctionReturn) return this.#setStatus(error.status);
      throw error;
    } finally {
      this.positional = saved;
      this.functionDepth -= 1;
    }
  }

  /** The first item whose pattern matches the expanded word runs (glob patterns, as bash's case). */
  async #runCase(clause: CaseClause, io: Io): Promise<ExitStatus> {
    const subject = await this.#expand(io, () => expandToString(clause.word, this.#expander(io)));
    for (const item of clause.items) {
      for (const pattern of item.patterns) {
        const regex = await this.#expand(io, () => this.#patternRegex(pattern, io));
        if (regex.test(subject)) return this.#setStatus(await this.runScript(item.body, io));
      }
    }
    return this.#setStatus(0);
  }

  /** A case pattern as a RegExp matching a whole subject. */
  async #patternRegex(pattern: Word, io: Io): Promise<RegExp> {
    return new RegExp(`^(?:${await patternSource(pattern, this.#expander(io))})$`, "s");
  }

  async #runIf(clause: IfClause, io: Io): Promise<ExitStatus> {
    for (const branch of clause.branches) {
      if ((await this.#testing(true, () => this.runScript(branch.condition, io))) === 0)
        return this.runScript(branch.body, io);
      if (this.exitStatus !== undefined) return this.exitStatus;
    }
    const status = clause.otherwise ? await this.runScript(clause.otherwise, io) : 0;
    this.status = status;
    return status;
  }

  async #runWhile(loop: WhileLoop, io: Io): Promise<ExitStatus> {
    let status = 0;
    for (let n = 0; n < this.loopLimit && this.exitStatus === undefined; n++) {
      if (io.signal.aborted) throw abortError();
      const condition = await this.#testing(true, () => this.runScript(loop.condition, io));
      if ((condition === 0) === loop.until || this.exitStatus !== undefined) break;
      const step = await this.#loopBody(loop.body, io);
      status = step.status;
      if (step.stop) break;
    }
    this.status = status;
    return status;
  }

  async #runSimple(command: SimpleCommand, io: Io): Promise<ExitStatus> {
    const pause = this.beforeCommand?.();
    if (pause) await pause;
    this.#substitutionStatus = undefined;
    const aliased = this.#aliasExpanded(command);
    if (aliased && "script" in aliased) return this.runScript(aliased.script, io);
    if (aliased) command = aliased;
    const argv = await this.#expand(io, () => expandWords(command.words, this.#expander(io)));
    const assigned: [string, string][] = [];
    for (const { name, value } of command.assignments) {
      const text = await this.#expand(io, () => expandToString(value, this.#expander(io)));
      assigned.push([name, text]);
    }
    if (this.options.has("xtrace")) this.#trace(assigned, argv, io);
    const redirected = await this.#redirect(command.redirects, io);
    if (typeof redirected === "number") return redirected;
    const name = argv[0];
    if (name === undefined) {
      for (const [n, v] of assigned) this.setVariable(n, v);
      return this.#substitutionStatus ?? 0;
    }
    const environ = this.environ();
    for (const [n, v] of assigned) environ[n] = v;
    const status = await this.runArgv(argv, redirected, environ);
    this.status = status;
    return status;
  }

  /** What `[[ ]]` reads and sets in this shell (conditional.ts). */
  #conditional(io: Io): ConditionalShell {
    return {
      expander: this.#expander(io),
      stat: (path) => this.fs.stat(this.resolve(path)),
      resolve: (path) => this.resolve(path),
      isSet: (name) => this.vars.has(name) || this.arrays.has(name),
      setRematch: (groups) => {
        this.arrays.set("BASH_REMATCH", groups);
      },
      error: (message) => io.err(`${this.dialect.prefix(this.line)}${message}\n`),
    };
  }

  /** PS4 (`+ `), its first character repeated once more per command substitution level (bash). */
  #tracePrefix(): string {
    const ps4 = this.vars.get("PS4") ?? "+ ";
    return this.dialect.name === "bash" ? ps4.slice(0, 1).repeat(this.traceDepth) + ps4 : ps4;
  }

  /**
   * set -x: bash writes each assignment on its own line, then the command, words quoted where the
   * shell would need it; dash writes them on one line as they are.
   */
  #trace(assigned: readonly [string, string][], argv: readonly string[], io: Io): void {
    const prefix = this.#tracePrefix();
    if (this.dialect.name !== "bash") {
      io.err(`${prefix}${[...assigned.map(([n, v]) => `${n}=${v}`), ...argv].join(" ")}\n`);
      return;
    }
    for (const [name, value] of assigned) io.err(`${prefix}${name}=${traceWord(value)}\n`);
    if (argv.length > 0) io.err(`${prefix}${argv.map(traceWord).join(" ")}\n`);
  }

  /**
   * `command` with aliases in its name's place (aliases.ts), or undefined when none applies. A name
   * is replaced only when typed bare; the replacement's first word may be an alias in turn, but
   * not one already replaced here; a value ending in a blank makes the next word a candidate too.
   * A value that is more than one simple command (`cd /tmp && ls`) is run as a script with the
   * words after it.
   */
  #aliasExpanded(command: SimpleCommand): SimpleCommand | { script: Script } | undefined {
    const aliases = this.typedAliases;
    if (!aliases || aliases.size === 0) return undefined;
    const seen = new Set<string>();
    let result: SimpleCommand | undefined;
    let at = 0;
    for (;;) {
      const current = result ?? command;
      const word = current.words[at];
      const name =
        word?.parts.length === 1 && word.parts[0]!.type === "text" && !word.parts[0]!.quoted
          ? word.raw
          : undefined;
      const value = name !== undefined && !seen.has(name) ? aliases.get(name) : undefined;
      if (value === undefined) return result;
      seen.add(name!);
      const parsed = parseShell(value, { atEnd: true, ansiC: this.dialect.name !== "dash" });
      const only = parsed.ok && parsed.script.length === 1 ? simpleOnly(parsed.script[0]!) : undefined;
      if (!only) {
        const rest = current.words.slice(at + 1).map((w) => w.raw);
        const text = [...current.words.slice(0, at).map((w) => w.raw), value, ...rest].join(" ");
        const whole = parseShell(text, { atEnd: true, ansiC: this.dialect.name !== "dash" });
        return whole.ok ? { script: whole.script } : result;
      }
      result = {
        type: "simple",
        assignments: [...current.assignments, ...only.assignments],
        words: [...current.words.slice(0, at), ...only.words, ...current.words.slice(at + 1)],
        redirects: [...only.redirects, ...current.redirects],
      };
      // The replacement's first word is looked at next; after a value ending in a blank, so is
      // the word after the replacement (once the first word is no alias).
      if (/[ \t]$/.test(value) && aliases.get(only.words[0]?.raw ?? "") === undefined)
        at += only.words.length;
    }
  }

  async #invoke(stub: Tool, argv: string[], io: Io, environ: Record<string, string>): Promise<ExitStatus> {
    // A tool whose code loads on first use (lazy-tool.ts) is loaded before it is asked anything.
    const loading = loadTool(stub);
    const tool = loading instanceof Promise ? await loading : loading;
    const stdinPipe = io.pipe && isStreaming(tool) ? io.pipe : undefined;
    if (!stdinPipe) io = await this.#drainPipe(io);
    try {
      return await tool({
        argv,
        stdin: io.reader ? io.reader.rest : io.stdin,
        readLine: () => {
          const reader = io.reader;
          if (!reader || reader.rest === "") return undefined;
          const end = reader.rest.indexOf("\n");
          const line = end < 0 ? reader.rest : reader.rest.slice(0, end);
          reader.rest = end < 0 ? "" : reader.rest.slice(end + 1);
          return line;
        },
        stdout: io.out,
        stderr: io.err,
        signal: io.signal,
        env: this.env,
        shell: this,
        environ,
        stdinIsTerminal: io.stdinIsTerminal,
        stdoutIsTerminal: io.stdoutIsTerminal,
        control: (text: string, stream: Stream = "stdout") => {
          // A sink still the terminal's own (not piped, redirected or captured) is the terminal.
          const sink = stream === "stdout" ? io.out : io.err;
          if (io.terminal && sink === io.terminal[stream === "stdout" ? "out" : "err"])
            io.terminal.control(text, stream);
          else sink(text);
        },
        ...(stdinPipe ? { stdinPipe } : {}),
      });
    } catch (error) {
      if (isAbortError(error) || error instanceof LoopControl || error instanceof FunctionReturn) throw error;
      // A bug in a tool must not take the terminal down: report it the way a crashed program would.
      io.err(`${argv[0]}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }

  /** Runs an expansion, turning a bad `${...}` into bash's message and status 1. */
  /**
   * Runs an expansion; its error is printed and abandons the rest of the line typed, as bash
   * does (a script stops: dash with status 2, bash 1), through LineAbandoned.
   */
  async #expand<T>(io: Io, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof BadSubstitution)) throw error;
      const message = error.unreadable && this.dialect.name !== "bash" ? "Bad substitution" : error.message;
      io.err(`${this.dialect.prefix(this.line)}${message}\n`);
      const status =
        error instanceof ParameterError && this.dialect.name === "bash" ? error.status : undefined;
      throw new LineAbandoned(status ?? (this.dialect.name === "dash" ? 2 : 1));
    }
  }

  #expander(io: Io): Expander {
    return {
      lookup: (name) => this.#lookupVariable(name),
      positional: () => this.positional,
      array: (name) => this.arrays.get(name),
      bash: this.dialect.name === "bash",
      nounset: this.options.has("nounset"),
      noglob: this.options.has("noglob"),
      assign: (name, value) => this.setVariable(name, value, this.exported.has(name)),
      substitute: async (script) => {
        let captured = "";
        const child = this.subshell();
        child.traceDepth = this.traceDepth + 1;
        const status = await contained(() =>
          child.runScript(script, {
            ...io,
            stdin: "",
            reader: undefined,
            pipe: undefined,
            stdinIsTerminal: false,
            stdoutIsTerminal: false,
            out: (t) => (captured += t),
          }),
        );
        this.#substitutionStatus = status;
        this.status = status;
        return captured;
      },
      fs: this.fs,
      cwd: this.cwd,
      home: this.home,
    };
  }

  #lookupVariable(name: string): string | undefined {
    switch (name) {
      case "?":
        return String(this.status);
      case "$":
        return String(this.pid);
      case "#":
        return String(this.positional.length);
      case "0":
        return this.arg0 ?? this.dialect.program;
      case "@":
      case "*":
        return this.positional.join(" ");
      case "!":
        return "";
      case "-":
        return optionLetters(this.dialect.flags, this.options);
      default:
        if (/^[1-9]$/.test(name)) return this.positional[Number(name) - 1];
        // An array's name alone is its first element.
        return this.vars.get(name) ?? this.arrays.get(name)?.[0];
    }
  }

  /**
   * Applies redirections in order (so `> f 2>&1` and `2>&1 > f` differ as in bash). Returns the
   * new streams, or the exit status after printing why a file could not be opened.
   */
  async #redirect(redirects: readonly Redirect[], io: Io): Promise<Io | number> {
    if (redirects.length === 0) return io;
    const result: Io = { ...io };
    const sinks: Record<number, Sink> = { 1: io.out, 2: io.err };
    for (const redirect of redirects) {
      if (redirect.kind === "heredoc") {
        const body = redirect.expand
          ? await this.#expand(io, () => expandToString(redirect.body, this.#expander(io)))
          : redirect.body.parts.map((p) => (p.type === "text" ? p.value : "")).join("");
        if (redirect.fd === 0) {
          result.stdin = body;
          result.reader = { rest: body };
          result.pipe = undefined;
          result.stdinIsTerminal = false;
        }
        continue;
      }
      const words = await this.#expand(io, () => expandWords([redirect.target], this.#expander(io)));
      if (words.length !== 1) {
        io.err(`${this.dialect.prefix(this.line)}${redirect.target.raw}: ambiguous redirect\n`);
        return 1;
      }
      const target = words[0]!;
      if (redirect.kind === "dup") {
        if (target === "-") sinks[redirect.fd] = () => {};
        else if (redirect.fd > 0) sinks[redirect.fd] = sinks[Number(target)] ?? io.err;
        continue;
      }
      if (redirect.op === "<") {
        try {
          result.stdin = this.#readForRedirect(target);
          result.reader = { rest: result.stdin };
          result.pipe = undefined;
          result.stdinIsTerminal = false;
        } catch (error) {
          if (!(error instanceof FsError)) throw error;
          io.err(this.dialect.redirectError(target, error.code, false, this.line));
          return 1;
        }
        continue;
      }
      const sink = this.#openForWriting(target, redirect.op.endsWith(">>"), sinks, io);
      if (typeof sink === "number") return sink;
      if (redirect.op.startsWith("&")) sinks[2] = sink;
      sinks[redirect.fd] = sink;
    }
    if (sinks[1] !== io.out) result.stdoutIsTerminal = false;
    result.out = sinks[1] ?? (() => {});
    result.err = sinks[2] ?? (() => {});
    return result;
  }

  #readForRedirect(target: string): string {
    if (target === "/dev/null") return "";
    return this.fs.readFile(this.resolve(target));
  }

  #openForWriting(target: string, append: boolean, sinks: Record<number, Sink>, io: Io): Sink | number {
    if (target === "/dev/null") return () => {};
    if (target === "/dev/stdout") return sinks[1] ?? io.out;
    if (target === "/dev/stderr") return sinks[2] ?? io.err;
    const path = this.resolve(target);
    try {
      // Opening creates the file (and for `>` truncates it) before the command runs, as open(2) does.
      this.fs.writeFile(path, "", this.now(), { append });
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      io.err(this.dialect.redirectError(target, error.code, true, this.line));
      return 1;
    }
    return (text) => this.fs.writeFile(path, text, this.now(), { append: true });
  }
}

/** The simple command an and-or list holds when it is nothing more (an alias's usual value). */
function simpleOnly(list: AndOrList): SimpleCommand | undefined {
  if (list.rest.length > 0 || list.first.commands.length !== 1 || list.first.negated) return undefined;
  const command = list.first.commands[0]!;
  return command.type === "simple" ? command : undefined;
}

/** Thrown once an expansion's error is printed: the rest of the line (or script) is not run. */
class LineAbandoned extends Error {
  readonly status: ExitStatus;
  constructor(status: ExitStatus) {
    super("the line was abandoned");
    this.status = status;
  }
}

/** Runs a subshell's commands (a pipeline's stage, `( … )`, `$( … )`): an abandoned line ends only it. */
async function contained(run: () => Promise<ExitStatus>): Promise<ExitStatus> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof LineAbandoned) return error.status;
    throw error;
  }
}

const DEFAULT_TIMEFORMAT = "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS";

/**
 * What bash's `time` writes: TIMEFORMAT's %R, %U, %S and %P (with an optional precision digit,
 * and `l` for the `0m1.000s` form), by default `\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS`; with
 * `time -p` (`format` null), POSIX's `real %2R` lines.
 */
function timeReport(ms: number, format: string | null): string {
  const text = (format ?? "real %2R\nuser %2U\nsys %2S").replace(
    /%(%|([0-3]?)(l?)([RUSP]))/g,
    (_, all: string, digits: string, long: string, which: string) => {
      if (all === "%") return "%";
      if (which === "P") return (0).toFixed(2);
      return timeFigure(which === "R" ? ms : 0, digits === "" ? 3 : Number(digits), long === "l");
    },
  );
  return `${text}\n`;
}

/** Seconds with `precision` decimals, cut rather than rounded as bash cuts them (0.272 is 0.2 at 1). */
function timeFigure(ms: number, precision: number, long: boolean): string {
  const total = Math.round(ms);
  const minutes = long ? Math.floor(total / 60_000) : 0;
  const units = Math.floor((total - minutes * 60_000) / 10 ** (3 - precision));
  const scale = 10 ** precision;
  const seconds =
    precision === 0
      ? String(units)
      : `${Math.floor(units / scale)}.${String(units % scale).padStart(precision, "0")}`;
  return long ? `${minutes}m${seconds}s` : seconds;
}
