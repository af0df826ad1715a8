/**
 * kubectl explain (pkg/explain/v2, templates/plaintext.tmpl): a kind or a field path into it, with
 * its description and fields (`--recursive`: the field tree without descriptions). The kinds'
 * top level is hand-checked (explain-schema.ts); nested types come from the generated schema
 * (explain-types.ts). The layout, blank lines with their indentation included, is the template's.
 */
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { EXPLAIN_SCHEMAS, type ExplainField, type ExplainType } from "../explain-schema.ts";
import { EXPLAIN_TYPES } from "../explain-types.ts";
import type { FlagSpec } from "../flags.ts";
import { HELP } from "../help/explain.ts";
import { resolveType, unknownTypeMessage } from "../resources.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "api-version", type: "string", default: "", usage: "" },
  { name: "output", shorthand: "o", type: "string", default: "plaintext", usage: "" },
  { name: "recursive", type: "bool", default: false, usage: "" },
];

export const explain: KubectlVerb = { flags: FLAGS, help: HELP, run };

const typeNamed = (name: string | undefined): ExplainType | undefined =>
  name !== undefined && Object.hasOwn(EXPLAIN_TYPES, name) ? EXPLAIN_TYPES[name] : undefined;

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
  const kind: ExplainType = EXPLAIN_SCHEMAS[type.kind] ??
    typeNamed(type.kind) ?? { description: "", fields: [] };
  let header = type.group ? `GROUP:      ${type.group}\n` : "";
  header += `KIND:       ${type.kind}\nVERSION:    ${type.version}\n\n`;
  // The template writes the header before it walks the path, so a bad path still prints it.
  ctx.stdout(header);
  const recursive = flags.bool("recursive");
  if (fieldPath.length === 0) {
    ctx.stdout(`${explainBlock(kind.description, kind, recursive)}\n`);
    return 0;
  }
  let fields = kind.fields;
  let field: ExplainField | undefined;
  for (const name of fieldPath) {
    field = fields.find((f) => f.name === name);
    if (!field) break;
    fields = typeNamed(fieldRef(field))?.fields ?? [];
  }
  if (!field) {
    ctx.stderr(`error: field "${fieldPath.at(-1)}" does not exist\n`);
    return 1;
  }
  const target = typeNamed(fieldRef(field));
  // The field's own description, then the one of the type it leads to (the schema's allOf).
  const text = [field.description, target?.description ?? ""].filter((t) => t !== "").join("\n");
  const enumLines = field.enum ? `ENUM:${field.enum.map((e) => `\n    ${enumValue(e)}`).join("")}` : "";
  ctx.stdout(
    `FIELD: ${field.name} <${field.type}>\n${enumLines}\n\n${explainBlock(text, { description: "", fields }, recursive)}\n`,
  );
  return 0;
}

/** The named type a field leads to: generated fields say it; the hand-written ones are named by their type. */
function fieldRef(field: ExplainField): string | undefined {
  return field.ref ?? field.type.replace(/^(\[\]|map\[string\])+/, "");
}

/** DESCRIPTION and, when the type has fields, FIELDS. */
function explainBlock(text: string, type: ExplainType, recursive: boolean): string {
  // The description keeps its final newline through wrap and indent: a last line of four spaces.
  const body = text === "" ? "    <empty>\n" : `${indent(`${wrap(text)}\n`, 4)}\n`;
  const list = fieldList(type.fields, 1, recursive, new Set());
  return `DESCRIPTION:\n${body}${list === "" ? "" : `FIELDS:\n${list}`}`;
}

function fieldList(
  fields: readonly ExplainField[],
  level: number,
  recursive: boolean,
  seen: Set<string>,
): string {
  const pad = " ".repeat(level * 2);
  let out = "";
  for (const field of fields) {
    out += `${pad}${field.name}\t<${field.type}>${field.required ? " -required-" : ""}`;
    if (field.enum) out += `\n${pad}enum: ${shortEnum(field.enum)}`;
    out += "\n";
    if (!recursive) {
      out += `${indent(wrap(field.description || "<no description>"), level * 2 + 2)}\n\n`;
      continue;
    }
    const ref = fieldRef(field);
    const nested = typeNamed(ref);
    if (nested && ref && !seen.has(ref)) {
      out += fieldList(nested.fields, level + 1, true, new Set([...seen, ref]));
    }
  }
  return out;
}

/** The one-line enum of a field list: at most four values, then `, ....`. */
function shortEnum(values: readonly string[]): string {
  const shown = values.slice(0, 4).map(enumValue).join(", ");
  return values.length > 4 ? `${shown}, ....` : shown;
}

const enumValue = (value: string) => (value === "" ? '""' : value);

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

/** sprig's indent: every line, blank ones included, gets the padding. */
function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => pad + line)
    .join("\n");
}
