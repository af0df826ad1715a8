/**
 * Test-only: the kubectl harness drives kubectl without the shell, so it needs argv from a line
 * (the shell itself parses with sandbox/engine/shell/parser.ts).
 *
 * Splits a command line into words the way bash does for the simple cases: whitespace separates,
 * single quotes keep everything literally, double quotes keep spaces and honour \" and \\,
 * a backslash outside quotes escapes the next character, and `#` at the start of a word begins a
 * comment. Returns an error message for an unterminated quote.
 */
export function splitWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: "unexpected EOF while looking for matching `''" };
      current += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && (line[j + 1] === '"' || line[j + 1] === "\\" || line[j + 1] === "$")) j++;
        current += line[j];
      }
      if (j >= line.length) return { error: "unexpected EOF while looking for matching `\"'" };
      i = j;
      inWord = true;
    } else if (ch === "\\") {
      if (i + 1 < line.length) current += line[++i];
      inWord = true;
    } else if (ch === " " || ch === "\t") {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else if (ch === "#" && !inWord) {
      break;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return { words };
}
