/**
 * `set` and what it turns on, as bash 5.2 and dash have them: -e (errexit), -u (nounset), -x
 * (xtrace), -f (noglob) and -o pipefail take effect (interpreter.ts, expand.ts, parameters.ts);
 * `set -- ARGS` sets the positional parameters; the other letters either shell accepts are
 * accepted and change nothing here. Also `shift`, and how xtrace writes a word.
 */
import { ansiCQuote } from "../tools/printf/shell-quote.ts";
import type { Tool } from "./interpreter.ts";

/** set's letters and the options they name. */
const LETTERS: Readonly<Record<string, string>> = {
  a: "allexport",
  b: "notify",
  e: "errexit",
  f: "noglob",
  h: "hashall",
  k: "keyword",
  m: "monitor",
  n: "noexec",
  p: "privileged",
  t: "onecmd",
  u: "nounset",
  v: "verbose",
  x: "xtrace",
  B: "braceexpand",
  C: "noclobber",
  E: "errtrace",
  H: "histexpand",
  P: "physical",
  T: "functrace",
};
/** Options `set -o NAME` knows beyond the letters. */
const NAMES = new Set([...Object.values(LETTERS), "pipefail", "emacs", "vi", "posix", "ignoreeof", "nolog"]);
/** What takes effect in this sandbox; the rest is accepted and ignored. */
const EFFECTIVE = new Set(["errexit", "nounset", "xtrace", "noglob", "pipefail"]);
/** The order bash writes `$-` in. */
const ORDER = "abefhikmnptuvxBCEHPT";

const USAGE = "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n";

/** `$-`: the shell's own letters with set's, in bash's order. */
export function optionLetters(base: string, options: ReadonlySet<string>): string {
  const on = new Set(base);
  for (const [letter, name] of Object.entries(LETTERS)) if (options.has(name)) on.add(letter);
  const ordered = [...ORDER].filter((l) => on.has(l)).join("");
  return ordered + [...base].filter((l) => !ORDER.includes(l)).join("");
}

/** A word as bash's xtrace writes it: quoted when the shell would need it (sh_contains_shell_metas). */
export function traceWord(word: string): string {
  if (word === "") return "''";
  if (/\p{Cc}/u.test(word)) return ansiCQuote(word);
  const metas = /[ \t\n'"\\|&;()<>!{}*[?\]^$`]|^[~#]|[=:]~/.test(word);
  return metas ? `'${word.replace(/'/g, "'\\''")}'` : word;
}

/** `set [-+abefhkmnptuvxBCEHPT] [-+o NAME] [--] [ARG...]`; alone, the variables as `name=value`. */
export const set: Tool = async (ctx) => {
  const { shell } = ctx;
  const bash = shell.dialect.name === "bash";
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    for (const name of [...shell.vars.keys()].sort())
      ctx.stdout(`${name}=${traceWord(shell.vars.get(name)!)}\n`);
    return 0;
  }
  const turn = (name: string, on: boolean) => {
    if (!EFFECTIVE.has(name)) return;
    if (on) shell.options.add(name);
    else shell.options.delete(name);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--" || arg === "-") {
      shell.positional = args.slice(i + 1);
      return 0;
    }
    if (!/^[-+]/.test(arg)) {
      shell.positional = args.slice(i);
      return 0;
    }
    const on = arg[0] === "-";
    for (const letter of arg.slice(1)) {
      if (letter === "o") {
        const name = args[++i];
        if (name === undefined || !NAMES.has(name)) {
          // `set -o` alone lists the options; that listing is not made here.
          if (name === undefined) return 0;
          ctx.stderr(
            bash
              ? `${shell.dialect.prefix(shell.line)}set: ${name}: invalid option name\n`
              : `${shell.dialect.prefix(shell.line)}set: Illegal option -o ${name}\n`,
          );
          return 2;
        }
        turn(name, on);
      } else if (Object.hasOwn(LETTERS, letter)) turn(LETTERS[letter]!, on);
      else {
        ctx.stderr(
          bash
            ? `${shell.dialect.prefix(shell.line)}set: ${arg[0]}${letter}: invalid option\n${USAGE}`
            : `${shell.dialect.prefix(shell.line)}set: Illegal option ${arg[0]}${letter}\n`,
        );
        return 2;
      }
    }
  }
  return 0;
};

/** `shift [N]`: drops the first N positional parameters (1 by default); more than there are fails. */
export const shift: Tool = async (ctx) => {
  const { shell } = ctx;
  const arg = ctx.argv[1] ?? "1";
  if (!/^\d+$/.test(arg)) {
    ctx.stderr(`${shell.dialect.prefix(shell.line)}shift: ${arg}: numeric argument required\n`);
    return 1;
  }
  const n = Number(arg);
  if (n > shell.positional.length) {
    if (shell.dialect.name !== "bash") {
      ctx.stderr(`${shell.dialect.prefix(shell.line)}shift: can't shift that many\n`);
      return 2;
    }
    return 1;
  }
  shell.positional = shell.positional.slice(n);
  return 0;
};
