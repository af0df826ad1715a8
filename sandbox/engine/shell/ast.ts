/**
 * The syntax tree of the shell language this sandbox speaks: the part of bash a learner types
 * around kubectl (lists, pipelines, redirections, heredocs, variables, command substitution and
 * `for` loops).
 */

/**
 * A piece of a word. `quoted` pieces are neither split into fields nor globbed; an empty quoted
 * piece still makes a word (`""` is an empty argument).
 */
export type WordPart =
  | { type: "text"; value: string; quoted: boolean }
  /** `$NAME`, `${NAME}`, `$?`, `$#`, `$1`… */
  | {
      type: "param";
      name: string;
      quoted: boolean;
      /** Written `$NAME` rather than `${NAME}`: its name ends where the characters after it stop (braces.ts). */
      bare?: boolean;
    }
  /** `$(( expression ))`; the expression's own `$x` are expanded first. */
  | { type: "arithmetic"; expression: Word; quoted: boolean }
  /** `$(...)` or backquotes. */
  | { type: "command"; script: Script; quoted: boolean };

export interface Word {
  parts: WordPart[];
  /** The word as typed, for messages and for recognising reserved words. */
  raw: string;
}

export interface FileRedirect {
  kind: "file";
  fd: number;
  /** `>|` is treated as `>`; `&>` as `>` on fd 1 plus `2>&1`. */
  op: ">" | ">>" | "<" | "&>" | "&>>";
  target: Word;
}

/** `2>&1`, `>&2`, `<&0`. */
export interface DupRedirect {
  kind: "dup";
  fd: number;
  target: Word;
}

export interface Heredoc {
  kind: "heredoc";
  fd: number;
  delimiter: string;
  /** Filled in when the lines after the command are read. Unquoted delimiters expand `$`. */
  body: Word;
  expand: boolean;
  stripTabs: boolean;
  /** Set when input ended before the delimiter line (bash warns and uses what it has). */
  unterminated?: boolean;
}

export type Redirect = FileRedirect | DupRedirect | Heredoc;

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  type: "simple";
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface ForLoop {
  type: "for";
  variable: string;
  /** Undefined for `for x; do` (loops over the positional parameters, none here). */
  items: Word[] | undefined;
  body: Script;
  redirects: Redirect[];
}

/** `while LIST; do LIST; done` and `until LIST; do LIST; done`. */
export interface WhileLoop {
  type: "while";
  /** `until` loops while the condition fails. */
  until: boolean;
  condition: Script;
  body: Script;
  redirects: Redirect[];
}

/** `if LIST; then LIST; [elif LIST; then LIST;]... [else LIST;] fi` */
export interface IfClause {
  type: "if";
  branches: { condition: Script; body: Script }[];
  otherwise: Script | undefined;
  redirects: Redirect[];
}

/** `( list )`: runs in a copy of the shell. */
export interface Subshell {
  type: "subshell";
  body: Script;
  redirects: Redirect[];
}

/** `{ list; }`: runs in this shell. */
export interface BraceGroup {
  type: "group";
  body: Script;
  redirects: Redirect[];
}

/** `name() compound-command` or `function name compound-command`. */
export interface FunctionDefinition {
  type: "function";
  name: string;
  body: CommandNode;
  redirects: Redirect[];
}

/** `case word in pattern|pattern) list ;; … esac`. */
export interface CaseClause {
  type: "case";
  word: Word;
  items: { patterns: Word[]; body: Script }[];
  redirects: Redirect[];
}

/** What stands between `[[` and `]]`: words are expanded, never split or globbed. */
export type CondExpr =
  | { kind: "and" | "or"; left: CondExpr; right: CondExpr }
  | { kind: "not"; expr: CondExpr }
  | { kind: "unary"; op: string; operand: Word }
  | { kind: "binary"; op: string; left: Word; right: Word }
  | { kind: "word"; word: Word };

/** bash's `[[ expression ]]`. */
export interface Conditional {
  type: "cond";
  expr: CondExpr;
  redirects: Redirect[];
}

export type CommandNode =
  | SimpleCommand
  | ForLoop
  | WhileLoop
  | IfClause
  | Subshell
  | BraceGroup
  | FunctionDefinition
  | CaseClause
  | Conditional;

export interface Pipeline {
  commands: CommandNode[];
  negated: boolean;
  /** bash's `time` (or `time -p`) before the pipeline: its times go to stderr once it ends. */
  timed?: "bash" | "posix";
}

export interface AndOrList {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
}

export type Script = AndOrList[];
