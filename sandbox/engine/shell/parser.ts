/**
 * A recursive-descent parser for the shell language in ast.ts. It reads the whole input (which
 * may span lines) and either returns the script, reports a syntax error with bash's wording, or
 * says the input is incomplete (an open quote, a heredoc still waiting for its delimiter, a line
 * ending in `|`, `&&` or `\`) so the terminal can show the `> ` continuation prompt.
 */
import type {
  Assignment,
  CommandNode,
  CondExpr,
  Conditional,
  ForLoop,
  Heredoc,
  IfClause,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  WhileLoop,
  Word,
  WordPart,
} from "./ast.ts";
import { C_ESCAPES } from "./c-escapes.ts";

/** bash's `syntax error near unexpected token `X'`; `token` is "newline" at the end of a line. */
export class ShellSyntaxError extends Error {
  readonly token: string;
  constructor(token: string) {
    super(`syntax error near unexpected token \`${token}'`);
    this.name = "ShellSyntaxError";
    this.token = token;
  }
}

/** The input stops in the middle of something; `quote` is set for an open quote. */
export class IncompleteInput extends Error {
  readonly quote: string | undefined;
  constructor(quote?: string) {
    super(
      quote
        ? `unexpected EOF while looking for matching \`${quote}'`
        : "syntax error: unexpected end of file",
    );
    this.name = "IncompleteInput";
    this.quote = quote;
  }
}

export type ParseResult =
  | { ok: true; script: Script; warnings: string[] }
  | { ok: false; error: ShellSyntaxError | IncompleteInput };

/**
 * Parses `input`. With `atEnd`, input that can never be continued is final: an unterminated
 * heredoc takes the rest of the input, as bash does at end of file (with a warning).
 */
export function parseShell(
  input: string,
  options: {
    atEnd?: boolean;
    /** bash's and BusyBox ash's `$'…'` ANSI-C quoting (default); dash reads it as `$` then '…'. */
    ansiC?: boolean;
  } = {},
): ParseResult {
  const parser = new Parser(input, options.atEnd ?? false, options.ansiC ?? true);
  try {
    const script = parser.parseList(new Set());
    return { ok: true, script, warnings: parser.warnings };
  } catch (error) {
    if (error instanceof ShellSyntaxError || error instanceof IncompleteInput) return { ok: false, error };
    throw error;
  }
}

/** Whether the terminal should run `input` now (true) or ask for another line with `> `. */
export function isCompleteInput(input: string): boolean {
  const result = parseShell(input);
  return result.ok || !(result.error instanceof IncompleteInput);
}

