/**
 * `seq [-w] [-s SEP] [-f FORMAT] [FIRST [INCREMENT]] LAST`, as GNU coreutils 9.1 prints it: plain
 * integers count exactly (as its seq_fast does, to any size); anything else is printed with
 * `%.PRECf`, PREC the most digits after the point among FIRST and INCREMENT (`seq 1 0.5 3` gives
 * 1.0 … 3.0), or `%g` where that cannot be worked out.
 */
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { produce } from "./io.ts";

interface Operand {
  value: number;
  /** Its print width if printed the way it was written ("-.1" counts as "-0.1"). */
  width: number;
  /** Digits after the point; Infinity where it cannot be expressed as a fixed-point number. */
  precision: number;
}

const NUMBER = /^\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|inf(?:inity)?|nan)$/i;

/** strtold's value of a spelling NUMBER accepted. */
function strtold(arg: string): number {
  const text = arg.trim().toLowerCase();
  const sign = text.startsWith("-") ? -1 : 1;
  const unsigned = text.replace(/^[+-]/, "");
  if (unsigned.startsWith("0x")) return sign * Number.parseInt(unsigned.slice(2), 16);
  if (unsigned.startsWith("inf")) return sign * Number.POSITIVE_INFINITY;
  if (unsigned === "nan") return Number.NaN;
  return Number(text);
}

/** GNU seq's scan_arg: the value with the width and precision it was written with. */
function scanArg(ctx: ToolContext, arg: string): Operand | number {
  if (!NUMBER.test(arg)) return usageError(ctx, `invalid floating point argument: '${arg}'`);
  const value = strtold(arg);
  if (Number.isNaN(value)) return usageError(ctx, `invalid 'not-a-number' argument: '${arg}'`);
  const text = arg.replace(/^[\s+]+/, "");
  if (/[xX]/.test(text)) return { value, width: 0, precision: Number.POSITIVE_INFINITY };
  let width = text.length;
  let precision = 0;
  const e = text.search(/[eE]/);
  const point = text.indexOf(".");
  let fraction = 0;
  if (point >= 0) {
    fraction = (e < 0 ? text.length : e) - point - 1;
    precision = fraction;
    width += fraction === 0 ? -1 : point === 0 || !/\d/.test(text[point - 1]!) ? 1 : 0;
  }
  if (e >= 0) {
    let exponent = Number.parseInt(text.slice(e + 1), 10) || 0;
    precision += exponent < 0 ? -exponent : -Math.min(precision, exponent);
    width -= text.length - e;
    if (exponent < 0) {
      if (point < 0 || e === point + 1) width++;
      exponent = -exponent;
    } else {
      if (point >= 0 && precision === 0 && fraction) width--;
      exponent -= Math.min(fraction, exponent);
    }
    width += exponent;
  }
  return { value, width, precision };
}

function usageError(ctx: ToolContext, message: string): number {
  ctx.stderr(`seq: ${message}\nTry 'seq --help' for more information.\n`);
  return 1;
}

/** One printf floating-point directive: flags, width, precision and conversion (e, f, g). */
interface Directive {
  flags: string;
  width: number;
  precision: number | undefined;
  conversion: string;
}

