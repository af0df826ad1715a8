import type { TreeNode } from "../fs/file-tree.ts";
import type { Tool, ToolContext } from "../shell/interpreter.ts";
import { getopt } from "./getopt.ts";
import { isBusybox } from "./io.ts";

/** Terminal width ls lays columns out for when COLUMNS is not set (xterm's default). */
const DEFAULT_COLUMNS = 80;
const BLOCK = 4096;
const SIX_MONTHS_MS = (365.2425 / 2) * 24 * 3600 * 1000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Entry {
  name: string;
  node: TreeNode;
}

/**
 * `ls [-laA1dh] [FILE]...` as GNU ls prints it in the C locale: columns (with GNU's tab padding)
 * on a terminal, one name per line into a pipe or file, `-l` long listing with `total`.
 */
export const ls: Tool = async (ctx) => {
  const options = getopt(
    ctx,
    { flags: "laA1dhCtrF", long: { all: "a", "almost-all": "A", directory: "d", "human-readable": "h" } },
    2,
  );
  if (typeof options === "number") return options;
  const { flags } = options;
  const operands = options.operands.length > 0 ? options.operands : ["."];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const name of operands) {
    const node = ctx.shell.fs.stat(ctx.shell.resolve(name));
    if (!node) {
      ctx.stderr(
        isBusybox(ctx)
          ? `ls: ${name}: No such file or directory\n`
          : `ls: cannot access '${name}': No such file or directory\n`,
      );
      // GNU ls exits 2 for an operand it cannot access; BusyBox's ls exits 1.
      status = isBusybox(ctx) ? 1 : 2;
    } else if (node.type === "dir" && !flags.has("d")) dirs.push({ name, node });
    else files.push({ name, node });
  }
  const blocks: string[] = [];
  if (files.length > 0) blocks.push(render(ctx, sortEntries(files, flags), flags, false));
  for (const dir of sortEntries(dirs, flags)) {
    const entries = dirEntries(dir.node, flags);
    const body = render(ctx, entries, flags, true);
    blocks.push(operands.length > 1 ? `${dir.name}:\n${body}` : body);
  }
  ctx.stdout(blocks.join("\n"));
  return status;
};

function dirEntries(dir: TreeNode, flags: Set<string>): Entry[] {
  if (dir.type !== "dir") return [];
  const entries: Entry[] = [];
  if (flags.has("a")) entries.push({ name: ".", node: dir }, { name: "..", node: dir });
  for (const [name, node] of Object.entries(dir.children)) {
    if (name.startsWith(".") && !flags.has("a") && !flags.has("A")) continue;
    entries.push({ name, node });
  }
  return sortEntries(entries, flags);
}

