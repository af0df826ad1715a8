/**
 * `base64 [-d [-i]] [-w COLS] [FILE]`, as GNU coreutils 9.1 runs it: encoding wraps at 76 columns;
 * decoding (`kubectl get secret … -o jsonpath='{.data.password}' | base64 -d`) ignores newlines,
 * prints what decoded before anything invalid, then says "invalid input" and exits 1. Both read
 * stdin as it arrives, so each quantum is printed as soon as it is complete.
 */
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { getopt } from "./getopt.ts";
import { readInputs } from "./io.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

function usage(ctx: ToolContext, message: string): number {
  ctx.stderr(`base64: ${message}\nTry 'base64 --help' for more information.\n`);
  return 1;
}

export const base64: Tool = streaming(async (ctx) => {
  const options = getopt(ctx, {
    flags: "di",
    values: "w",
    long: { decode: "d", "ignore-garbage": "i", wrap: "w" },
  });
  if (typeof options === "number") return options;
  if (options.operands.length > 1) return usage(ctx, `extra operand '${options.operands[1]}'`);
  const wrapText = options.values.get("w") ?? "76";
  if (!/^\d+$/.test(wrapText)) {
    ctx.stderr(`base64: invalid wrap size: '${wrapText}'\n`);
    return 1;
  }
  const name = options.operands[0];
  if (name !== undefined && name !== "-" && ctx.shell.fs.stat(ctx.shell.resolve(name))?.type === "dir") {
    ctx.stderr("base64: read error: Is a directory\n");
    return 1;
  }
  const { inputs, ok } = readInputs(ctx, options.operands, (file, why) => `base64: ${file}: ${why}\n`);
  const input = inputs[0];
  if (!ok || !input) return 1;
  const coder = options.flags.has("d")
    ? decoder(ctx, options.flags.has("i"))
    : encoder(ctx, Number(wrapText));
  if (input.pipe) {
    for (let chunk = await input.pipe.next(); chunk !== undefined; chunk = await input.pipe.next()) {
      if (!coder.push(chunk)) return 1;
    }
  } else if (!coder.push(input.text)) return 1;
  return coder.end() ? 0 : 1;
});

interface Coder {
  /** Takes more input; false once the input proved invalid (decoding). */
  push(text: string): boolean;
  /** The end of the input: flushes what is left; false if that was invalid. */
  end(): boolean;
}

function encoder(ctx: ToolContext, wrap: number): Coder {
  const utf8 = new TextEncoder();
  let pending: number[] = [];
  let column = 0;
  const emit = (text: string) => {
    if (wrap === 0) return ctx.stdout(text);
    let out = "";
    for (const ch of text) {
      out += ch;
      if (++column === wrap) {
        out += "\n";
        column = 0;
      }
    }
    ctx.stdout(out);
  };
  return {
    push(text) {
      pending.push(...utf8.encode(text));
      const whole = pending.length - (pending.length % 3);
      emit(encode(pending.slice(0, whole)));
      pending = pending.slice(whole);
      return true;
    },
    end() {
      emit(encode(pending));
      if (wrap > 0 && column > 0) ctx.stdout("\n");
      return true;
    },
  };
}

function encode(bytes: readonly number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? "=" : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? "=" : ALPHABET[c & 63]!;
  }
  return out;
}

/**
 * GNU's decoder: newlines are skipped (with -i anything outside the alphabet is); each group of
 * four gives up to three bytes, `=` padding ending a group; an invalid group or a short last one
 * stops decoding after the bytes it still yields.
 */
function decoder(ctx: ToolContext, ignoreGarbage: boolean): Coder {
  const text = new TextDecoder();
  let group = "";
  let failed = false;
  const out = (bytes: number[]) => ctx.stdout(text.decode(new Uint8Array(bytes), { stream: true }));
  const fail = (bytes: number[]) => {
    out(bytes);
    ctx.stdout(text.decode());
    ctx.stderr("base64: invalid input\n");
    failed = true;
    return false;
  };
  /** The bytes of a group of up to four characters, and whether it was valid. */
  const decodeGroup = (chars: string): { bytes: number[]; valid: boolean } => {
    const pad = chars.indexOf("=");
    const data = pad < 0 ? chars : chars.slice(0, pad);
    if (![...data].every((c) => VALUE.has(c))) return { bytes: [], valid: false };
    const valid = chars.length === 4 && (pad < 0 || (data.length >= 2 && /^=+$/.test(chars.slice(pad))));
    const v = [...data].map((c) => VALUE.get(c)!);
    const bytes: number[] = [];
    if (v.length >= 2) bytes.push(((v[0]! << 2) | (v[1]! >> 4)) & 255);
    if (v.length >= 3) bytes.push(((v[1]! << 4) | (v[2]! >> 2)) & 255);
    if (v.length >= 4) bytes.push(((v[2]! << 6) | v[3]!) & 255);
    return { bytes, valid };
  };
  return {
    push(chunk) {
      if (failed) return false;
      const bytes: number[] = [];
      for (const c of chunk) {
        if (c === "\n" || (ignoreGarbage && !VALUE.has(c) && c !== "=")) continue;
        group += c;
        if (group.length < 4) continue;
        const decoded = decodeGroup(group);
        group = "";
        if (!decoded.valid) return fail(bytes);
        bytes.push(...decoded.bytes);
      }
      out(bytes);
      return true;
    },
    end() {
      if (failed) return false;
      if (group === "") {
        ctx.stdout(text.decode());
        return true;
      }
      return fail(decodeGroup(group).bytes);
    },
  };
}
