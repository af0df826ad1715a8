/**
 * `md5sum` and `sha256sum [-b] [--tag] [-c [--quiet|--status] [-w]] [FILE]...`, as GNU coreutils
 * 9.1 prints them: `HASH  NAME` per file (text mode; `*NAME` with -b), BSD's `MD5 (NAME) = HASH`
 * with --tag, and -c checking a list of either. Files are hashed as their UTF-8 bytes, with
 * @noble/hashes.
 */
import { md5 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox, lines, reason } from "./io.ts";

interface Algorithm {
  program: string;
  /** The name --tag writes and -c reads. */
  tag: string;
  hash: (bytes: Uint8Array) => Uint8Array;
  /** Hex digits in a digest. */
  length: number;
}

const MD5: Algorithm = { program: "md5sum", tag: "MD5", hash: md5, length: 32 };
const SHA256: Algorithm = { program: "sha256sum", tag: "SHA256", hash: sha256, length: 64 };

/** A file's (or stdin's, for `-`) digest in hex, or why it could not be read. */
function digest(ctx: ToolContext, algorithm: Algorithm, name: string): { hex: string } | { error: string } {
  let text: string;
  if (name === "-") text = ctx.stdin;
  else {
    const path = ctx.shell.resolve(name);
    try {
      text = path === "/dev/null" ? "" : ctx.shell.fs.readFile(path);
    } catch (error) {
      return { error: reason(error) };
    }
  }
  return { hex: bytesToHex(algorithm.hash(new TextEncoder().encode(text))) };
}

function cannotRead(ctx: ToolContext, algorithm: Algorithm, name: string, why: string): string {
  return isBusybox(ctx)
    ? `${algorithm.program}: can't open '${name}': ${why}\n`
    : `${algorithm.program}: ${name}: ${why}\n`;
}

function checksumTool(algorithm: Algorithm): Tool {
  return async (ctx) => {
    const options = getopt(ctx, {
      flags: "bctwz",
      long: {
        binary: "b",
        check: "c",
        text: "t",
        tag: "T",
        quiet: "Q",
        status: "S",
        warn: "w",
        zero: "z",
        strict: "X",
      },
    });
    if (typeof options === "number") return options;
    const names = options.operands.length === 0 ? ["-"] : options.operands;
    if (options.flags.has("c")) return check(ctx, algorithm, names, options.flags);
    let status = 0;
    for (const name of names) {
      const result = digest(ctx, algorithm, name);
      if ("error" in result) {
        ctx.stderr(cannotRead(ctx, algorithm, name, result.error));
        status = 1;
      } else if (options.flags.has("T")) ctx.stdout(`${algorithm.tag} (${name}) = ${result.hex}\n`);
      else ctx.stdout(`${result.hex} ${options.flags.has("b") ? "*" : " "}${name}\n`);
    }
    return status;
  };
}

/** `-c LIST...`: checks each listed file against its digest. */
function check(ctx: ToolContext, algorithm: Algorithm, lists: string[], flags: Set<string>): number {
  const { program, tag, length } = algorithm;
  const plain = new RegExp(`^([0-9a-fA-F]{${length}}) [ *](.+)$`);
  const bsd = new RegExp(`^${tag} \\((.+)\\) = ([0-9a-fA-F]{${length}})$`);
  const quiet = flags.has("Q") || flags.has("S");
  const say = (text: string) => {
    if (!flags.has("S")) ctx.stdout(text);
  };
  let status = 0;
  for (const list of lists) {
    let text: string;
    if (list === "-") text = ctx.stdin;
    else {
      try {
        text = ctx.shell.fs.readFile(ctx.shell.resolve(list));
      } catch (error) {
        ctx.stderr(cannotRead(ctx, algorithm, list, reason(error)));
        status = 1;
        continue;
      }
    }
    let good = 0;
    let mismatched = 0;
    let unreadable = 0;
    let malformed = 0;
    for (const [i, line] of lines(text).entries()) {
      const plainMatch = plain.exec(line);
      const bsdMatch = plainMatch ? null : bsd.exec(line);
      const expected = plainMatch?.[1] ?? bsdMatch?.[2];
      const name = plainMatch?.[2] ?? bsdMatch?.[1];
      if (expected === undefined || name === undefined) {
        malformed++;
        if (flags.has("w")) {
          const shown = list === "-" ? "standard input" : list;
          ctx.stderr(`${program}: ${shown}: ${i + 1}: improperly formatted ${tag} checksum line\n`);
        }
        continue;
      }
      const result = digest(ctx, algorithm, name);
      if ("error" in result) {
        ctx.stderr(cannotRead(ctx, algorithm, name, result.error));
        say(`${name}: FAILED open or read\n`);
        unreadable++;
      } else if (result.hex !== expected.toLowerCase()) {
        say(`${name}: FAILED\n`);
        mismatched++;
      } else {
        good++;
        if (!quiet) say(`${name}: OK\n`);
      }
    }
    if (good + mismatched + unreadable === 0) {
      const shown = list === "-" ? "'standard input'" : list;
      ctx.stderr(`${program}: ${shown}: no properly formatted checksum lines found\n`);
      status = 1;
      continue;
    }
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    if (!flags.has("S")) {
      if (malformed > 0) {
        ctx.stderr(
          `${program}: WARNING: ${plural(malformed, "line is", "lines are")} improperly formatted\n`,
        );
      }
      if (unreadable > 0) {
        ctx.stderr(
          `${program}: WARNING: ${plural(unreadable, "listed file", "listed files")} could not be read\n`,
        );
      }
      if (mismatched > 0) {
        ctx.stderr(
          `${program}: WARNING: ${plural(mismatched, "computed checksum", "computed checksums")} did NOT match\n`,
        );
      }
    }
    if (mismatched > 0 || unreadable > 0) status = 1;
  }
  return status;
}

export const md5sum: Tool = checksumTool(MD5);
export const sha256sum: Tool = checksumTool(SHA256);
