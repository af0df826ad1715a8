/**
 * GNU getopt as coreutils use it: short options may be bundled (`-la`), an option's value may be
 * attached (`-n5`) or the next word (`-n 5`), options may follow operands, `--` ends options and
 * a lone `-` is an operand (stdin). Long options are matched exactly from a small table.
 */
import type { ToolContext } from "../shell/interpreter.ts";

export interface OptionSpec {
  /** Short options without a value, e.g. "la1". */
  flags?: string;
  /** Short options that take a value, e.g. "nk". */
  values?: string;
  /** Long option name → the short letter it means (values follow `=` or the next word). */
  long?: Record<string, string>;
  /** Don't permute: the first operand ends option parsing (xargs, watch, env, sh -c). */
  stopAtOperand?: boolean;
}

export interface ParsedOptions {
  /** Every occurrence, in order (the last value wins for most tools). */
  flags: Set<string>;
  values: Map<string, string>;
  /** Every value of each option, in order (grep -e A -e B). */
  lists: Map<string, string[]>;
  operands: string[];
}

/** Parses argv[1..]; on a bad option prints GNU's two-line message and returns the status. */
export function getopt(ctx: ToolContext, spec: OptionSpec, badStatus = 1): ParsedOptions | number {
  const program = ctx.argv[0] ?? "";
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const setValue = (letter: string, value: string) => {
    values.set(letter, value);
    lists.set(letter, [...(lists.get(letter) ?? []), value]);
  };
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  const bad = (message: string) => {
    ctx.stderr(`${program}: ${message}\nTry '${program} --help' for more information.\n`);
    return badStatus;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const [name, attached] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const letter = spec.long?.[name];
      if (letter === undefined) return bad(`unrecognized option '${arg}'`);
      if (spec.values?.includes(letter)) {
        const value = attached ?? args[++i];
        if (value === undefined) return bad(`option '--${name}' requires an argument`);
        setValue(letter, value);
      } else flags.add(letter);
      continue;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      if (spec.stopAtOperand) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (spec.values?.includes(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) return bad(`option requires an argument -- '${letter}'`);
        setValue(letter, value);
        break;
      }
      if (!spec.flags?.includes(letter)) return bad(`invalid option -- '${letter}'`);
      flags.add(letter);
    }
  }
  return { flags, values, lists, operands };
}
