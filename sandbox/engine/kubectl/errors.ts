import { ApiError } from "../cluster/errors.ts";
import type { CommandContext } from "../shell/command.ts";

/** kubectl's usage errors: `error: <msg>` then the hint to the verb's help, exit 1. */
export function usageError(ctx: CommandContext, verb: string, message: string): number {
  ctx.stderr(`error: ${message}\nSee 'kubectl ${verb} -h' for help and examples\n`);
  return 1;
}

/**
 * The line kubectl's CheckErr prints for an error (pkg/cmd/util/helpers.go): API errors as
 * `Error from server (NotFound): pods "x" not found`, Invalid ones as the server's own message,
 * anything else as `error: <msg>`. Ends with a newline.
 */
export function errorLine(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.reason === "Invalid") return invalidErrorText(error);
    return `Error from server (${error.reason}): ${error.message}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${message}\n`;
}

/** Prints `error: <msg>` on stderr and returns kubectl's exit status for it. */
export function fail(ctx: CommandContext, message: string): number {
  ctx.stderr(`error: ${message}\n`);
  return 1;
}

/**
 * CheckErr's Invalid branch: `The <Kind> "<name>" is invalid: <cause>` on one line, or with
 * several causes the header (ending in ": ") and then `* <cause>` per line, duplicates removed.
 */
export function invalidErrorText(error: ApiError): string {
  const details = error.details;
  if (!details) return `The request is invalid${error.message ? `: ${error.message}` : ""}\n`;
  let header = "The request is invalid";
  if (details.kind || details.name) header = `The ${details.kind} "${details.name}" is invalid`;
  else if (error.message && error.causes.length === 0) header += `: ${error.message}`;
  const causes = [...new Set(error.causes.map((c) => c.message))];
  if (causes.length === 0) return `${header}\n`;
  if (causes.length === 1) return `${header}: ${causes[0]}\n`;
  return `${header}: \n${causes.map((c) => `* ${c}\n`).join("")}`;
}

/**
 * What CheckErr prints for the errors a command collected (apply, delete -f …): one error alone as
 * errorLine does; several as utilerrors.Aggregate, one line each, API errors as
 * `Error from server (<Reason>): <message>` (Invalid included) and others bare, without `error: `.
 */
export function errorsText(errors: readonly unknown[]): string {
  if (errors.length === 0) return "";
  if (errors.length === 1) return errorLine(errors[0]);
  return errors
    .map((error) => {
      if (error instanceof ApiError) return `Error from server (${error.reason}): ${error.message}\n`;
      const message = error instanceof Error ? error.message : String(error);
      return `${message}\n`;
    })
    .join("");
}

/**
 * cmdutil.AddSourceToErr: API errors from a `-f` object get `error when <verb> "<source>": ` in
 * front of the server's message (Invalid ones keep printing from their details, so the file name
 * shows only when they are aggregated).
 */
export function withSource(error: unknown, verb: string, source: string): unknown {
  if (!(error instanceof ApiError) || source === "") return error;
  return new ApiError(
    error.reason,
    `error when ${verb} "${source}": ${error.message}`,
    error.causes,
    error.details,
  );
}
