import type { FieldError } from "../../errors.ts";

/**
 * Field errors rendered the way apimachinery's field.Error does:
 * `<path>: <Type>[: <value>][: <detail>]`. Values are shown for Invalid, Unsupported, Duplicate
 * and Not found; strings Go-quoted, numbers and booleans bare, maps and lists as JSON (v1.34+).
 */
export type FieldErrorType =
  | "Required value"
  | "Forbidden"
  | "Too long"
  | "Invalid value"
  | "Unsupported value"
  | "Duplicate value"
  | "Not found"
  | "Internal error";

const VALUE_SHOWN = new Set<FieldErrorType>([
  "Invalid value",
  "Unsupported value",
  "Duplicate value",
  "Not found",
]);

/** Go's %q for the strings field errors quote (ASCII-faithful: JSON escaping matches for them). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, "\\x$1");
}

/** How a bad value is rendered inside a field error. */
export function renderValue(value: unknown): string {
  if (typeof value === "string") return goQuote(value);
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function fieldError(path: string, type: FieldErrorType, value?: unknown, detail?: string): FieldError {
  let body: string = type;
  if (VALUE_SHOWN.has(type)) body += `: ${renderValue(value)}`;
  if (detail) body += `: ${detail}`;
  return { field: path, type, message: `${path}: ${body}` };
}

export const required = (path: string, detail?: string) =>
  fieldError(path, "Required value", undefined, detail);
export const forbidden = (path: string, detail?: string) => fieldError(path, "Forbidden", undefined, detail);
export const invalid = (path: string, value: unknown, detail?: string) =>
  fieldError(path, "Invalid value", value, detail);
export const duplicate = (path: string, value: unknown) => fieldError(path, "Duplicate value", value);
export const notSupported = (path: string, value: unknown, supported: readonly string[]) =>
  fieldError(
    path,
    "Unsupported value",
    value,
    `supported values: ${supported.map((s) => goQuote(s)).join(", ")}`,
  );
export const tooLong = (path: string, max: number) =>
  fieldError(path, "Too long", undefined, `may not be more than ${max} bytes`);
