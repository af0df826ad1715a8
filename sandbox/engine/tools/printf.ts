import { C_ESCAPES } from "../shell/c-escapes.ts";
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { strftime } from "./date.ts";
import { OUTPUT_LIMIT } from "./io.ts";
import { readFloat, readInteger } from "./printf/arguments.ts";
import { formatLongDouble } from "./printf/long-double.ts";
import { shellQuote } from "./printf/shell-quote.ts";

/**
 * `printf [-v var] FORMAT [ARGUMENT]...` as bash 5.2's builtin (builtins/printf.def): C's
 * conversions d i o u x X f F e E g G a A c s with flags, width and precision (`*` from the
 * arguments), and bash's own %b, %q, %Q, %(fmt)T and %n. The format is reused while arguments
 * remain. Output is built as bytes, as the real one writes it: widths count bytes, `\303\251` is
 * é, and numbers are long doubles printed exactly (tools/printf/long-double.ts).
 */
export const printf: Tool = async (ctx) => {
  const args = ctx.argv.slice(1);
  const usage = "printf: usage: printf [-v var] format [arguments]\n";
  const error = (message: string) =>
    ctx.stderr(`${ctx.shell.dialect.prefix(ctx.shell.line)}printf: ${message}\n`);
  let variable: string | undefined;
  if (args[0] === "-v") {
    if (args.length < 2) {
      error("-v: option requires an argument");
      ctx.stderr(usage);
      return 2;
    }
    variable = args[1]!;
    args.splice(0, 2);
    if (!IDENTIFIER.test(variable)) {
      error(`\`${variable}': not a valid identifier`);
      return 2;
    }
  } else if (args[0]?.startsWith("-") && args[0] !== "-" && args[0] !== "--") {
    error(`${args[0].slice(0, 2)}: invalid option`);
    ctx.stderr(usage);
    return 2;
  }
  if (args[0] === "--") args.shift();
  const [format, ...values] = args;
  if (format === undefined) {
    ctx.stderr(usage);
    return 2;
  }
  const run = new PrintfRun(ctx, format, values, error);
  const status = run.run();
  if (variable !== undefined) ctx.shell.setVariable(variable, run.text());
  else ctx.stdout(run.text());
  return status;
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Length modifiers C allows before a conversion; bash reads and ignores them. */
const LENGTH_MODIFIERS = "hjlLtz";
const FLOAT_CONVERSIONS = "fFeEgGaA";
/** 2^31: a C int's range is [-2^31, 2^31). */
const INT_LIMIT = 2 ** 31;
const encoder = new TextEncoder();

interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conversion: string;
  /** How the precision was written: `.5`, `.*` or a `.` alone (which %Q treats apart). */
  precisionFrom?: "digits" | "star" | "point";
  /** The strftime format of %(…)T. */
  time?: string;
}

class PrintfRun {
  readonly #ctx: ToolContext;
  readonly #format: string;
  readonly #values: string[];
  readonly #error: (message: string) => void;
  #next = 0;
  /** What has been printed, in pieces; at most OUTPUT_LIMIT bytes (a width of 10^9 would be a GB). */
  #chunks: Uint8Array[] = [];
  #length = 0;
  #status = 0;
  /** Set by %b's \c: nothing more is printed, not even the rest of the format. */
  #stopped = false;

  constructor(ctx: ToolContext, format: string, values: string[], error: (message: string) => void) {
    this.#ctx = ctx;
    this.#format = format;
    this.#values = values;
    this.#error = error;
  }

  /** The output so far as text (bytes that are not UTF-8 show as U+FFFD, as a terminal shows them). */
  text(): string {
    const bytes = new Uint8Array(this.#length);
    let at = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return new TextDecoder().decode(bytes);
  }

  #write(bytes: Uint8Array | readonly number[]): void {
    const room = OUTPUT_LIMIT - this.#length;
    const kept = bytes.length <= room ? bytes : bytes.slice(0, room);
    this.#chunks.push(kept instanceof Uint8Array ? kept : Uint8Array.from(kept));
    this.#length += kept.length;
  }

