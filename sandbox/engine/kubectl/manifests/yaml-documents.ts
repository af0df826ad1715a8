/**
 * Splitting a YAML stream into documents the way apimachinery's YAMLReader does: kubectl hands
 * each `---`-separated chunk to the YAML parser on its own, which is why parse errors count lines
 * from the start of the current document rather than the file.
 */

export type SplitResult = { ok: true; documents: string[] } | { ok: false; error: string };

const SEPARATOR = "---";

/**
 * A line starting with `---` ends the current document. Only spaces or a comment may follow it;
 * anything else (`--- foo`, `----`) is `invalid Yaml document separator: <rest>`. Empty chunks
 * (a leading `---`, two separators in a row) produce no document.
 */
export function splitYamlDocuments(text: string): SplitResult {
  const documents: string[] = [];
  let current = "";
  for (const line of splitLines(text)) {
    if (line.startsWith(SEPARATOR)) {
      const after = line.slice(SEPARATOR.length).trim();
      if (after.length > 0 && !after.startsWith("#")) {
        return { ok: false, error: `invalid Yaml document separator: ${after}` };
      }
      if (current.length > 0) documents.push(current);
      current = "";
      continue;
    }
    current += line;
  }
  if (current.length > 0) documents.push(current);
  return { ok: true, documents };
}

/**
 * Lines ending in `\n`, as bufio's ReadLine hands them over: a CRLF ending becomes LF and a last
 * line without a terminator gets one.
 */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const line = end < 0 ? text.slice(start) : text.slice(start, end);
    lines.push(`${line.endsWith("\r") ? line.slice(0, -1) : line}\n`);
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}
