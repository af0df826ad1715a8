/** -o custom-columns=HEADER:.path,... (cli-runtime's custom_column_printer). */
import type { KubeObject } from "../../cluster/types.ts";
import { evaluatePath, formatValue, JsonPathError, parseJsonPath, relaxed } from "../jsonpath.ts";

export interface CustomColumn {
  header: string;
  path: string;
}

/** Parses the spec after `custom-columns=`; the error text is kubectl's. */
export function parseCustomColumns(spec: string): CustomColumn[] | { error: string } {
  if (spec.length === 0) {
    return { error: "custom-columns format specified but no custom columns given" };
  }
  const columns: CustomColumn[] = [];
  for (const part of spec.split(",")) {
    const colon = part.indexOf(":");
    if (colon < 0 || part.indexOf(":", colon + 1) >= 0) {
      return { error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    }
    const path = part.slice(colon + 1);
    try {
      parseJsonPath(relaxed(path));
    } catch (error) {
      if (error instanceof JsonPathError) return { error: error.message };
      throw error;
    }
    columns.push({ header: part.slice(0, colon), path });
  }
  return columns;
}

/** The cells for one object: values joined by commas, `<none>` when the path finds nothing. */
export function customColumnCells(object: KubeObject, columns: readonly CustomColumn[]): string[] {
  return columns.map((column) => {
    const values = evaluatePath(column.path, object).filter((v) => v !== undefined);
    return values.length === 0 ? "<none>" : values.map(formatValue).join(",");
  });
}
