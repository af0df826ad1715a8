/**
 * What a Tab does with the engine's candidates, and how a listing of them looks: readline's
 * rules, pure so they are unit-tested without a browser.
 */
import type { Completion } from "../../protocol.ts";

export type CompletionOutcome =
  | { type: "insert"; text: string }
  | { type: "list"; items: string[] }
  | { type: "none" };

/**
 * One candidate replaces the word, followed by a space unless it ends a directory (`/`) or a
 * `--flag=`; several extend it to their longest common prefix; when that adds nothing, a second
 * Tab in a row lists them (bash rings the bell on the first).
 */
export function completionOutcome(
  before: string,
  completion: Completion,
  wasTab: boolean,
): CompletionOutcome {
  const { candidates, replaceFrom } = completion;
  const word = before.slice(replaceFrom);
  if (candidates.length === 0 || replaceFrom < 0 || replaceFrom > before.length) return { type: "none" };
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return { type: "insert", text: /[/=]$/.test(only) ? only : `${only} ` };
  }
  const common = commonPrefix(candidates);
  if (common.length > word.length && common.startsWith(word)) return { type: "insert", text: common };
  if (!wasTab) return { type: "none" };
  return { type: "list", items: completion.filenames ? candidates.map(shownFileName) : candidates };
}

/** A path as bash lists it: its last component (a directory keeps its slash), unescaped. */
function shownFileName(path: string): string {
  return path.replace(/^.*\/(?=[^/])/, "").replace(/\\(.)/g, "$1");
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? "";
  for (const word of words) {
    let i = 0;
    while (i < prefix.length && i < word.length && prefix[i] === word[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Never end in the middle of a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(prefix) ? prefix.slice(0, -1) : prefix;
}

/**
 * Items in columns, sorted down each column, as readline prints completions: every column as
 * wide as the longest item plus two spaces, as many columns as fit the terminal's width.
 */
export function formatColumns(items: readonly string[], cols: number): string[] {
  const longest = Math.max(0, ...items.map((item) => Array.from(item).length));
  const width = longest + 2;
  let perRow = Math.floor(Math.max(1, cols) / width);
  if (perRow !== 1 && perRow * width === cols) perRow--;
  perRow = Math.max(1, perRow);
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    let line = "";
    for (let column = 0; column < perRow; column++) {
      const item = items[column * rows + row];
      if (item === undefined) break;
      const last = (column + 1) * rows + row >= items.length;
      line += last ? item : item.padEnd(width - Array.from(item).length + item.length);
    }
    lines.push(line);
  }
  return lines;
}