function sortEntries(entries: Entry[], flags: Set<string>): Entry[] {
  const sorted = [...entries].sort((a, b) =>
    flags.has("t") ? b.node.mtime - a.node.mtime || compare(a.name, b.name) : compare(a.name, b.name),
  );
  return flags.has("r") ? sorted.reverse() : sorted;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function render(ctx: ToolContext, entries: Entry[], flags: Set<string>, isDir: boolean): string {
  const names = entries.map((e) => e.name + (flags.has("F") && e.node.type === "dir" ? "/" : ""));
  if (flags.has("l")) return longListing(ctx, entries, names, flags, isDir);
  if (entries.length === 0) return "";
  const columns = !flags.has("1") && (flags.has("C") || ctx.stdoutIsTerminal);
  if (!columns) return names.map((n) => `${n}\n`).join("");
  const width = Number(ctx.environ.COLUMNS) || DEFAULT_COLUMNS;
  return inColumns(names, width, !isBusybox(ctx));
}

/**
 * GNU ls's vertical columns (calculate_columns / print_many_per_line): the most columns whose
 * widths (longest name + 2, the last without the 2) stay under the line width; padding uses tabs
 * where a tab stop fits, as `ls` does with its default tab size of 8.
 */
export function inColumns(names: readonly string[], lineWidth: number, tabs = true): string {
  const n = names.length;
  const maxCols = Math.max(1, Math.min(Math.floor(lineWidth / 3), n));
  let chosen = { cols: 1, widths: [Math.max(...names.map((s) => s.length))] };
  for (let cols = maxCols; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(0);
    names.forEach((name, i) => {
      const col = Math.floor(i / rows);
      widths[col] = Math.max(widths[col]!, name.length + (col === cols - 1 ? 0 : 2));
    });
    if (cols === 1 || widths.reduce((a, b) => a + b, 0) < lineWidth) {
      chosen = { cols, widths };
      break;
    }
  }
  const rows = Math.ceil(n / chosen.cols);
  let out = "";
  for (let row = 0; row < rows; row++) {
    let pos = 0;
    for (let i = row, col = 0; i < n; i += rows, col++) {
      const name = names[i]!;
      out += name;
      if (i + rows >= n) break;
      out += indent(pos + name.length, pos + chosen.widths[col]!, tabs);
      pos += chosen.widths[col]!;
    }
    out += "\n";
  }
  return out;
}

function indent(from: number, to: number, tabs: boolean): string {
  let out = "";
  while (from < to) {
    if (tabs && Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      out += "\t";
      from += 8 - (from % 8);
    } else {
      out += " ";
      from += 1;
    }
  }
  return out;
}

function longListing(
  ctx: ToolContext,
  entries: Entry[],
  names: string[],
  flags: Set<string>,
  isDir: boolean,
): string {
  const owner = ctx.shell.vars.get("USER") ?? "root";
  const now = ctx.shell.now();
  const rows = entries.map((e, i) => {
    const size = e.node.type === "dir" ? BLOCK : new TextEncoder().encode(e.node.content).length;
    const links =
      e.node.type === "dir" ? 2 + Object.values(e.node.children).filter((c) => c.type === "dir").length : 1;
    return {
      mode: modeString(e.node),
      links: String(links),
      size: flags.has("h") ? human(size) : String(size),
      blocks: e.node.type === "dir" ? 4 : Math.ceil(size / BLOCK) * 4,
      date: lsDate(e.node.mtime, now),
      name: names[i]!,
    };
  });
  const w = (key: "links" | "size") => Math.max(0, ...rows.map((r) => r[key].length));
  const total = rows.reduce((sum, r) => sum + r.blocks, 0);
  const head = isDir ? `total ${flags.has("h") ? human(total * 1024) : total}\n` : "";
  // BusyBox prints fixed widths (ls.c: "%-10s %4lu %-8.8s %-8.8s %9lu "); GNU aligns each column.
  const line = isBusybox(ctx)
    ? (r: (typeof rows)[number]) =>
        `${r.mode.padEnd(10)} ${r.links.padStart(4)} ${owner.slice(0, 8).padEnd(8)} ${owner.slice(0, 8).padEnd(8)} ${r.size.padStart(9)} ${r.date} ${r.name}\n`
    : (r: (typeof rows)[number]) =>
        `${r.mode} ${r.links.padStart(w("links"))} ${owner} ${owner} ${r.size.padStart(w("size"))} ${r.date} ${r.name}\n`;
  return head + rows.map(line).join("");
}

function modeString(node: TreeNode): string {
  const bits = "rwxrwxrwx";
  let out = node.type === "dir" ? "d" : "-";
  for (let i = 0; i < 9; i++) out += node.mode & (1 << (8 - i)) ? bits[i] : "-";
  return out;
}

/** `Jan  1 00:00` for the last six months, `Jan  1  2025` otherwise (GNU's two formats). */
export function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime);
  const day = String(d.getUTCDate()).padStart(2, " ");
  const recent = now - mtime < SIX_MONTHS_MS && mtime <= now + 60_000;
  const tail = recent
    ? `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`
    : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

/** `-h` sizes: 4.0K, 12K, 1.5M (one decimal below 10, rounded up, as GNU does). */
function human(bytes: number): string {
  const units = ["K", "M", "G", "T"];
  if (bytes < 1024) return String(bytes);
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value));
  return `${text}${units[unit]}`;
}
