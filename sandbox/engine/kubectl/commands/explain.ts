/**
 * kubectl explain (pkg/explain/v2, plaintext.tmpl): a kind's description and its fields, wrapped
 * at 76 columns and indented 4. Only the top level of each kind is in the built-in schema
 * (explain-schema.ts); a path into a top-level field prints that field.
 */
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { EXPLAIN_SCHEMAS, type ExplainField, type ExplainSchema } from "../explain-schema.ts";
import type { FlagSpec } from "../flags.ts";
import { HELP } from "../help/explain.ts";
import { resolveType, unknownTypeMessage } from "../resources.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "api-version", type: "string", default: "", usage: "" },
  { name: "output", shorthand: "o", type: "string", default: "plaintext", usage: "" },
  { name: "recursive", type: "bool", default: false, usage: "" },
];

export const explain: KubectlVerb = { flags: FLAGS, help: HELP, run };

async function run({ ctx, flags }: KubectlInvocation): Promise<number> {
  const [path] = flags.args;
  if (path === undefined) {
    ctx.stderr(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
    return 1;
  }
  const [typeWord, ...fieldPath] = path.split(".");
  const type = resolveType(typeWord!);
  if (!type) {
    ctx.stderr(`error: ${unknownTypeMessage(typeWord!)}\n`);
    return 1;
  }
  const schema: ExplainSchema = EXPLAIN_SCHEMAS[type.kind] ?? { description: "", fields: [] };
  let header = type.group ? `GROUP:      ${type.group}\n` : "";
  header += `KIND:       ${type.kind}\nVERSION:    ${type.version}\n\n`;
  const recursive = flags.bool("recursive");
  if (fieldPath.length === 0) {
    ctx.stdout(header + description(schema.description, recursive) + fieldsBlock(schema.fields, recursive));
    return 0;
  }
  const field = fieldPath.length === 1 ? schema.fields.find((f) => f.name === fieldPath[0]) : undefined;
  if (!field) {
    ctx.stderr(`error: field "${fieldPath.at(-1)}" does not exist\n`);
    return 1;
  }
  ctx.stdout(`${header}FIELD: ${field.name} <${field.type}>\n\n${description(field.description, false)}`);
  return 0;
}

function description(text: string, recursive: boolean): string {
  if (recursive) return "";
  return `DESCRIPTION:\n${indent(wrap(text))}\n`;
}

function fieldsBlock(fields: readonly ExplainField[], recursive: boolean): string {
  if (fields.length === 0) return "";
  if (recursive) return `FIELDS:\n${fields.map((f) => `  ${fieldLine(f)}\n`).join("")}\n`;
  return `\nFIELDS:\n${fields.map((f) => `  ${fieldLine(f)}\n${indent(wrap(f.description))}\n\n`).join("")}`;
}

function fieldLine(field: ExplainField): string {
  return `${field.name}\t<${field.type}>${field.required ? " -required-" : ""}`;
}

/** Greedy word wrap at 76 columns, paragraph by paragraph; long words stay whole. */
function wrap(text: string): string {
  return text
    .split("\n")
    .map((paragraph) => {
      const lead = /^\s*/.exec(paragraph)![0];
      const words = paragraph.slice(lead.length).split(" ");
      const lines: string[] = [];
      let line = lead;
      for (const word of words) {
        if (line.trim() === "") line = lead + word;
        else if (line.length + 1 + word.length <= 76) line += ` ${word}`;
        else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : `    ${line}`))
    .join("\n");
}
