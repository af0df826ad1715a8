/**
 * The -o formats and the printers behind the non-table ones: yaml, json, name and jsonpath
 * (cli-runtime's PrintFlags). Several objects are wrapped in a v1 List, one named object prints bare.
 */

import { goJson } from "../../cluster/controllers/hash.ts";
import { type ResourceType, resourceTypeForKind } from "../../cluster/kinds.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { checkGoTemplate, executeGoTemplate, formatValue, TemplateError } from "../gotemplate.ts";
import { executeJsonPath, JsonPathError, parseJsonPath } from "../jsonpath.ts";
import { kindPrefix } from "../resources.ts";
import { type CustomColumn, parseCustomColumns } from "./custom-columns.ts";
import { toJson, toYaml } from "./serialize.ts";

export type OutputFormat =
  | { kind: "table" }
  | { kind: "wide" }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string }
  | { kind: "go-template"; template: string }
  | { kind: "custom-columns"; columns: CustomColumn[] };

/** The -o formats, in kubectl's order (its error message and its shell completion list them). */
export const ALLOWED =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/**
 * `-o` as typed → a format, or kubectl's error for it. `template` is --template (which alone
 * means go-template); `readFile` reads the workspace file a `*-file` format names.
 */
export function parseOutputFormat(
  raw: string,
  template = "",
  readFile?: (path: string) => string | undefined,
): OutputFormat | { error: string } {
  if (raw === "" && template !== "") raw = "go-template";
  if (raw === "") return { kind: "table" };
  if (raw === "wide" || raw === "yaml" || raw === "json" || raw === "name") return { kind: raw };
  const eq = raw.indexOf("=");
  let name = eq < 0 ? raw : raw.slice(0, eq);
  let arg = eq < 0 ? template : raw.slice(eq + 1);
  if (name === "go-template-file" || name === "templatefile" || name === "jsonpath-file") {
    if (arg === "") return { error: "template format specified but no template given" };
    const text = readFile?.(arg);
    if (text === undefined)
      return { error: `error reading --template ${arg}, open ${arg}: no such file or directory` };
    name = name === "jsonpath-file" ? "jsonpath" : "go-template";
    arg = text;
  }
  if (name === "go-template" || name === "template") {
    if (arg === "") return { error: "template format specified but no template given" };
    try {
      checkGoTemplate(arg);
    } catch (error) {
      if (error instanceof TemplateError) return { error: `error parsing template ${arg}, ${error.message}` };
      throw error;
    }
    return { kind: "go-template", template: arg };
  }
  if (name === "jsonpath") {
    if (arg === "") return { error: "template format specified but no template given" };
    try {
      parseJsonPath(arg);
    } catch (error) {
      if (error instanceof JsonPathError) return { error: `error parsing jsonpath ${arg}, ${error.message}` };
      throw error;
    }
    return { kind: "jsonpath", template: arg };
  }
  if (name === "custom-columns") {
    const columns = parseCustomColumns(arg);
    return "error" in columns ? columns : { kind: "custom-columns", columns };
  }
  if (ALLOWED.split(",").includes(name)) {
    return { error: `output format "${name}" is not supported in this sandbox yet` };
  }
  return {
    error: `unable to match a printer suitable for the output format "${raw}", allowed formats are: ${ALLOWED}`,
  };
}

/** A v1 List around several objects, as get's printGeneric builds it. */
export function listOf(objects: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } };
}

/** Prints objects in a non-table format. `bare` prints a single object without the List. */
export function printObjects(
  format: OutputFormat,
  objects: readonly KubeObject[],
  bare: boolean,
): { text: string } | { error: string; text?: string } {
  const data = bare && objects.length === 1 ? objects[0]! : listOf(objects);
  switch (format.kind) {
    case "yaml":
      return { text: toYaml(data) };
    case "json":
      return { text: toJson(data) };
    case "name":
      return { text: objects.map((o) => `${nameOf(o)}\n`).join("") };
    case "jsonpath": {
      try {
        // jsonpath sees the object as JSON would: drop undefined, keep key order irrelevant.
        return { text: executeJsonPath(parseJsonPath(format.template), JSON.parse(JSON.stringify(data))) };
      } catch (error) {
        if (error instanceof JsonPathError) {
          return {
            error: `error executing jsonpath "${format.template}": Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${format.template}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(data)}\n\n`,
          };
        }
        throw error;
      }
    }
    case "go-template": {
      const decoded = JSON.parse(JSON.stringify(data)) as unknown;
      try {
        return { text: executeGoTemplate(format.template, decoded) };
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        // GoTemplatePrinter writes what it was given to the output, then returns the error.
        return {
          text: `Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${format.template}\n\traw data was:\n\t\t${goJson(decoded)}\n\tobject given to template engine was:\n\t\t${formatValue(decoded)}\n\n`,
          error: `error executing template ${JSON.stringify(format.template)}: ${error.message}`,
        };
      }
    }
    default:
      return { error: `unexpected output format ${format.kind}` };
  }
}

/** `statefulset.apps/web`: the name printer's line for an object. */
export function nameOf(object: KubeObject): string {
  const type: ResourceType | undefined = resourceTypeForKind(object.kind);
  const prefix = type ? kindPrefix(type) : object.kind.toLowerCase();
  return `${prefix}/${object.metadata.name}`;
}
