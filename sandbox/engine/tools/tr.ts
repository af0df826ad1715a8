/**
 * `tr [-cdst] SET1 [SET2]`, as GNU coreutils 9.1 runs it: on bytes (UTF-8), reading stdin as it
 * arrives so that `kubectl get pods -w | tr -s ' '` shows each row as it comes.
 */
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { getopt } from "./getopt.ts";

const CLASSES: Record<string, (c: number) => boolean> = {
  alnum: (c) => isAlpha(c) || isDigit(c),
  alpha: (c) => isAlpha(c),
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  digit: (c) => isDigit(c),
  graph: (c) => c > 32 && c < 127,
  lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c < 127,
  punct: (c) => c > 32 && c < 127 && !isAlpha(c) && !isDigit(c),
  space: (c) => (c >= 9 && c <= 13) || c === 32,
  upper: (c) => c >= 65 && c <= 90,
  xdigit: (c) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
const ALL_BYTES = Array.from({ length: 256 }, (_, i) => i);

class SetError extends Error {}

/** One element of a parsed SET: a byte (escapes undone), a class, or `[c*n]`. */
type Element =
  | { kind: "byte"; byte: number }
  | { kind: "range"; from: number; to: number }
  | { kind: "class"; name: string }
  | { kind: "repeat"; byte: number; count: number | undefined };

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };

/** The bytes of a SET string with backslash escapes undone, each marked whether it was escaped. */
function unescapeSet(ctx: ToolContext, text: string): { byte: number; escaped: boolean }[] {
  const bytes = Array.from(new TextEncoder().encode(text));
  const out: { byte: number; escaped: boolean }[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 92) {
      out.push({ byte: b, escaped: false });
      continue;
    }
    if (i + 1 === bytes.length) {
      ctx.stderr("tr: warning: an unescaped backslash at end of string is not portable\n");
      out.push({ byte: 92, escaped: true });
      continue;
    }
    const next = String.fromCharCode(bytes[++i]!);
    if (/[0-7]/.test(next)) {
      let octal = next;
      while (octal.length < 3 && /[0-7]/.test(String.fromCharCode(bytes[i + 1] ?? 0))) {
        const more = `${octal}${String.fromCharCode(bytes[i + 1]!)}`;
        if (Number.parseInt(more, 8) > 255) break;
        octal = more;
        i++;
      }
      out.push({ byte: Number.parseInt(octal, 8), escaped: true });
    } else out.push({ byte: ESCAPES[next] ?? bytes[i]!, escaped: true });
  }
  return out;
}

/** Parses a SET into elements: ranges `a-z`, `[:class:]`, `[=c=]`, and in SET2 `[c*]` / `[c*n]`. */
function parse(ctx: ToolContext, text: string, second: boolean): Element[] {
  const chars = unescapeSet(ctx, text);
  const plain = (i: number, ch: string) =>
    chars[i] !== undefined && !chars[i]!.escaped && chars[i]!.byte === ch.charCodeAt(0);
  const elements: Element[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (plain(i, "[")) {
      if (plain(i + 1, ":") || plain(i + 1, "=")) {
        const delimiter = String.fromCharCode(chars[i + 1]!.byte);
        let end = i + 2;
        while (end < chars.length && !(plain(end, delimiter) && plain(end + 1, "]"))) end++;
        if (end < chars.length) {
          const inner = String.fromCharCode(...chars.slice(i + 2, end).map((c) => c.byte));
          if (delimiter === ":") {
            if (!CLASSES[inner]) throw new SetError(`invalid character class '${inner}'`);
            elements.push({ kind: "class", name: inner });
          } else {
            if (end !== i + 3)
              throw new SetError(`${inner}: equivalence class operand must be a single character`);
            elements.push({ kind: "byte", byte: chars[i + 2]!.byte });
          }
          i = end + 1;
          continue;
        }
      }
      if (chars[i + 1] !== undefined && plain(i + 2, "*")) {
        let end = i + 3;
        while (end < chars.length && !plain(end, "]")) end++;
        if (end < chars.length) {
          const digits = String.fromCharCode(...chars.slice(i + 3, end).map((c) => c.byte));
          // A count with a leading 0 is octal, as in GNU tr.
          if (/^(?:0[0-7]*|[1-9]\d*)?$/.test(digits)) {
            if (!second) throw new SetError("the [c*] repeat construct may not appear in string1");
            const count =
              digits === "" ? undefined : Number.parseInt(digits, digits.startsWith("0") ? 8 : 10);
            elements.push({ kind: "repeat", byte: chars[i + 1]!.byte, count: count || undefined });
            i = end;
            continue;
          }
          throw new SetError(`invalid repeat count '${digits}' in [c*n] construct`);
        }
      }
    }
    if (plain(i + 1, "-") && chars[i + 2] !== undefined) {
      const from = chars[i]!.byte;
      const to = chars[i + 2]!.byte;
      if (to < from) {
        const show = (c: { byte: number }) => String.fromCharCode(c.byte);
        throw new SetError(
          `range-endpoints of '${show(chars[i]!)}-${show(chars[i + 2]!)}' are in reverse collating sequence order`,
        );
      }
      elements.push({ kind: "range", from, to });
      i += 2;
      continue;
    }
    elements.push({ kind: "byte", byte: chars[i]!.byte });
  }
  return elements;
}

