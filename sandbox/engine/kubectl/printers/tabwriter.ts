/**
 * kubectl aligns tables with Go's text/tabwriter set to minwidth 6, tabwidth 4, padding 3,
 * padchar ' ': every column but the last is padded to max(widest cell + 3, 6); the last column
 * is never padded, so no line has trailing spaces. Widths count characters (runes), not bytes.
 */
export function alignColumns(rows: readonly (readonly string[])[]): string {
  return new TableWriter().write(rows);
}

/**
 * cli-runtime's tabwriter with RememberWidths: a watch flushes after every event, and each flush
 * keeps the widths earlier flushes used (growing them when a wider cell arrives), so rows printed
 * later stay aligned with the header printed first.
 */
export class TableWriter {
  readonly #widths: number[] = [];

  write(rows: readonly (readonly string[])[]): string {
    const widths = [...this.#widths];
    for (const row of rows) {
      row.forEach((cell, i) => {
        if (i === row.length - 1) return;
        widths[i] = Math.max(widths[i] ?? 0, runeLength(cell) + 3, 6);
      });
    }
    widths.forEach((w, i) => {
      this.#widths[i] = w;
    });
    return rows
      .map((row) =>
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i]! - runeLength(cell))))
          .join(""),
      )
      .map((line) => `${line}\n`)
      .join("");
  }
}

function runeLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
