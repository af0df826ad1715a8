/**
 * The shells a learner meets and how each words its own errors: bash (the host terminal and
 * `bash` in Debian images), dash (`sh` in Debian images) and BusyBox ash (`sh` in busybox and
 * alpine). Messages carry their trailing newline.
 */
import type { FsErrorCode } from "../fs/file-tree.ts";

export type DialectName = "bash" | "dash" | "ash";

export interface Dialect {
  name: DialectName;
  /** argv[0] the shell reports itself as, e.g. "bash" or "sh". */
  program: string;
  notFound(name: string, line: number): string;
  syntaxError(token: string, line: number): string;
  unexpectedEof(quote: string | undefined, line: number): string;
  /** A redirection that could not open its file. */
  redirectError(path: string, code: FsErrorCode, writing: boolean, line: number): string;
  cdError(path: string, code: FsErrorCode | "too-many", line: number): string;
  /** The program's own error prefix for other messages, e.g. "bash: ". */
  prefix(line: number): string;
  /** `$-` before any `set`: an interactive bash's `himBHs`, a script's `hBc`. */
  flags: string;
}

const STRERROR: Record<FsErrorCode, string> = {
  ENOENT: "No such file or directory",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EEXIST: "File exists",
  ENOTEMPTY: "Directory not empty",
  EINVAL: "Invalid argument",
  EROFS: "Read-only file system",
  ENAMETOOLONG: "File name too long",
};

/** The C library's text for an error code, as GNU tools and bash print it. */
export function strerror(code: FsErrorCode): string {
  return STRERROR[code];
}

export const BASH: Dialect = {
  name: "bash",
  program: "bash",
  notFound: (name) => `bash: ${name}: command not found\n`,
  syntaxError: (token) => `bash: syntax error near unexpected token \`${token}'\n`,
  unexpectedEof: (quote) =>
    quote
      ? `bash: unexpected EOF while looking for matching \`${quote}'\n`
      : "bash: syntax error: unexpected end of file\n",
  redirectError: (path, code) => `bash: ${path}: ${strerror(code)}\n`,
  cdError: (path, code) =>
    code === "too-many" ? "bash: cd: too many arguments\n" : `bash: cd: ${path}: ${strerror(code)}\n`,
  prefix: () => "bash: ",
  flags: "himBHs",
};

/** Debian's /bin/sh. Its messages carry the input line number. */
export const DASH: Dialect = {
  name: "dash",
  program: "sh",
  notFound: (name, line) => `sh: ${line}: ${name}: not found\n`,
  syntaxError: (token, line) =>
    `sh: ${line}: Syntax error: ${token === "newline" ? "newline" : `"${token}"`} unexpected\n`,
  unexpectedEof: (quote, line) =>
    quote
      ? `sh: ${line}: Syntax error: Unterminated quoted string\n`
      : `sh: ${line}: Syntax error: end of file unexpected\n`,
  redirectError: (path, code, writing, line) => {
    if (writing) {
      const reason = code === "ENOENT" ? "Directory nonexistent" : strerror(code);
      return `sh: ${line}: cannot create ${path}: ${reason}\n`;
    }
    return `sh: ${line}: cannot open ${path}: ${code === "ENOENT" ? "No such file" : strerror(code)}\n`;
  },
  cdError: (path, code, line) =>
    code === "too-many" ? `sh: ${line}: cd: too many arguments\n` : `sh: ${line}: cd: can't cd to ${path}\n`,
  prefix: (line) => `sh: ${line}: `,
  flags: "i",
};

/** BusyBox's ash, the `sh` of busybox and alpine images. */
export const ASH: Dialect = {
  name: "ash",
  program: "sh",
  notFound: (name) => `sh: ${name}: not found\n`,
  syntaxError: (token) => `sh: syntax error: unexpected ${token === "newline" ? "newline" : `"${token}"`}\n`,
  unexpectedEof: (quote) =>
    quote ? "sh: syntax error: unterminated quoted string\n" : "sh: syntax error: unexpected end of file\n",
  redirectError: (path, code, writing) =>
    writing
      ? `sh: can't create ${path}: ${code === "ENOENT" ? "nonexistent directory" : strerror(code)}\n`
      : `sh: can't open '${path}': ${strerror(code)}\n`,
  cdError: (path, code) =>
    code === "too-many" ? "sh: cd: too many arguments\n" : `sh: cd: can't cd to ${path}: ${strerror(code)}\n`,
  prefix: () => "sh: ",
  flags: "i",
};

/** bash running a script or `bash -c`: messages name the line (`bash: line 1: foo: command not found`). */
export const BASH_SCRIPT: Dialect = {
  ...BASH,
  notFound: (name, line) => `bash: line ${line}: ${name}: command not found\n`,
  syntaxError: (token, line) => `bash: -c: line ${line}: syntax error near unexpected token \`${token}'\n`,
  redirectError: (path, code, _writing, line) => `bash: line ${line}: ${path}: ${strerror(code)}\n`,
  cdError: (path, code, line) =>
    code === "too-many"
      ? `bash: line ${line}: cd: too many arguments\n`
      : `bash: line ${line}: cd: ${path}: ${strerror(code)}\n`,
  prefix: (line) => `bash: line ${line}: `,
  flags: "hBc",
};
