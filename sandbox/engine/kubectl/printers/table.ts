/**
 * One table as cli-runtime's tableprinter decorates it: an optional NAMESPACE column first, the
 * kind's columns (wide ones with -o wide), one column per -L key, LABELS with --show-labels, and
 * kind-prefixed names when several types are printed. Custom columns replace the kind's columns.
 */
import type { ResourceType } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { kindPrefix } from "../resources.ts";
import { type CustomColumn, customColumnCells } from "./custom-columns.ts";
import { printerFor } from "./registry.ts";
import { alignColumns } from "./tabwriter.ts";
import { escapeTerminal } from "./terminal.ts";

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  labelColumns: readonly string[];
  customColumns: readonly CustomColumn[] | undefined;
  withKind: boolean;
  withNamespace: boolean;
  /** `--output-watch-events`: each row starts with ADDED / MODIFIED / DELETED. */
  watchEvent?: string;
}

/** tableprinter's formatEventType: the event types are padded to 8 characters. */
const WATCH_EVENT_CELLS: Record<string, string> = {
  ADDED: "ADDED   ",
  MODIFIED: "MODIFIED",
  DELETED: "DELETED ",
  ERROR: "ERROR   ",
};

/** The header cells of the table `tableRows` fills. */
export function tableHeader(type: ResourceType, options: TableOptions): string[] {
  const header: string[] = [];
  if (options.watchEvent !== undefined) header.push("EVENT");
  if (options.withNamespace) header.push("NAMESPACE");
  if (options.customColumns) return [...header, ...options.customColumns.map((c) => c.header)];
  const printer = printerFor(type.kind);
  if (options.wide && printer.wideHeader) header.push(...printer.wideHeader);
  else header.push(...printer.columns, ...(options.wide ? printer.wideColumns : []));
  for (const key of options.labelColumns) header.push(labelColumnHeader(key));
  if (options.showLabels) header.push("LABELS");
  return header;
}

/** The cells of one object's row, decorated like the header. */
export function tableRow(
  type: ResourceType,
  object: KubeObject,
  nowMs: number,
  options: TableOptions,
): string[] {
  const cells: string[] = [];
  if (options.watchEvent !== undefined)
    cells.push(WATCH_EVENT_CELLS[options.watchEvent] ?? options.watchEvent);
  if (options.withNamespace) cells.push(object.metadata.namespace ?? "");
  if (options.customColumns)
    return [...cells, ...customColumnCells(object, options.customColumns)].map(firstLine);
  const printer = printerFor(type.kind);
  const row = printer.row(object, nowMs, options.wide);
  if (options.withKind) {
    const nameIndex = printer.columns.indexOf("NAME");
    if (nameIndex >= 0) row[nameIndex] = `${kindPrefix(type)}/${row[nameIndex]}`;
  }
  cells.push(...row);
  const labels = object.metadata.labels ?? {};
  for (const key of options.labelColumns) cells.push(labels[key] ?? "");
  if (options.showLabels) cells.push(formatLabels(labels));
  return cells.map(firstLine);
}

/** The whole table as text; empty when there are no objects (no header either). */
export function tableFor(
  type: ResourceType,
  objects: readonly KubeObject[],
  nowMs: number,
  options: TableOptions,
): string {
  if (objects.length === 0) return "";
  const rows = objects.map((o) => tableRow(type, o, nowMs, options));
  return alignColumns(options.noHeaders ? rows : [tableHeader(type, options), ...rows]);
}

/** `k=v,k2=v2` with sorted keys, or `<none>` (labels.FormatLabels). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels![k]}`).join(",");
}

/** -L app.kubernetes.io/name → NAME: the upper-cased last path segment. */
function labelColumnHeader(key: string): string {
  return (key.split("/").at(-1) ?? key).toUpperCase();
}

/**
 * tableprinter's printRows: a cell is cut at its first form feed, newline or carriage return and
 * marked with "...", and written through printers.WriteEscaped (ESC as ^[: CVE-2021-25743).
 */
function firstLine(cell: string): string {
  const lineBreak = cell.search(/[\f\n\r]/);
  return lineBreak < 0 ? escapeTerminal(cell) : `${escapeTerminal(cell.slice(0, lineBreak))}...`;
}
