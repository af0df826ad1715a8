import type { Tool } from "../shell/interpreter.ts";
import { streaming } from "../shell/pipe.ts";
import { getopt } from "./getopt.ts";
import { inputLines, readInputs } from "./io.ts";

/** Parses a cut list such as `1`, `1,3`, `2-`, `-3` into a membership test (1-based). */
function parseList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const piece of list.split(",")) {
    const match = /^(\d*)(-?)(\d*)$/.exec(piece);
    if (!match || (match[1] === "" && match[3] === "") || match[1] === "0") return undefined;
    const from = match[1] ? Number(match[1]) : 1;
    const to = match[2] ? (match[3] ? Number(match[3]) : Number.POSITIVE_INFINITY) : from;
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

/** `cut -d DELIM -f LIST [FILE]...` and `cut -c LIST`. */
export const cut: Tool = streaming(async (ctx) => {
  const options = getopt(ctx, {
    flags: "s",
    values: "dfcb",
    long: { delimiter: "d", fields: "f", characters: "c" },
  });
  if (typeof options === "number") return options;
  const { values } = options;
  const listText = values.get("f") ?? values.get("c") ?? values.get("b");
  if (listText === undefined) {
    ctx.stderr(
      "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n",
    );
    return 1;
  }
  const inList = parseList(listText);
  if (!inList) {
    ctx.stderr(`cut: invalid field value '${listText}'\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  const delimiter = values.get("d") ?? "\t";
  if (delimiter.length !== 1) {
    ctx.stderr("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const { inputs, ok } = readInputs(ctx, options.operands, (name, why) => `cut: ${name}: ${why}\n`);
  for (const input of inputs) {
    for await (const line of inputLines(input)) {
      if (!values.has("f")) {
        ctx.stdout(`${[...line].filter((_, i) => inList(i + 1)).join("")}\n`);
        continue;
      }
      if (!line.includes(delimiter)) {
        if (!options.flags.has("s")) ctx.stdout(`${line}\n`);
        continue;
      }
      ctx.stdout(
        `${line
          .split(delimiter)
          .filter((_, i) => inList(i + 1))
          .join(delimiter)}\n`,
      );
    }
  }
  return ok ? 0 : 1;
});