/** The bytes a SET stands for, in order; SET2's `[c*]` fills it out to `length`. */
function expand(elements: readonly Element[], length = 0): number[] {
  const fixed = elements.reduce((n, e) => n + (e.kind === "repeat" ? (e.count ?? 0) : size(e)), 0);
  const out: number[] = [];
  for (const e of elements) {
    if (e.kind === "byte") out.push(e.byte);
    else if (e.kind === "range") for (let c = e.from; c <= e.to; c++) out.push(c);
    else if (e.kind === "class") out.push(...ALL_BYTES.filter(CLASSES[e.name]!));
    else {
      // Past SET1's length a repeat only needs to be there (for -s): `[x*99999999]` stays small.
      const count =
        e.count === undefined ? Math.max(0, length - fixed) : Math.min(e.count, Math.max(1, length));
      out.push(...Array<number>(count).fill(e.byte));
    }
  }
  return out;
}

function size(e: Element): number {
  if (e.kind === "byte") return 1;
  if (e.kind === "range") return e.to - e.from + 1;
  if (e.kind === "class") return ALL_BYTES.filter(CLASSES[e.name]!).length;
  return e.count ?? 0;
}

/** SET2's [:upper:] and [:lower:] must stand where SET1 has the other case (`tr '[:lower:]' '[:upper:]'`). */
function checkClasses(set1: readonly Element[], set2: readonly Element[]): void {
  let at = 0;
  for (const e of set2) {
    if (e.kind === "class") {
      if (e.name !== "upper" && e.name !== "lower") {
        throw new SetError("the only character classes that may appear in string2 are 'upper' and 'lower'");
      }
      let offset = 0;
      const partner = set1.find((p) => {
        const here = offset;
        offset += size(p);
        return here === at && p.kind === "class" && (p.name === "upper" || p.name === "lower");
      });
      if (!partner) throw new SetError("misaligned [:upper:] and/or [:lower:] construct");
    }
    at += size(e);
  }
}

interface Plan {
  /** byte → replacement (translate), or undefined to keep it. */
  map?: Map<number, number>;
  remove?: Set<number>;
  squeeze?: Set<number>;
}

function usage(ctx: ToolContext, message: string): number {
  ctx.stderr(`tr: ${message}\nTry 'tr --help' for more information.\n`);
  return 1;
}

function plan(ctx: ToolContext, flags: Set<string>, operands: string[]): Plan | number {
  const complement = flags.has("c") || flags.has("C");
  const remove = flags.has("d");
  const squeeze = flags.has("s");
  const translating = !remove && operands.length >= 2;
  const need = remove && squeeze ? 2 : remove || (squeeze && operands.length < 2) ? 1 : 2;
  if (operands.length === 0) return usage(ctx, "missing operand");
  if (operands.length < need) {
    const why = remove
      ? "Two strings must be given when both deleting and squeezing repeats."
      : "Two strings must be given when translating.";
    return usage(ctx, `missing operand after '${operands[operands.length - 1]}'\n${why}`);
  }
  if (operands.length > need) {
    const why =
      need === 1
        ? remove
          ? "\nOnly one string may be given when deleting without squeezing repeats."
          : ""
        : "";
    return usage(ctx, `extra operand '${operands[need]}'${why}`);
  }
  const elements1 = parse(ctx, operands[0]!, false);
  const elements2 = operands[1] === undefined ? undefined : parse(ctx, operands[1], true);
  let set1 = expand(elements1);
  if (complement) {
    const present = new Set(set1);
    set1 = ALL_BYTES.filter((b) => !present.has(b));
  }
  if (!translating) {
    const result: Plan = {};
    if (remove) result.remove = new Set(set1);
    if (squeeze) result.squeeze = new Set(remove ? expand(elements2!) : set1);
    return result;
  }
  if (!complement) checkClasses(elements1, elements2!);
  let set2 = expand(elements2!, set1.length);
  if (flags.has("t")) set1 = set1.slice(0, set2.length);
  else if (set2.length === 0 && set1.length > 0) {
    ctx.stderr("tr: when not truncating set1, string2 must be non-empty\n");
    return 1;
  }
  // SET2 is padded with its last byte to SET1's length.
  if (set2.length < set1.length)
    set2 = [...set2, ...Array<number>(set1.length - set2.length).fill(set2[set2.length - 1]!)];
  const map = new Map<number, number>();
  // A byte SET1 names twice maps to its last partner, as in GNU tr.
  for (const [i, b] of set1.entries()) map.set(b, set2[i]!);
  return { map, ...(squeeze ? { squeeze: new Set(set2) } : {}) };
}

export const tr: Tool = streaming(async (ctx) => {
  const options = getopt(ctx, {
    flags: "cCdst",
    long: { complement: "c", delete: "d", "squeeze-repeats": "s", "truncate-set1": "t" },
  });
  if (typeof options === "number") return options;
  let how: Plan | number;
  try {
    how = plan(ctx, options.flags, options.operands);
  } catch (error) {
    if (!(error instanceof SetError)) throw error;
    ctx.stderr(`tr: ${error.message}\n`);
    return 1;
  }
  if (typeof how === "number") return how;
  const { map, remove, squeeze } = how;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let previous = -1;
  const convert = (text: string) => {
    const out: number[] = [];
    for (const byte of encoder.encode(text)) {
      if (remove?.has(byte)) continue;
      const b = map?.get(byte) ?? byte;
      if (squeeze?.has(b) && b === previous) continue;
      previous = b;
      out.push(b);
    }
    return decoder.decode(new Uint8Array(out), { stream: true });
  };
  if (ctx.stdinPipe) {
    for (let chunk = await ctx.stdinPipe.next(); chunk !== undefined; chunk = await ctx.stdinPipe.next()) {
      ctx.stdout(convert(chunk));
    }
  } else ctx.stdout(convert(ctx.stdin));
  ctx.stdout(decoder.decode());
  return 0;
});
