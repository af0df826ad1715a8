/**
 * Helpers the file tools share: reading operands (`-` and no operand mean stdin) and wording
 * errors the way GNU coreutils (the host, Debian images) or BusyBox (busybox, alpine) do.
 */
import { FsError } from "../fs/file-tree.ts";
import { strerror } from "../shell/dialect.ts";
import type { ToolContext } from "../shell/interpreter.ts";
import type { Pipe } from "../shell/pipe.ts";
import { abortError } from "../time-driver.ts";

/** What a failed file operation says, e.g. "No such file or directory". */
export function reason(error: unknown): string {
  if (error instanceof FsError) return strerror(error.code);
  throw error;
}

/** Whether the tools in this shell are BusyBox applets (different wording, no quotes). */
export function isBusybox(ctx: ToolContext): boolean {
  return ctx.shell.toolset === "busybox";
}

/** A file name quoted as GNU tools quote it in messages (C locale: 'name'). */
export function quoteName(ctx: ToolContext, name: string): string {
  return isBusybox(ctx) ? name : `'${name}'`;
}

export interface Input {
  name: string;
  text: string;
  /** stdin still arriving through a pipe (streaming tools only); `text` is then empty. */
  pipe?: Pipe;
}

/**
 * The contents of each operand in order (stdin for none or `-`). A file that cannot be read is
 * reported with `complain` and skipped; `ok` is false if any failed.
 */
export function readInputs(
  ctx: ToolContext,
  operands: readonly string[],
  complain: (name: string, why: string) => string,
): { inputs: Input[]; ok: boolean } {
  const inputs: Input[] = [];
  let ok = true;
  for (const name of operands.length === 0 ? ["-"] : operands) {
    if (name === "-") {
      inputs.push({ name: "-", text: ctx.stdin, ...(ctx.stdinPipe ? { pipe: ctx.stdinPipe } : {}) });
      continue;
    }
    // The one device file every shell and container has; reading it gives nothing.
    if (ctx.shell.resolve(name) === "/dev/null") {
      inputs.push({ name, text: "" });
      continue;
    }
    try {
      inputs.push({ name, text: ctx.shell.fs.readFile(ctx.shell.resolve(name)) });
    } catch (error) {
      ctx.stderr(complain(name, reason(error)));
      ok = false;
    }
  }
  return { inputs, ok };
}

/** Splits text into lines without the trailing empty piece after a final newline. */
export function lines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Joins lines back, each with its newline. */
export function unlines(items: readonly string[]): string {
  return items.map((l) => `${l}\n`).join("");
}

/** The lines of an input without their newlines: a pipe's as they arrive, a file's at once. */
export async function* inputLines(input: Input): AsyncGenerator<string> {
  if (input.pipe) yield* input.pipe.lines();
  else yield* lines(input.text);
}

/**
 * Where a program that writes a named file (tee) sends its bytes, opened as open(2) would: the file
 * is created (emptied unless `append`) at once. /dev/null, /dev/stdout and /dev/stderr are the
 * streams they name, as in the shell's redirections. A file that cannot be opened gives the reason.
 */
export function openOutput(
  ctx: ToolContext,
  name: string,
  append: boolean,
): { write: (text: string) => void } | { error: string } {
  const path = ctx.shell.resolve(name);
  if (path === "/dev/null") return { write: () => {} };
  if (path === "/dev/stdout") return { write: ctx.stdout };
  if (path === "/dev/stderr") return { write: ctx.stderr };
  try {
    ctx.shell.fs.writeFile(path, "", ctx.shell.now(), { append });
  } catch (error) {
    return { error: reason(error) };
  }
  return { write: (text) => ctx.shell.fs.writeFile(path, text, ctx.shell.now(), { append: true }) };
}

/**
 * The most a program that writes without end (`yes`, `seq 1 1e12`) writes before the sandbox stops
 * it: real ones run until killed, which in a browser tab would be never (the same reason loops typed
 * at a prompt stop after 10,000 rounds).
 */
export const OUTPUT_LIMIT = 4 * 1024 * 1024;
const BATCH = 8192;

/**
 * Writes what `next` produces (undefined: the end) in batches of about 8 KB, handing the turn to the
 * rest of the pipeline between batches: a reader that finishes (`yes | head -3`) stops the writer
 * as SIGPIPE does (the pipeline aborts its signal: status 141). Returns false where OUTPUT_LIMIT
 * stopped it.
 */
export async function produce(ctx: ToolContext, next: () => string | undefined): Promise<boolean> {
  let written = 0;
  let batch = "";
  for (let piece = next(); piece !== undefined; piece = next()) {
    batch += piece;
    if (batch.length < BATCH) continue;
    ctx.stdout(batch);
    written += batch.length;
    batch = "";
    await Promise.resolve();
    if (ctx.signal.aborted) throw abortError();
    if (written >= OUTPUT_LIMIT) return false;
  }
  ctx.stdout(batch);
  return true;
}