  /** `count` copies of one byte (a width's padding), within what may still be printed. */
  #fill(byte: number, count: number): void {
    this.#write(new Uint8Array(Math.min(count, OUTPUT_LIMIT - this.#length)).fill(byte));
  }

  run(): number {
    do {
      const before = this.#next;
      if (!this.#pass()) return 1;
      if (this.#stopped || this.#next === before) break;
    } while (this.#next < this.#values.length);
    return this.#status;
  }

  /** One pass over the format; false when it ends on an error that stops printf. */
  #pass(): boolean {
    const format = this.#format;
    for (let i = 0; i < format.length && !this.#stopped; ) {
      const ch = format[i]!;
      if (ch === "\\") {
        const { bytes, length } = this.#escape(format, i, false);
        this.#write(bytes);
        i += length;
      } else if (ch !== "%") {
        const end = format.slice(i).search(/[\\%]/);
        const literal = end < 0 ? format.slice(i) : format.slice(i, i + end);
        this.#write(encoder.encode(literal));
        i += literal.length;
      } else if (format[i + 1] === "%") {
        this.#write([0x25]);
        i += 2;
      } else {
        const parsed = this.#spec(format, i);
        if (parsed === undefined) return false;
        if (!this.#convert(parsed.spec)) return false;
        i = parsed.end;
      }
    }
    return true;
  }

  /** `%[flags][width][.precision][length]conversion` (or `%(fmt)T`) starting at `start`. */
  #spec(format: string, start: number): { spec: Spec; end: number } | undefined {
    let i = start + 1;
    const flags = /^[-+ #0]*/.exec(format.slice(i))![0];
    i += flags.length;
    // Widths and precisions past what may be printed at all are held to that.
    const clamp = (n: number) => Math.max(-OUTPUT_LIMIT, Math.min(OUTPUT_LIMIT, n));
    const number = (): number | undefined => {
      if (format[i] === "*") {
        i++;
        return clamp(this.#starArgument());
      }
      const digits = /^\d*/.exec(format.slice(i))![0];
      i += digits.length;
      return digits === "" ? undefined : clamp(Number(digits));
    };
    let width = number();
    let precision: number | undefined;
    let precisionFrom: Spec["precisionFrom"];
    if (format[i] === ".") {
      precisionFrom = format[i + 1] === "*" ? "star" : /\d/.test(format[i + 1] ?? "") ? "digits" : "point";
      i++;
      precision = number() ?? 0;
      // A negative precision from `*` is as if none were given.
      if (precision < 0) precision = undefined;
    }
    const spec: Spec = { flags, width, precision, conversion: "" };
    if (precisionFrom !== undefined) spec.precisionFrom = precisionFrom;
    if (width !== undefined && width < 0) {
      spec.flags += "-";
      spec.width = width = -width;
    }
    while (i < format.length && LENGTH_MODIFIERS.includes(format[i]!)) i++;
    if (format[i] === "(") {
      const close = format.indexOf(")", i);
      if (close >= 0 && format[close + 1] === "T") {
        spec.time = format.slice(i + 1, close);
        spec.conversion = "T";
        return { spec, end: close + 2 };
      }
    }
    if (i >= format.length) {
      this.#error(`\`${format.slice(start)}': missing format character`);
      return undefined;
    }
    spec.conversion = format[i]!;
    if (!"diouxXfFeEgGaAcsbqQn".includes(spec.conversion)) {
      this.#error(`\`${spec.conversion}': invalid format character`);
      return undefined;
    }
    return { spec, end: i + 1 };
  }

  #argument(): string | undefined {
    return this.#values[this.#next++];
  }

  /**
   * A `*` width or precision: an int. Past an int's range bash warns naming the argument after
   * this one (it has already moved on), and holds the value to the range.
   */
  #starArgument(): number {
    const value = this.#intArgument();
    if (value >= -INT_LIMIT && value < INT_LIMIT) return value;
    const following = this.#values[this.#next];
    if (following !== undefined) this.#error(`warning: ${following}: Numerical result out of range`);
    return value < 0 ? -INT_LIMIT : INT_LIMIT - 1;
  }

  /** %(…)T's time, or under `*` a width or precision: 0 (or `missing`) when no argument is left. */
  #intArgument(missing = 0): number {
    const arg = this.#argument();
    if (arg === undefined) return missing;
    return Number(this.#checked(arg, readInteger(arg, false)));
  }

  #checked<T>(arg: string, read: { value: T; error?: string; outOfRange: boolean }): T {
    if (read.error !== undefined) {
      this.#error(`${arg}: ${read.error}`);
      this.#status = 1;
    } else if (read.outOfRange) this.#error(`warning: ${arg}: Numerical result out of range`);
    return read.value;
  }

  /** Prints one conversion; false when it stops printf (%n naming no variable). */
  #convert(spec: Spec): boolean {
    const { conversion } = spec;
    if ("diouxX".includes(conversion)) {
      const arg = this.#argument() ?? "";
      const signed = conversion === "d" || conversion === "i";
      this.#pad(spec, integerText(this.#checked(arg, readInteger(arg, !signed)), spec), true);
    } else if (FLOAT_CONVERSIONS.includes(conversion)) {
      const arg = this.#argument() ?? "";
      const value = this.#checked(arg, readFloat(arg));
      const sign = value.negative
        ? "-"
        : spec.flags.includes("+")
          ? "+"
          : spec.flags.includes(" ")
            ? " "
            : "";
      const digits = formatLongDouble(value, {
        conversion: conversion as "f",
        precision: spec.precision,
        alternate: spec.flags.includes("#"),
      });
      // %a's zeros go after its 0x; infinity and NaN are padded with spaces even under the 0 flag.
      const prefix = /^0[xX]/.exec(digits)?.[0] ?? "";
      this.#pad(spec, { sign, prefix, digits: digits.slice(prefix.length) }, value.kind === "finite");
    } else if (conversion === "c") {
      const first = encoder.encode(this.#argument() ?? "")[0] ?? 0;
      this.#pad({ ...spec, precision: undefined }, [first]);
    } else if (conversion === "s") this.#pad(spec, encoder.encode(this.#argument() ?? ""));
    else if (conversion === "b") {
      const { bytes, stop } = this.#expand(this.#argument() ?? "");
      this.#pad(spec, bytes);
      this.#stopped = stop;
    } else if (conversion === "q") this.#pad(spec, encoder.encode(shellQuote(this.#argument() ?? "")));
    else if (conversion === "Q") {
      // %Q cuts the argument to a precision written in digits before quoting it and prints the
      // whole quoted word (%q cuts the quoted word); bash 5.2 ignores `.*` here, and a `.`
      // alone prints nothing.
      const bytes = encoder.encode(this.#argument() ?? "");
      const cut = spec.precisionFrom === "digits" ? bytes.slice(0, spec.precision) : bytes;
      const quoted = encoder.encode(shellQuote(new TextDecoder().decode(cut)));
      this.#pad({ ...spec, precision: spec.precisionFrom === "point" ? 0 : undefined }, quoted);
    } else if (conversion === "T") {
      // No argument is -1, the current time; -2 is when the shell started (here too: now).
      const seconds = this.#intArgument(-1);
      const ms = seconds < 0 ? this.#ctx.shell.now() : seconds * 1000;
      this.#pad(spec, encoder.encode(strftime(spec.time ?? "", ms)));
    } else if (conversion === "n") {
      const name = this.#argument();
      if (name === undefined) return true;
      if (!IDENTIFIER.test(name)) {
        this.#error(`\`${name}': not a valid identifier`);
        return false;
      }
      this.#ctx.shell.setVariable(name, String(this.#length));
    }
    return true;
  }

  /**
   * Writes a converted value within the spec's width (bytes): text cut to the precision, or a
   * number with the 0 flag's zeros between its sign or prefix and its digits.
   */
  #pad(spec: Spec, value: Uint8Array | readonly number[] | NumberText, zeroPadding = false): void {
    const left = spec.flags.includes("-");
    let head: Uint8Array = new Uint8Array();
    let body: Uint8Array | readonly number[];
    if (isNumberText(value)) {
      head = encoder.encode(value.sign + value.prefix);
      body = encoder.encode(value.digits);
    } else body = spec.precision === undefined ? value : value.slice(0, spec.precision);
    const room = Math.max(0, (spec.width ?? 0) - head.length - body.length);
    // C ignores the 0 flag for an integer given a precision; a float keeps it.
    const zeros =
      zeroPadding &&
      !left &&
      spec.flags.includes("0") &&
      (spec.precision === undefined || FLOAT_CONVERSIONS.includes(spec.conversion));
    if (!left && !zeros) this.#fill(0x20, room);
    this.#write(head);
    if (zeros) this.#fill(0x30, room);
    this.#write(body);
    if (left) this.#fill(0x20, room);
  }

  /** %b's argument with its escapes: \0NNN as well as \NNN, and \c ending all output. */
  #expand(arg: string): { bytes: number[]; stop: boolean } {
    const bytes: number[] = [];
    for (let i = 0; i < arg.length; ) {
      if (arg[i] !== "\\") {
        const end = arg.indexOf("\\", i);
        const literal = end < 0 ? arg.slice(i) : arg.slice(i, end);
        bytes.push(...encoder.encode(literal));
        i += literal.length;
        continue;
      }
      if (arg[i + 1] === "c") return { bytes, stop: true };
      const escaped = this.#escape(arg, i, true);
      bytes.push(...escaped.bytes);
      i += escaped.length;
    }
    return { bytes, stop: false };
  }

  /**
   * The backslash escape at `text[i]` (bash's tescape): C's letters, octal (\NNN; in %b also
   * \0NNN), \xHH, bash's \uHHHH and \UHHHHHHHH; in a format also \" \' and \?. Anything else,
   * \c in a format among them, is printed as written.
   */
  #escape(text: string, i: number, inB: boolean): { bytes: number[]; length: number } {
    const next = text[i + 1];
    const written = (length: number) => ({ bytes: [...encoder.encode(text.slice(i, i + length))], length });
    if (next === undefined) return written(1);
    if (Object.hasOwn(C_ESCAPES, next)) return { bytes: [...encoder.encode(C_ESCAPES[next]!)], length: 2 };
    if (!inB && (next === '"' || next === "'" || next === "?"))
      return { bytes: [next.charCodeAt(0)], length: 2 };
    if (/[0-7]/.test(next)) {
      const digits = new RegExp(`^[0-7]{1,${inB && next === "0" ? 4 : 3}}`).exec(text.slice(i + 1))![0];
      return { bytes: [Number.parseInt(digits, 8) & 0xff], length: 1 + digits.length };
    }
    const unicode = next === "u" || next === "U";
    if (next === "x" || (unicode && this.#ctx.shell.dialect.name === "bash")) {
      const most = next === "x" ? 2 : next === "u" ? 4 : 8;
      const digits = new RegExp(`^[0-9a-fA-F]{0,${most}}`).exec(text.slice(i + 2))![0];
      if (digits === "") {
        this.#error(`missing ${unicode ? "unicode" : "hex"} digit for \\${next}`);
        return written(2);
      }
      const code = Number.parseInt(digits, 16);
      if (next === "x") return { bytes: [code], length: 2 + digits.length };
      // Past Unicode's last code point bash writes bytes no string can hold: nothing here.
      const bytes = code <= 0x10ffff ? [...encoder.encode(String.fromCodePoint(code))] : [];
      return { bytes, length: 2 + digits.length };
    }
    return written(2);
  }
}

