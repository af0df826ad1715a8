import type { KubeObject } from "../../cluster/types.ts";

/**
 * A kind's table as the server's printers.go defines it: column headers (already upper-cased, as
 * kubectl prints them), the priority-1 columns `-o wide` adds, and a row function.
 */
export interface KindPrinter {
  columns: readonly string[];
  wideColumns: readonly string[];
  /** When -o wide reorders rather than appends (events), the whole wide header. */
  wideHeader?: readonly string[];
  /** One row: the cells of `columns`, followed by those of `wideColumns` when `wide` (or `wideHeader`'s). */
  row(object: KubeObject, nowMs: number, wide: boolean): string[];
}
