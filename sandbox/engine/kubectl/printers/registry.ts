import { DEFAULT_PRINTER } from "./default.ts";
import { NODE_PRINTER } from "./node.ts";
import type { KindPrinter } from "./types.ts";

/** Every kind's table printer, by Kind. Kinds missing here get the server's default table. */
const PRINTERS: Record<string, KindPrinter> = {
  Node: NODE_PRINTER,
};

export function printerFor(kind: string): KindPrinter {
  return Object.hasOwn(PRINTERS, kind) ? PRINTERS[kind]! : DEFAULT_PRINTER;
}
