/**
 * Helpers the file tools share: reading operands (`-` and no operand mean stdin) and wording
 * errors the way GNU coreutils (the host, Debian images) or BusyBox (busybox, alpine) do.
 */
import { FsError } from "../fs/file-tree.ts";
import { strerror } from "../shell/dialect.ts";
import type { ToolContext } from "../shell/interpreter.ts";
import type { Pipe } from "../shell/pipe.ts";

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
