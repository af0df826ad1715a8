/**
 * Redraws the prompt and the line being edited, wrapping across terminal rows correctly.
 * Pure: returns the escape sequence to write, given where the cursor was left last time.
 */
export interface RenderState {
  /** Visible width of the prompt, in cells. */
  promptWidth: number;
  /** Cell offset of the cursor from the start of the prompt after the last render. */
  cursorCell: number;
}

export function renderLine(
  prompt: string,
  promptWidth: number,
  buffer: string,
  cursor: number,
  cols: number,
  previousCursorCell: number,
): { output: string; cursorCell: number } {
  const width = Math.max(1, cols);
  let out = "";
  const rowsUp = Math.floor(previousCursorCell / width);
  if (rowsUp > 0) out += `\x1b[${rowsUp}A`;
  out += "\r\x1b[J";
  out += prompt + buffer;
  const end = promptWidth + Array.from(buffer).length;
  // At an exact multiple of the width the cursor sits in the "pending wrap" state; writing a space
  // and a carriage return puts it, unambiguously, at the start of the next row.
  if (end > 0 && end % width === 0) out += " \r";
  const target = promptWidth + cursor;
  const endRow = Math.floor(end / width);
  const targetRow = Math.floor(target / width);
  if (endRow > targetRow) out += `\x1b[${endRow - targetRow}A`;
  const col = target % width;
  if (!out.endsWith("\r")) out += "\r";
  if (col > 0) out += `\x1b[${col}C`;
  return { output: out, cursorCell: target };
}
