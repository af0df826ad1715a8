/**
 * describe's output path: a PrefixWriter (two spaces per level) feeding Go's text/tabwriter with
 * minwidth 0, tabwidth 8, padding 2, padchar ' '. This is a port of tabwriter's column-block
 * algorithm: consecutive lines that have a cell in column k share that column's width, and a line
 * with fewer cells ends the block, so `Containers:` (no tab) starts a fresh alignment below it.
 */

const PADDING = 2;

/** Aligns tab-separated text exactly as Go's tabwriter.NewWriter(out, 0, 8, 2, ' ', 0) would. */
export function formatTabbed(text: string): string {
  if (text === "") return "";
  const lines = text.split("\n");
  const trailingNewline = lines.at(-1) === "";
  if (trailingNewline) lines.pop();
  const cells = lines.map((line) => line.split("\t"));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = cells[i]!;
      let text = "";
      line.forEach((cell, j) => {
        if (j < widths.length && j < line.length - 1)
          text += cell + " ".repeat(widths[j]! - runeLength(cell));
        else text += cell;
      });
      out.push(text);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= cells[current]!.length - 1) continue;
      writeLines(start, current);
      start = current;
      let width = 0;
      let end = current;
      for (; end < line1; end++) {
        const line = cells[end]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, runeLength(line[column]!) + PADDING);
      }
      widths.push(width);
      format(start, end);
      widths.pop();
      start = end;
      current = end - 1;
    }
    writeLines(start, line1);
  };

  format(0, cells.length);
  return out.join("\n") + (trailingNewline ? "\n" : "");
}

function runeLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** kubectl's PrefixWriter: `write(level, text)` indents by two spaces per level. */
export class PrefixWriter {
  #text = "";

  write(level: number, text: string): void {
    this.#text += "  ".repeat(level) + text;
  }

  /** fmt.Sprintln: the text and a newline, no indentation. */
  line(text: string): void {
    this.#text += `${text}\n`;
  }

  /** The aligned result. */
  toString(): string {
    return formatTabbed(this.#text);
  }
}
