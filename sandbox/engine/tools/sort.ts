import type { Tool } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { lines, readInputs, unlines } from "./io.ts";

/** `sort [-nruf] [-k N[,M]] [-t SEP] [FILE]...` in the C locale (byte order). */
export const sort: Tool = async (ctx) => {
  const options = getopt(
    ctx,
    { flags: "nrufbhV", values: "kto", long: { "numeric-sort": "n", reverse: "r", unique: "u", key: "k" } },
    2,
  );
  if (typeof options === "number") return options;
  const { flags, values } = options;
  const { inputs, ok } = readInputs(
    ctx,
    options.operands,
    (name, why) => `sort: cannot read: ${name}: ${why}\n`,
  );
  if (!ok) return 2;
  const separator = values.get("t");
  const keySpec = /^(\d+)(?:\.\d+)?[a-z]*(?:,(\d+)(?:\.\d+)?[a-z]*)?$/.exec(values.get("k") ?? "");
  if (values.has("k") && !keySpec) {
    ctx.stderr(`sort: invalid number at field start: invalid count at start of '${values.get("k")}'\n`);
    return 2;
  }
  const key = (line: string): string => {
    if (!keySpec) return line;
    const start = Number(keySpec[1]) - 1;
    const end = keySpec[2] ? Number(keySpec[2]) : undefined;
    if (separator !== undefined) return line.split(separator).slice(start, end).join(separator);
    // Without -t, fields are runs of blanks followed by non-blanks; the key keeps its leading blanks.
    const fields = line.match(/\s*\S+/g) ?? [];
    return fields.slice(start, end).join("");
  };
  const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const fold = (s: string) => (flags.has("f") ? s.toUpperCase() : s);
  const numeric = flags.has("n") || flags.has("h");
  const compareKeys = (a: string, b: string) => {
    if (numeric) {
      const d = (Number.parseFloat(a) || 0) - (Number.parseFloat(b) || 0);
      if (d !== 0) return d;
      return 0;
    }
    if (flags.has("V")) return a.localeCompare(b, "en", { numeric: true });
    return byteCompare(fold(flags.has("b") ? a.trimStart() : a), fold(flags.has("b") ? b.trimStart() : b));
  };
  const all = inputs.flatMap((i) => lines(i.text));
  const sorted = all.sort((a, b) => {
    const primary = compareKeys(key(a), key(b));
    const result = primary !== 0 || flags.has("u") ? primary : byteCompare(a, b);
    return flags.has("r") ? -result : result;
  });
  const unique = flags.has("u")
    ? sorted.filter((l, i) => i === 0 || compareKeys(key(sorted[i - 1]!), key(l)) !== 0)
    : sorted;
  ctx.stdout(unlines(unique));
  return 0;
};