/** The directive of a -f FORMAT with the text around it, or GNU's complaint about it. */
function parseFormat(format: string): { prefix: string; directive: Directive; suffix: string } | string {
  const literal = (text: string) => text.replaceAll("%%", "%");
  const pieces = format.split(/(%%)/);
  let at = -1;
  let offset = 0;
  for (const piece of pieces) {
    if (piece !== "%%" && piece.includes("%")) {
      at = offset + piece.indexOf("%");
      break;
    }
    offset += piece.length;
  }
  if (at < 0) return `format '${format}' has no % directive`;
  const match = /^%([-+ #0']*)(\d*)(?:\.(\d*))?L?(.?)/.exec(format.slice(at))!;
  const [whole, flags, width, precision, conversion] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  // GNU takes %a too (hexadecimal); this seq does not print hexadecimal fractions.
  if (!/^[eEfFgG]$/.test(conversion)) {
    return conversion === ""
      ? `format '${format}' ends in %`
      : `format '${format}' has unknown %${conversion} directive`;
  }
  const rest = format.slice(at + whole.length);
  if (rest.replaceAll("%%", "").includes("%")) return `format '${format}' has too many % directives`;
  return {
    prefix: literal(format.slice(0, at)),
    directive: {
      flags,
      width: Number(width || 0),
      precision: precision === undefined ? undefined : Number(precision || 0),
      conversion,
    },
    suffix: literal(rest),
  };
}

/** C's printf of one number with a %e, %f or %g directive. */
function formatNumber(x: number, d: Directive): string {
  const upper = d.conversion === d.conversion.toUpperCase();
  const alternate = d.flags.includes("#");
  let body: string;
  if (!Number.isFinite(x)) body = Number.isNaN(x) ? "nan" : "inf";
  else {
    const magnitude = Math.abs(x);
    const precision = d.precision ?? 6;
    const exponential = (digits: number) => {
      const [mantissa, exponent] = magnitude.toExponential(digits).split("e") as [string, string];
      const sign = exponent.startsWith("-") ? "-" : "+";
      const point = alternate && digits === 0 ? "." : "";
      return `${mantissa}${point}e${sign}${exponent.replace(/^[+-]/, "").padStart(2, "0")}`;
    };
    const kind = d.conversion.toLowerCase();
    if (kind === "f") body = magnitude.toFixed(precision) + (alternate && precision === 0 ? "." : "");
    else if (kind === "e") body = exponential(precision);
    else {
      const p = precision === 0 ? 1 : precision;
      const exponent = magnitude === 0 ? 0 : Number(magnitude.toExponential(p - 1).split("e")[1]);
      body = p > exponent && exponent >= -4 ? magnitude.toFixed(p - 1 - exponent) : exponential(p - 1);
      // Without '#', %g drops trailing zeros and then a bare point.
      if (!alternate) body = body.replace(/^([^e]*\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
    }
  }
  if (upper) body = body.toUpperCase();
  const negative = x < 0 || Object.is(x, -0);
  const sign = negative ? "-" : d.flags.includes("+") ? "+" : d.flags.includes(" ") ? " " : "";
  const padding = Math.max(0, d.width - sign.length - body.length);
  if (d.flags.includes("-")) return `${sign}${body}${" ".repeat(padding)}`;
  if (d.flags.includes("0") && Number.isFinite(x)) return `${sign}${"0".repeat(padding)}${body}`;
  return `${" ".repeat(padding)}${sign}${body}`;
}

/** get_default_format: `%.PRECf`, zero-padded to a common width for -w, or `%g`. */
function defaultDirective(first: Operand, step: Operand, last: Operand, equalWidth: boolean): Directive {
  const precision = Math.max(first.precision, step.precision);
  if (!Number.isFinite(precision) || !Number.isFinite(last.precision)) {
    return { flags: "", width: 0, precision: undefined, conversion: "g" };
  }
  if (!equalWidth) return { flags: "", width: 0, precision, conversion: "f" };
  let firstWidth = first.width + (precision - first.precision);
  let lastWidth = last.width + (precision - last.precision);
  if (last.precision && precision === 0) lastWidth--;
  if (last.precision === 0 && precision) lastWidth++;
  if (first.precision === 0 && precision) firstWidth++;
  return { flags: "0", width: Math.max(firstWidth, lastWidth), precision, conversion: "f" };
}

const DIGITS = /^\d+$/;
/** The largest INCREMENT seq_fast counts with. */
const FAST_STEP_LIMIT = 200;

/** Options come first: an argument such as `-1` or `-.5` is the first operand, as in GNU seq. */
function splitNegativeOperands(argv: readonly string[]): { options: string[]; operands: string[] } {
  const at = argv.findIndex((a, i) => i > 0 && /^-[.\d]/.test(a));
  return at < 0
    ? { options: [...argv], operands: [] }
    : { options: argv.slice(0, at), operands: argv.slice(at) };
}

export const seq: Tool = async (ctx) => {
  const split = splitNegativeOperands(ctx.argv);
  const options = getopt(
    { ...ctx, argv: split.options },
    {
      flags: "w",
      values: "fs",
      long: { format: "f", separator: "s", "equal-width": "w" },
      stopAtOperand: true,
    },
  );
  if (typeof options === "number") return options;
  const operands = [...options.operands, ...split.operands];
  if (operands.length === 0) return usageError(ctx, "missing operand");
  if (operands.length > 3) return usageError(ctx, `extra operand '${operands[3]}'`);
  const separator = options.values.get("s") ?? "\n";
  const format = options.values.get("f");
  const equalWidth = options.flags.has("w");
  if (format !== undefined && equalWidth) {
    return usageError(ctx, "format string may not be specified when printing equal width strings");
  }
  const one: Operand = { value: 1, width: 1, precision: 0 };
  const scanned: Operand[] = [];
  for (const [i, arg] of operands.entries()) {
    const operand = scanArg(ctx, arg);
    if (typeof operand === "number") return operand;
    if (operands.length === 3 && i === 1 && operand.value === 0) {
      return usageError(ctx, `invalid Zero increment value: '${arg}'`);
    }
    scanned.push(operand);
  }
  const last = scanned[scanned.length - 1]!;
  const first = scanned.length > 1 ? scanned[0]! : one;
  const step = scanned.length === 3 ? scanned[1]! : one;

  const stepArg = operands.length === 3 ? operands[1]! : "1";
  if (
    operands.every((a) => DIGITS.test(a)) &&
    Number(stepArg) > 0 &&
    Number(stepArg) <= FAST_STEP_LIMIT &&
    !equalWidth &&
    format === undefined &&
    separator.length === 1
  ) {
    return countIntegers(ctx, operands, separator);
  }

  let layout = { prefix: "", directive: defaultDirective(first, step, last, equalWidth), suffix: "" };
  if (format !== undefined) {
    const parsed = parseFormat(format);
    if (typeof parsed === "string") {
      ctx.stderr(`seq: ${parsed}\n`);
      return 1;
    }
    layout = parsed;
  }
  const text = (x: number) => formatNumber(x, layout.directive);
  const beyond = (x: number) => (step.value < 0 ? x < last.value : last.value < x);
  if (beyond(first.value)) return 0;
  let i = 0;
  let current: string | undefined = text(first.value);
  await produce(ctx, () => {
    let piece = "";
    for (let n = 0; n < LINES_PER_PIECE && current !== undefined; n++) {
      const next = first.value + ++i * step.value;
      let following: string | undefined;
      if (!beyond(next)) following = text(next);
      else {
        // GNU prints the number just past LAST when it prints as LAST and unlike the one before
        // (rounding: `seq 0 0.000001 0.000003` ends at 0.000003).
        const shown = text(next);
        if (Number(shown) === last.value && shown !== current) following = shown;
      }
      piece += `${layout.prefix}${current}${layout.suffix}${following === undefined ? "\n" : separator}`;
      current = following;
    }
    return piece === "" ? undefined : piece;
  });
  return 0;
};

/** Lines handed to the output at a time: one call per number would cost more than the numbers. */
const LINES_PER_PIECE = 1024;

/** seq_fast: whole numbers counted exactly, however large (as numbers while they are exact). */
async function countIntegers(ctx: ToolContext, operands: readonly string[], separator: string) {
  const big = {
    last: BigInt(operands[operands.length - 1]!),
    step: operands.length === 3 ? BigInt(operands[1]!) : 1n,
    first: operands.length > 1 ? BigInt(operands[0]!) : 1n,
  };
  if (big.first > big.last) return 0;
  const exact = big.last + big.step <= BigInt(Number.MAX_SAFE_INTEGER);
  // The same loop over plain numbers where they are exact, BigInts beyond.
  const count = <T extends number | bigint>(first: T, step: T, last: T) => {
    let x = first;
    return () => {
      if (x > last) return undefined;
      let piece = "";
      for (let n = 0; n < LINES_PER_PIECE && x <= last; n++) {
        const next = ((x as number) + (step as number)) as T;
        piece += `${x}${next > last ? "\n" : separator}`;
        x = next;
      }
      return piece;
    };
  };
  await produce(
    ctx,
    exact
      ? count(Number(big.first), Number(big.step), Number(big.last))
      : count(big.first, big.step, big.last),
  );
  return 0;
}
