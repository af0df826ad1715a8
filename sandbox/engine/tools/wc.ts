import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { readInputs } from "./io.ts";

/**
 * `wc [-lwc] [FILE]...`: lines, words, bytes. Like GNU wc, one count of one input is printed
 * bare; otherwise counts are right-aligned to the width of the largest file size (at least 7
 * when reading a pipe).
 */
export const wc: Tool = async (ctx) => {
  const options = getopt(ctx, { flags: "lwcm", long: { lines: "l", words: "w", bytes: "c", chars: "m" } });
  if (typeof options === "number") return options;
  const selected = ["l", "w", "c", "m"].filter((f) => options.flags.has(f));
  const which = selected.length > 0 ? selected : ["l", "w", "c"];
  const { inputs, ok } = readInputs(ctx, options.operands, (name, why) => `wc: ${name}: ${why}\n`);
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const rows = inputs.map((input) => ({
    name: input.name === "-" ? "" : input.name,
    counts: {
      l: (input.text.match(/\n/g) ?? []).length,
      w: input.text.split(/\s+/).filter(Boolean).length,
      c: bytes(input.text),
      m: [...input.text].length,
    } as Record<string, number>,
  }));
  if (rows.length > 1) {
    const sum: Record<string, number> = { l: 0, w: 0, c: 0, m: 0 };
    for (const r of rows) for (const k of Object.keys(sum)) sum[k]! += r.counts[k]!;
    rows.push({ name: "total", counts: sum });
  }
  const fromPipe = inputs.some((i) => i.name === "-");
  const sizes = inputs.filter((i) => i.name !== "-").reduce((s, i) => s + bytes(i.text), 0);
  const single = which.length === 1 && rows.length === 1;
  const width = single ? 0 : Math.max(String(sizes).length, fromPipe ? 7 : 1);
  for (const row of rows) {
    const cells = which.map((k) => String(row.counts[k]).padStart(width)).join(" ");
    ctx.stdout(row.name ? `${cells} ${row.name}\n` : `${cells}\n`);
  }
  return ok ? 0 : 1;
};
