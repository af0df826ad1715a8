import type { KindPrinter } from "./types.ts";

/** The server's default table for kinds without a printer: NAME and CREATED AT (RFC 3339 UTC). */
export const DEFAULT_PRINTER: KindPrinter = {
  columns: ["NAME", "CREATED AT"],
  wideColumns: [],
  row: (object) => [object.metadata.name, object.metadata.creationTimestamp ?? "<unknown>"],
};