/** A number's parts, kept apart so that the 0 flag's zeros go between them. */
interface NumberText {
  sign: string;
  prefix: string;
  digits: string;
}

const isNumberText = (value: unknown): value is NumberText =>
  typeof value === "object" && value !== null && "digits" in value;

/** C's integer conversions: precision as a least number of digits, `#` for 0 and 0x prefixes. */
function integerText(value: bigint, spec: Spec): NumberText {
  const { conversion, flags, precision } = spec;
  const negative = value < 0n;
  const base = conversion === "o" ? 8 : conversion === "x" || conversion === "X" ? 16 : 10;
  let digits = (negative ? -value : value).toString(base);
  if (conversion === "X") digits = digits.toUpperCase();
  if (precision !== undefined)
    digits = precision === 0 && value === 0n ? "" : digits.padStart(precision, "0");
  let prefix = "";
  if (flags.includes("#")) {
    if (conversion === "o" && !digits.startsWith("0")) digits = `0${digits}`;
    if ((conversion === "x" || conversion === "X") && value !== 0n) prefix = conversion === "x" ? "0x" : "0X";
  }
  const signed = conversion === "d" || conversion === "i";
  const sign = negative
    ? "-"
    : signed && flags.includes("+")
      ? "+"
      : signed && flags.includes(" ")
        ? " "
        : "";
  return { sign, prefix, digits };
}