const OPERATORS = ["&&", "||", ";;", "|&", ";", "&", "|", "(", ")", "\n"] as const;
const REDIRECT_OPS = ["<<-", "<<<", "<<", "&>>", "&>", ">>", ">&", "<&", ">|", "<>", ">", "<"] as const;
type RedirectOp = (typeof REDIRECT_OPS)[number];
const WORD_BREAK = new Set([" ", "\t", "\n", ";", "&", "|", "<", ">", "(", ")"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_AT_START = new Set(["do", "done", "then", "fi", "else", "elif", "esac", "}"]);
/** `[[ -f FILE ]]` and the rest of bash's unary tests. */
const UNARY_TESTS = new Set([..."abcdefghknoprstuvwxzGLNORS"].map((l) => `-${l}`));
const BINARY_TESTS = new Set([
  "==",
  "=",
  "!=",
  "=~",
  "-eq",
  "-ne",
  "-lt",
  "-le",
  "-gt",
  "-ge",
  "-nt",
  "-ot",
  "-ef",
]);

interface PendingHeredoc {
  redirect: Heredoc;
}

class Parser {
  readonly src: string;
  readonly atEnd: boolean;
  pos = 0;
  readonly warnings: string[] = [];
  #pending: PendingHeredoc[] = [];
  /** How many `$(` or `(` we are inside: a `)` ends a list only there. */
  #depth = 0;
  /** How many `case` bodies we are inside: a `;;` ends a list only there. */
  #caseDepth = 0;

  readonly ansiC: boolean;

  constructor(src: string, atEnd: boolean, ansiC = true) {
    this.src = src;
    this.atEnd = atEnd;
    this.ansiC = ansiC;
  }

  /** A list of and-or lists up to end of input or one of the reserved words in `until`. */
  parseList(until: Set<string>): Script {
    const items: Script = [];
    for (;;) {
      this.#skipSeparators();
      const token = this.#peekToken();
      if (token === "EOF") break;
      if (token === ")" && this.#depth > 0) break;
      if (token === ";;" && this.#caseDepth > 0) break;
      if (token === "word" && until.has(this.#peekRawWord() ?? "")) break;
      items.push(this.#parseAndOr());
      const after = this.#peekToken();
      if (after === ";;" && this.#caseDepth > 0) break;
      if (after === ";" || after === "&") {
        this.pos += 1;
        continue;
      }
      if (after === "\n") {
        this.#consumeNewline();
        continue;
      }
      if (after === "EOF") break;
      if (after === ")" && this.#depth > 0) break;
      if (after === "word" && until.has(this.#peekRawWord() ?? "")) break;
      throw new ShellSyntaxError(this.#tokenText(after));
    }
    if (this.#pending.length > 0 && this.#peekToken() === "EOF") this.#readHeredocs();
    return items;
  }

  /** Blank lines, comments and newlines between commands (a leading `;` is an error). */
  #skipSeparators(): void {
    for (;;) {
      this.#skipBlanks();
      if (this.src[this.pos] === "\n") this.#consumeNewline();
      else return;
    }
  }

  #parseAndOr() {
    const first = this.#parsePipeline();
    const rest: { op: "&&" | "||"; pipeline: Pipeline }[] = [];
    for (;;) {
      const token = this.#peekToken();
      if (token !== "&&" && token !== "||") break;
      this.pos += 2;
      this.#skipLineBreaks();
      rest.push({ op: token, pipeline: this.#parsePipeline() });
    }
    return { first, rest };
  }

  #parsePipeline(): Pipeline {
    let timed: Pipeline["timed"];
    if (this.#peekToken() === "word" && this.#peekRawWord() === "time") {
      this.#readWord();
      timed = "bash";
      if (this.#peekToken() === "word" && this.#peekRawWord() === "-p") {
        this.#readWord();
        timed = "posix";
      }
      // `time` alone times nothing.
      if (this.#peekToken() !== "word") return { commands: [], negated: false, timed };
    }
    let negated = false;
    if (this.#peekToken() === "word" && this.#peekRawWord() === "!") {
      this.#readWord();
      negated = true;
    }
    const commands = [this.#parseCommand()];
    for (;;) {
      const token = this.#peekToken();
      if (token !== "|" && token !== "|&") break;
      this.pos += token.length;
      if (token === "|&") {
        const last = commands[commands.length - 1]!;
        const one: Word = { parts: [{ type: "text", value: "1", quoted: false }], raw: "1" };
        last.redirects.push({ kind: "dup", fd: 2, target: one });
      }
      this.#skipLineBreaks();
      commands.push(this.#parseCommand());
    }
    return timed ? { commands, negated, timed } : { commands, negated };
  }

  /** After `|`, `&&` or `||` the command may be on the next line; at end of input, ask for it. */
  #skipLineBreaks(): void {
    this.#skipSeparators();
    if (this.#peekToken() === "EOF") throw new IncompleteInput();
  }

  #parseCommand(): CommandNode {
    const token = this.#peekToken();
    if (token === "EOF") throw new IncompleteInput();
    if (token === "\n") throw new ShellSyntaxError("newline");
    if (token === "(") return this.#withRedirects(this.#parseSubshell());
    if (token !== "word" && !this.#atRedirect()) throw new ShellSyntaxError(this.#tokenText(token));
    const raw = token === "word" ? this.#peekRawWord() : undefined;
    if (raw === "{") return this.#withRedirects(this.#parseGroup());
    if (raw === "case") return this.#withRedirects(this.#parseCase());
    if (raw === "function") return this.#parseFunction(true);
    if (raw !== undefined && NAME.test(raw) && this.#atFunctionParens()) return this.#parseFunction(false);
    if (raw === "for") return this.#parseFor();
    if (raw === "while" || raw === "until") return this.#parseWhile(raw === "until");
    if (raw === "if") return this.#parseIf();
    // dash has no [[ ]]; bash and BusyBox ash do (both read $'…', the flag that tells them apart).
    if (raw === "[[" && this.ansiC) return this.#withRedirects(this.#parseConditional());
    if (raw !== undefined && RESERVED_AT_START.has(raw)) throw new ShellSyntaxError(raw);
    return this.#parseSimple();
  }

  /** `[[ expression ]]`: `||`, `&&`, `!` and `( … )` group tests of words (conditional.ts). */
  #parseConditional(): Conditional {
    this.#readWord(); // [[
    const expr = this.#condOr();
    if (this.#condToken() !== "]]") throw new ShellSyntaxError(this.#condToken() || "newline");
    this.pos += 2;
    return { type: "cond", expr, redirects: [] };
  }

  /** The next token inside `[[ ]]`: an operator, `]]`, "" at the end, or "word". */
  #condToken(): string {
    while (this.pos < this.src.length && " \t\n".includes(this.src[this.pos]!)) this.pos++;
    if (this.pos >= this.src.length) return "";
    const rest = this.src.slice(this.pos);
    if (/^\]\](?=[\s;&|<>()]|$)/.test(rest)) return "]]";
    const op = /^(&&|\|\||[()<>])/.exec(rest);
    if (op) return op[1]!;
    if (/^!(?=\s)/.test(rest)) return "!";
    return "word";
  }

  #condOr(): CondExpr {
    return this.#condChain("||", "or", () => this.#condAnd());
  }

  #condAnd(): CondExpr {
    return this.#condChain("&&", "and", () => this.#condNot());
  }

  /** `a OP b OP c`, left to right, each side read by `side`. */
  #condChain(op: "||" | "&&", kind: "or" | "and", side: () => CondExpr): CondExpr {
    let left = side();
    while (this.#condToken() === op) {
      this.pos += 2;
      left = { kind, left, right: side() };
    }
    return left;
  }

  #condNot(): CondExpr {
    if (this.#condToken() === "!") {
      this.pos += 1;
      return { kind: "not", expr: this.#condNot() };
    }
    return this.#condPrimary();
  }

  #condPrimary(): CondExpr {
    const token = this.#condToken();
    if (token === "(") {
      this.pos += 1;
      const expr = this.#condOr();
      if (this.#condToken() !== ")") throw new ShellSyntaxError(this.#condToken() || "newline");
      this.pos += 1;
      return expr;
    }
    if (token !== "word") throw new ShellSyntaxError(token || "newline");
    const first = this.#readWord()!;
    if (UNARY_TESTS.has(first.raw) && this.#condToken() === "word")
      return { kind: "unary", op: first.raw, operand: this.#readWord()! };
    const next = this.#condToken();
    if (next === "<" || next === ">") {
      this.pos += 1;
      if (this.#condToken() !== "word") throw new ShellSyntaxError(this.#condToken() || "newline");
      return { kind: "binary", op: next, left: first, right: this.#readWord()! };
    }
    if (next !== "word") return { kind: "word", word: first };
    const save = this.pos;
    const op = this.#readWord()!.raw;
    if (!BINARY_TESTS.has(op)) {
      this.pos = save;
      throw new ShellSyntaxError(op);
    }
    if (this.#condToken() !== "word" && op !== "=~")
      throw new ShellSyntaxError(this.#condToken() || "newline");
    const right = op === "=~" ? this.#readRegexWord() : this.#readWord()!;
    return { kind: "binary", op, left: first, right };
  }

  /**
   * The regular expression after `=~`: bash reads parentheses and `|` in it as part of the word
   * (`-([0-9]+)$`), up to a blank outside parentheses.
   */
  #readRegexWord(): Word {
    let depth = 0;
    let end = this.pos;
    for (; end < this.src.length; end++) {
      const ch = this.src[end]!;
      if (ch === "\\") end++;
      else if (ch === "'" || ch === '"') {
        const close = this.src.indexOf(ch, end + 1);
        if (close < 0) throw new IncompleteInput(ch);
        end = close;
      } else if (ch === "(") depth++;
      else if (ch === ")" && depth > 0) depth--;
      else if (depth === 0 && (" \t\n".includes(ch) || ch === ")")) break;
    }
    const word = parseOperand(this.src.slice(this.pos, end));
    this.pos = end;
    return word;
  }

  /** A redirection where a name must come (`for <<EOF`) is bash's syntax error on its operator. */
  #refuseRedirect(): void {
    if (!this.#atRedirect()) return;
    const op = /^\d*(<<-|<<<|<<|&>>|&>|>>|>&|<&|>\||<>|>|<)/.exec(this.src.slice(this.pos));
    throw new ShellSyntaxError(op?.[1] === "<<-" ? "<<-" : (op?.[1] ?? "newline"));
  }

  /** Redirections after a compound command (`( … ) > out`, `{ …; } 2>&1`). */
  #withRedirects<T extends { redirects: Redirect[] }>(node: T): T {
    for (;;) {
      this.#skipBlanks();
      if (!this.#atRedirect()) return node;
      node.redirects.push(this.#parseRedirect());
    }
  }

  #parseSubshell(): CommandNode {
    this.pos += 1; // (
    this.#depth += 1;
    const body = this.parseList(new Set());
    this.#depth -= 1;
    this.#skipSeparators();
    const token = this.#peekToken();
    if (token === "EOF") throw new IncompleteInput();
    if (token !== ")") throw new ShellSyntaxError(this.#tokenText(token));
    if (body.length === 0) throw new ShellSyntaxError(")");
    this.pos += 1;
    return { type: "subshell", body, redirects: [] };
  }

  #parseGroup(): CommandNode {
    this.#readWord(); // {
    const body = this.#nonEmptyList(new Set(["}"]));
    this.#expectWord("}");
    return { type: "group", body, redirects: [] };
  }

  /** Whether the word here is followed by `()`, making it a function definition. */
  #atFunctionParens(): boolean {
    const save = this.pos;
    const pending = this.#pending.length;
    try {
      this.#readWord();
      return /^[ \t]*\([ \t]*\)/.test(this.src.slice(this.pos));
    } catch {
      return false;
    } finally {
      this.pos = save;
      this.#pending.length = pending;
    }
  }

  #parseFunction(keyword: boolean): CommandNode {
    if (keyword) this.#readWord(); // function
    this.#skipBlanks();
    if (this.#peekToken() === "EOF") throw new IncompleteInput();
    this.#refuseRedirect();
    const name = this.#readWord()?.raw ?? "";
    if (!NAME.test(name)) throw new ShellSyntaxError(name || this.#tokenText(this.#peekToken()));
    const parens = /^[ \t]*\([ \t]*\)/.exec(this.src.slice(this.pos));
    if (parens) this.pos += parens[0].length;
    else if (!keyword) throw new ShellSyntaxError(name);
    this.#skipSeparators();
    if (this.#peekToken() === "EOF") throw new IncompleteInput();
    const body = this.#parseCommand();
    if (body.type === "simple" || body.type === "function")
      throw new ShellSyntaxError(body.type === "simple" ? (body.words[0]?.raw ?? "newline") : "function");
    return { type: "function", name, body, redirects: [] };
  }

  #parseCase(): CommandNode {
    this.#readWord(); // case
    this.#skipBlanks();
    if (this.#peekToken() === "EOF") throw new IncompleteInput();
    this.#refuseRedirect();
    const word = this.#readWord();
    if (!word) throw new ShellSyntaxError(this.#tokenText(this.#peekToken()));
    this.#expectWord("in");
    const items: { patterns: Word[]; body: Script }[] = [];
    for (;;) {
      this.#skipSeparators();
      const token = this.#peekToken();
      if (token === "EOF") throw new IncompleteInput();
      if (token === "word" && this.#peekRawWord() === "esac") {
        this.#readWord();
        break;
      }
      if (token === "(") this.pos += 1;
      const patterns: Word[] = [];
      for (;;) {
        this.#skipBlanks();
        const next = this.#peekToken();
        if (next === "EOF") throw new IncompleteInput();
        if (next !== "word") throw new ShellSyntaxError(this.#tokenText(next));
        patterns.push(this.#readWord()!);
        this.#skipBlanks();
        const sep = this.#peekToken();
        if (sep === "|") {
          this.pos += 1;
          continue;
        }
        if (sep === ")") {
          this.pos += 1;
          break;
        }
        if (sep === "EOF") throw new IncompleteInput();
        throw new ShellSyntaxError(this.#tokenText(sep));
      }
      this.#caseDepth += 1;
      const body = this.parseList(new Set(["esac"]));
      this.#caseDepth -= 1;
      items.push({ patterns, body });
      this.#skipSeparators();
      if (this.#peekToken() === ";;") this.pos += 2;
    }
    return { type: "case", word, items, redirects: [] };
  }

  #parseSimple(): SimpleCommand {
    const command: SimpleCommand = { type: "simple", assignments: [], words: [], redirects: [] };
    for (;;) {
      this.#skipBlanks();
      if (this.#atRedirect()) {
        command.redirects.push(this.#parseRedirect());
        continue;
      }
      if (this.#peekToken() !== "word") break;
      const word = this.#readWord()!;
      const assignment = command.words.length === 0 ? asAssignment(word) : undefined;
      if (assignment) command.assignments.push(assignment);
      else command.words.push(word);
    }
    return command;
  }

  #parseFor(): ForLoop {
    this.#readWord(); // for
    this.#skipBlanks();
    if (this.#peekToken() === "EOF") throw new IncompleteInput();
    if (this.#peekToken() !== "word") throw new ShellSyntaxError(this.#tokenText(this.#peekToken()));
    this.#refuseRedirect();
    const variable = this.#readWord()!.raw;
    if (!NAME.test(variable)) throw new ShellSyntaxError(variable);
    let items: Word[] | undefined;
    this.#skipBlanks();
    if (this.#peekToken() === "word" && this.#peekRawWord() === "in") {
      this.#readWord();
      items = [];
      for (;;) {
        this.#skipBlanks();
        if (this.#peekToken() !== "word" || this.#atRedirect()) break;
        items.push(this.#readWord()!);
      }
    }
    this.#skipBlanks();
    this.#refuseRedirect();
    const separator = this.#peekToken();
    if (separator === ";") this.pos += 1;
    else if (separator !== "\n" && separator !== "EOF")
      throw new ShellSyntaxError(this.#tokenText(separator));
    this.#skipSeparators();
    this.#expectWord("do");
    const body = this.parseList(new Set(["done"]));
    this.#expectWord("done");
    const loop: ForLoop = { type: "for", variable, items, body, redirects: [] };
    for (;;) {
      this.#skipBlanks();
      if (!this.#atRedirect()) break;
      loop.redirects.push(this.#parseRedirect());
    }
    return loop;
  }

  #parseWhile(until: boolean): WhileLoop {
    this.#readWord(); // while / until
    const condition = this.parseList(new Set(["do"]));
    if (condition.length === 0) {
      this.#skipSeparators();
      if (this.#peekToken() === "EOF") throw new IncompleteInput();
      throw new ShellSyntaxError(this.#peekRawWord() || this.#tokenText(this.#peekToken()));
    }
    this.#expectWord("do");
    const body = this.parseList(new Set(["done"]));
    this.#expectWord("done");
    const loop: WhileLoop = { type: "while", until, condition, body, redirects: [] };
    for (;;) {
      this.#skipBlanks();
      if (!this.#atRedirect()) break;
      loop.redirects.push(this.#parseRedirect());
    }
    return loop;
  }

  #parseIf(): IfClause {
    this.#readWord(); // if
    const branches: IfClause["branches"] = [];
    let otherwise: Script | undefined;
    for (;;) {
      const condition = this.#nonEmptyList(new Set(["then"]));
      this.#expectWord("then");
      const body = this.#nonEmptyList(new Set(["elif", "else", "fi"]));
      branches.push({ condition, body });
      this.#skipSeparators();
      const next = this.#peekRawWord();
      this.#readWord();
      if (next === "elif") continue;
      if (next === "else") {
        otherwise = this.#nonEmptyList(new Set(["fi"]));
        this.#expectWord("fi");
      }
      break;
    }
    const clause: IfClause = { type: "if", branches, otherwise, redirects: [] };
    for (;;) {
      this.#skipBlanks();
      if (!this.#atRedirect()) break;
      clause.redirects.push(this.#parseRedirect());
    }
    return clause;
  }

  /** A list that must hold at least one command before the reserved word that ends it. */
  #nonEmptyList(until: Set<string>): Script {
    const list = this.parseList(until);
    if (list.length > 0) return list;
    this.#skipSeparators();
    if (this.#peekToken() === "EOF") throw new IncompleteInput();
    throw new ShellSyntaxError(this.#peekRawWord() || this.#tokenText(this.#peekToken()));
  }

  #expectWord(word: string): void {
    this.#skipSeparators();
    const token = this.#peekToken();
    if (token === "EOF") throw new IncompleteInput();
    if (token !== "word" || this.#peekRawWord() !== word) {
      throw new ShellSyntaxError(token === "word" ? this.#peekRawWord()! : this.#tokenText(token));
    }
    this.#readWord();
  }

  #atRedirect(): boolean {
    const fd = /^\d*/.exec(this.src.slice(this.pos))![0];
    const rest = this.src.slice(this.pos + fd.length);
    return REDIRECT_OPS.some((op) => rest.startsWith(op) && (fd === "" || !op.startsWith("&")));
  }

  #parseRedirect(): Redirect {
    const fdText = /^\d*/.exec(this.src.slice(this.pos))![0];
    this.pos += fdText.length;
    const op = REDIRECT_OPS.find((o) => this.src.startsWith(o, this.pos)) as RedirectOp;
    this.pos += op.length;
    this.#skipBlanks();
    if (this.#atRedirect()) {
      const next = REDIRECT_OPS.find((o) => this.src.startsWith(o, this.pos));
      throw new ShellSyntaxError(next ?? this.src[this.pos]!);
    }
    const token = this.#peekToken();
    if (token !== "word") {
      if (token === "EOF" || token === "\n") throw new ShellSyntaxError("newline");
      throw new ShellSyntaxError(this.#tokenText(token));
    }
    const start = this.pos;
    const target = this.#readWord()!;
    const fd = fdText === "" ? undefined : Number(fdText);
    switch (op) {
      case "<<":
      case "<<-": {
        const raw = this.src.slice(start, this.pos);
        const quoted = /['"\\]/.test(raw);
        const delimiter = target.parts.map((p) => (p.type === "text" ? p.value : "")).join("");
        const heredoc: Heredoc = {
          kind: "heredoc",
          fd: fd ?? 0,
          delimiter: quoted ? delimiter : raw,
          body: { parts: [], raw: "" },
          expand: !quoted,
          stripTabs: op === "<<-",
        };
        this.#pending.push({ redirect: heredoc });
        return heredoc;
      }
      case "<<<": {
        // A here-string: the word plus a newline on stdin.
        const newline: WordPart = { type: "text", value: "\n", quoted: true };
        const body = { parts: [...target.parts, newline], raw: target.raw };
        return { kind: "heredoc", fd: fd ?? 0, delimiter: "", body, expand: true, stripTabs: false };
      }
      case ">&":
      case "<&":
        if (/^\d+$|^-$/.test(target.raw)) return { kind: "dup", fd: fd ?? (op === ">&" ? 1 : 0), target };
        return { kind: "file", fd: 1, op: "&>", target };
      case "<>":
        return { kind: "file", fd: fd ?? 0, op: "<", target };
      case ">|":
        return { kind: "file", fd: fd ?? 1, op: ">", target };
      case "&>":
      case "&>>":
        return { kind: "file", fd: 1, op, target };
      default:
        return { kind: "file", fd: fd ?? (op === "<" ? 0 : 1), op, target };
    }
  }

  #consumeNewline(): void {
    this.pos += 1;
    if (this.#pending.length > 0) this.#readHeredocs();
  }

  /** Reads the bodies of the heredocs opened on the line just ended. */
  #readHeredocs(): void {
    const pending = this.#pending;
    this.#pending = [];
    for (const { redirect } of pending) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        const end = this.src.indexOf("\n", this.pos);
        const lineEnd = end < 0 ? this.src.length : end;
        let line = this.src.slice(this.pos, lineEnd);
        this.pos = end < 0 ? this.src.length : end + 1;
        if (redirect.stripTabs) line = line.replace(/^\t+/, "");
        if (line === redirect.delimiter) {
          found = true;
          break;
        }
        lines.push(line);
      }
      if (!found) {
        if (!this.atEnd) throw new IncompleteInput();
        redirect.unterminated = true;
        this.warnings.push(
          `warning: here-document at line 1 delimited by end-of-file (wanted \`${redirect.delimiter}')`,
        );
      }
      const text = lines.map((l) => `${l}\n`).join("");
      redirect.body = redirect.expand ? parseHeredocBody(text) : literalWord(text);
    }
  }

  #skipBlanks(): void {
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === " " || ch === "\t") this.pos += 1;
      else if (ch === "\\" && this.src[this.pos + 1] === "\n") this.pos += 2;
      else if (ch === "\\" && this.pos + 1 === this.src.length && !this.atEnd) throw new IncompleteInput();
      else if (ch === "#") {
        const end = this.src.indexOf("\n", this.pos);
        this.pos = end < 0 ? this.src.length : end;
      } else return;
    }
  }

  /** What comes next after blanks: an operator, "word", or "EOF". Does not consume. */
  #peekToken(): (typeof OPERATORS)[number] | "word" | "EOF" {
    this.#skipBlanks();
    if (this.pos >= this.src.length) return "EOF";
    if (this.#atRedirect()) return "word";
    return OPERATORS.find((op) => this.src.startsWith(op, this.pos)) ?? "word";
  }

  #tokenText(token: string): string {
    return token === "\n" || token === "EOF" ? "newline" : token;
  }

  #peekRawWord(): string | undefined {
    const save = this.pos;
    const pending = this.#pending.length;
    try {
      const word = this.#readWord();
      // Reserved words count only when typed bare (`"done"` is an ordinary word).
      return word && /^[^'"\\$`]*$/.test(word.raw) ? word.raw : "";
    } catch {
      return "";
    } finally {
      this.pos = save;
      this.#pending.length = pending;
    }
  }

  /**
   * Reads one word with its quoting, or undefined at an operator or end of input. `whole`: the
   * rest of the input is one word, blanks and operators included (a `${x:-word}`'s word).
   */
  #readWord(whole = false): Word | undefined {
    const start = this.pos;
    const parts: WordPart[] = [];
    const text = (value: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last?.type === "text" && last.quoted === quoted && value !== "") last.value += value;
      else parts.push({ type: "text", value, quoted });
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (!whole && WORD_BREAK.has(ch)) break;
      if (ch === "\\") {
        if (this.pos + 1 >= this.src.length) {
          if (!this.atEnd) throw new IncompleteInput();
          this.pos += 1;
          break;
        }
        const next = this.src[this.pos + 1]!;
        this.pos += 2;
        if (next !== "\n") text(next, true);
      } else if (ch === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new IncompleteInput("'");
        text(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (ch === '"') {
        this.pos += 1;
        this.#readDoubleQuoted(parts, text);
      } else if (ch === "$" && this.ansiC && this.src[this.pos + 1] === "'") {
        const end = ansiCEnd(this.src, this.pos + 2);
        if (end < 0) throw new IncompleteInput("'");
        text(ansiCDecode(this.src.slice(this.pos + 2, end)), true);
        this.pos = end + 1;
      } else if (ch === "$") {
        parts.push(this.readDollar(false));
      } else if (ch === "`") {
        parts.push(this.readBackquote(false));
      } else {
        text(ch, false);
        this.pos += 1;
      }
    }
    if (this.pos === start) return undefined;
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  #readDoubleQuoted(parts: WordPart[], text: (value: string, quoted: boolean) => void): void {
    let sawText = false;
    for (;;) {
      if (this.pos >= this.src.length) throw new IncompleteInput('"');
      const ch = this.src[this.pos]!;
      if (ch === '"') {
        this.pos += 1;
        if (!sawText) text("", true);
        return;
      }
      if (ch === "\\" && this.pos + 1 < this.src.length) {
        const next = this.src[this.pos + 1]!;
        this.pos += 2;
        if (next === "\n") continue;
        text('$`"\\'.includes(next) ? next : `\\${next}`, true);
        sawText = true;
      } else if (ch === "$") {
        parts.push(this.readDollar(true));
        sawText = true;
      } else if (ch === "`") {
        parts.push(this.readBackquote(true));
        sawText = true;
      } else {
        text(ch, true);
        sawText = true;
        this.pos += 1;
      }
    }
  }

  /** The whole input as one word (parseOperand). */
  readWhole(): Word | undefined {
    return this.#readWord(true);
  }

  /** `$NAME`, `${NAME}`, `$?`, `$(...)`; public so heredoc bodies can reuse it. */
  readDollar(quoted: boolean): WordPart {
    this.pos += 1; // $
    const ch = this.src[this.pos];
    if (ch === "{") {
      const end = parameterEnd(this.src, this.pos + 1);
      if (end < 0) throw new IncompleteInput("}");
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { type: "param", name, quoted };
    }
    if (ch === "(" && this.src[this.pos + 1] === "(") {
      const end = arithmeticEnd(this.src, this.pos + 2);
      if (end < 0) throw new IncompleteInput();
      const inner = this.src.slice(this.pos + 2, end);
      this.pos = end + 2;
      return { type: "arithmetic", expression: parseHeredocBody(inner), quoted };
    }
    if (ch === "(") {
      this.pos += 1;
      this.#depth += 1;
      const script = this.parseList(new Set());
      this.#depth -= 1;
      this.#skipSeparators();
      if (this.pos >= this.src.length) throw new IncompleteInput();
      if (this.src[this.pos] !== ")") throw new ShellSyntaxError(this.src[this.pos]!);
      this.pos += 1;
      return { type: "command", script, quoted };
    }
    if (ch !== undefined && "?$#!@*-0123456789".includes(ch)) {
      this.pos += 1;
      return { type: "param", name: ch, quoted };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos))?.[0];
    if (name) {
      this.pos += name.length;
      return { type: "param", name, quoted, bare: true };
    }
    return { type: "text", value: "$", quoted };
  }

  readBackquote(quoted: boolean): WordPart {
    let inner = "";
    let i = this.pos + 1;
    for (; i < this.src.length && this.src[i] !== "`"; i++) {
      if (this.src[i] === "\\" && "$`\\".includes(this.src[i + 1] ?? "")) i++;
      inner += this.src[i];
    }
    if (i >= this.src.length) throw new IncompleteInput("`");
    this.pos = i + 1;
    const result = parseShell(inner, { atEnd: true, ansiC: this.ansiC });
    if (!result.ok) throw result.error;
    return { type: "command", script: result.script, quoted };
  }
}

/** Where the `))` closing a `$((` is, counting nested parentheses; -1 if the input ends first. */
function arithmeticEnd(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    if (src[i] === "(") depth++;
    else if (src[i] === ")") {
      if (depth === 0) return src[i + 1] === ")" ? i : -1;
      depth--;
    }
  }
  return -1;
}

function asAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (first?.type !== "text" || first.quoted) return undefined;
  const eq = first.value.indexOf("=");
  if (eq <= 0 || !NAME.test(first.value.slice(0, eq))) return undefined;
  const rest = first.value.slice(eq + 1);
  const parts: WordPart[] = [
    ...(rest ? [{ type: "text" as const, value: rest, quoted: false }] : []),
    ...word.parts.slice(1),
  ];
  return { name: first.value.slice(0, eq), value: { parts, raw: word.raw.slice(eq + 1) } };
}

function literalWord(text: string): Word {
  return { parts: [{ type: "text", value: text, quoted: true }], raw: text };
}

/**
 * The body of a heredoc with an unquoted delimiter: `$` expansions and `\$`, `` \` ``, `\\` and
 * backslash-newline are special; quotes are ordinary characters.
 */
export function parseHeredocBody(text: string): Word {
  const parts: WordPart[] = [];
  let literal = "";
  const flush = () => {
    if (literal) parts.push({ type: "text", value: literal, quoted: true });
    literal = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length && "$`\\\n".includes(text[i + 1]!)) {
      if (text[i + 1] !== "\n") literal += text[i + 1];
      i++;
    } else if (ch === "$" || ch === "`") {
      const parser = new Parser(text, true);
      parser.pos = i;
      try {
        const part = ch === "$" ? parser.readDollar(true) : parser.readBackquote(true);
        flush();
        parts.push(part);
        i = parser.pos - 1;
      } catch {
        literal += ch;
      }
    } else {
      literal += ch;
    }
  }
  flush();
  return { parts, raw: text };
}

/** Where a `$'…'` body that starts at `from` ends (its closing quote), or -1; `\'` does not end it. */
function ansiCEnd(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "'") return i;
  }
  return -1;
}

/** `$'…'` knows C's escapes and a few of its own. */
const ANSI_C_SIMPLE: Readonly<Record<string, string>> = { ...C_ESCAPES, "'": "'", '"': '"', "?": "?" };

/**
 * The text of `$'…'` as bash decodes it: \n \t \e…, \NNN octal, \xHH, \uHHHH, \UHHHHHHHH,
 * \cX control characters; an unknown escape keeps its backslash. A NUL ends the string, as it
 * ends a C string in bash.
 */
export function ansiCDecode(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i]!;
    const digits = (re: RegExp, max: number, from: number) => {
      let n = 0;
      while (n < max && from + n < body.length && re.test(body[from + n]!)) n++;
      return body.slice(from, from + n);
    };
    let code: number | undefined;
    if (Object.hasOwn(ANSI_C_SIMPLE, next)) out += ANSI_C_SIMPLE[next];
    else if (/[0-7]/.test(next)) {
      const oct = digits(/[0-7]/, 3, i);
      i += oct.length - 1;
      code = Number.parseInt(oct, 8) & 0xff;
    } else if (next === "x" || next === "u" || next === "U") {
      const hex = digits(/[0-9A-Fa-f]/, next === "x" ? 2 : next === "u" ? 4 : 8, i + 1);
      if (hex === "") out += `\\${next}`;
      else {
        i += hex.length;
        code = Number.parseInt(hex, 16);
      }
    } else if (next === "c" && i + 1 < body.length) {
      const target = body[++i]!;
      code = target === "?" ? 0x7f : target.toUpperCase().charCodeAt(0) & 0x1f;
    } else out += `\\${next}`;
    if (code === undefined) continue;
    if (code === 0) break;
    // Beyond Unicode (\U7FFFFFFF) bash writes nothing useful; keep the text well-formed instead.
    out += code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
  }
  return out;
}

/**
 * Where the `}` closing a `${` is, the text between starting at `from`: past nested `${…}`,
 * `$(…)`, quotes and backslashes, as bash reads `${x:-${y}}` or `${x:-"a}b"}`; -1 if the input ends first.
 */
function parameterEnd(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "\\") i++;
    else if (ch === "'" || ch === '"') {
      const close = src.indexOf(ch, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (ch === "$" && (src[i + 1] === "{" || src[i + 1] === "(")) {
      depth++;
      i++;
    } else if ((ch === "}" || ch === ")") && depth > 0) depth--;
    else if (ch === "}") return i;
  }
  return -1;
}

/**
 * The word of a `${x:-word}` (or a pattern, or a replacement) as one word: blanks are text. In a
 * `${…}` that stands in double quotes, single quotes are text and a double-quoted stretch is the
 * quoted part, as bash reads it there: a pattern's other characters still match as a pattern's do
 * (`"${h##*-}"`), and the outer quotes keep the result from being split.
 */
export function parseOperand(text: string, inDoubleQuotes = false): Word {
  if (!inDoubleQuotes) {
    const parser = new Parser(text, true);
    return parser.readWhole() ?? { parts: [], raw: text };
  }
  const parts: WordPart[] = [];
  let literal = "";
  let inner = false;
  const text_ = (value: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last?.type === "text" && last.quoted === quoted) last.value += value;
    else if (value !== "") parts.push({ type: "text", value, quoted });
  };
  const flush = () => {
    text_(literal, inner);
    literal = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length && '$`"\\'.includes(text[i + 1]!)) {
      flush();
      text_(text[++i]!, true);
    } else if (ch === '"') {
      flush();
      inner = !inner;
    } else if (ch === "$" || ch === "`") {
      const parser = new Parser(text, true);
      parser.pos = i;
      const part = ch === "$" ? parser.readDollar(inner) : parser.readBackquote(inner);
      flush();
      parts.push(part);
      i = parser.pos - 1;
    } else literal += ch;
  }
  flush();
  return { parts, raw: text };
}
