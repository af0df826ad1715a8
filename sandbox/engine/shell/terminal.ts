/**
 * What the terminal talks to: the host shell, and on top of it any shell the learner has entered
 * with `kubectl exec -it POD -- sh`. Lines go to the innermost shell; `exit` there returns to the
 * one below, and the prompt changes with it.
 */
import type { ExitStatus, OnOutput } from "../output.ts";
import type { SandboxEnv, Workspace } from "./command.ts";
import { createHostShell } from "./host.ts";
import type { Shell } from "./interpreter.ts";
import { isCompleteInput } from "./parser.ts";

/** A shell the learner is typing into. */
export interface Session {
  shell: Shell;
  /** What the terminal shows before the cursor, e.g. `root@web-0:/# ` or `/ # `. */
  prompt(): string;
  /**
   * Called once the shell exits, with what kubectl exec prints then (for bash, `exit`; for a
   * non-zero status, `command terminated with exit code N`). Returns the status kubectl exits with.
   */
  onExit(status: ExitStatus, onOutput: OnOutput): ExitStatus;
  /** Whether the session can still run (false once its pod or container is gone). */
  alive?(): boolean;
}

/** The host prompt; the terminal may decorate it, the CLI prints it as is. */
export const HOST_PROMPT = "$ ";

export class Terminal {
  readonly host: Shell;
  readonly #sessions: Session[] = [];
  readonly #listeners = new Set<(prompt: string) => void>();

  constructor(env: SandboxEnv & { workspace: Workspace }) {
    this.host = createHostShell(env);
    this.host.terminal = this;
  }

  /** The shell lines currently go to. */
  get current(): Shell {
    return this.#sessions[this.#sessions.length - 1]?.shell ?? this.host;
  }

  prompt(): string {
    return this.#sessions[this.#sessions.length - 1]?.prompt() ?? HOST_PROMPT;
  }

  /** Calls `listener` with the new prompt whenever a session starts or ends. */
  onPromptChange(listener: (prompt: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts an interactive session on top (kubectl exec -it). */
  enter(session: Session): void {
    session.shell.terminal = this;
    this.#sessions.push(session);
    this.#tell();
  }

  /** Whether `text` is a whole command; false means show `> ` and read another line. */
  isComplete(text: string): boolean {
    return isCompleteInput(text);
  }

  /** Runs what the learner typed in the innermost shell. */
  async exec(text: string, onOutput: OnOutput, signal: AbortSignal): Promise<ExitStatus> {
    const top = this.#sessions[this.#sessions.length - 1];
    if (top?.alive && !top.alive()) {
      // The container went away under the session (pod deleted, container restarted): kubectl
      // exec ended with the killed shell's status, and this line reaches the host prompt's
      // terminal only after that.
      this.#sessions.pop();
      this.#tell();
      onOutput({ stream: "stderr", text: "command terminated with exit code 137\n" });
      this.current.status = 137;
      return 137;
    }
    const session = this.#sessions[this.#sessions.length - 1];
    const shell = session?.shell ?? this.host;
    if (text.trim() !== "") shell.history.push(text.replace(/\n$/, ""));
    const status = await shell.execute(text, onOutput, signal);
    if (shell.exitStatus === undefined) return status;
    const code = shell.exitStatus;
    if (!session) {
      // The host shell cannot be left: there is no login to return to.
      shell.exitStatus = undefined;
      return code;
    }
    this.#sessions.pop();
    this.#tell();
    const final = session.onExit(code, onOutput);
    this.current.status = final;
    return final;
  }

  #tell(): void {
    const prompt = this.prompt();
    for (const listener of this.#listeners) listener(prompt);
  }
}
