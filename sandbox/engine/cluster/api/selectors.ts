/**
 * Label and field selectors, after apimachinery's pkg/labels/selector.go and pkg/fields.
 * The string parser is a port of the real lexer and recursive-descent parser so that the parse
 * errors a learner sees for `-l` are the server's own, e.g.
 * `unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt`.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { FieldError } from "../errors.ts";
import type { KubeObject } from "../types.ts";
import { forbidden, invalid, renderValue, required } from "./validation/field.ts";
import { isQualifiedName, isValidLabelValue } from "./validation/names.ts";

export type Operator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** Thrown for a selector string that does not parse; `message` is apimachinery's text. */
export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SelectorParseError";
  }
}

type Token = "error" | "end" | ")" | "," | "!" | "==" | "=" | ">" | "id" | "in" | "<" | "!=" | "notin" | "(";

const LITERAL_TOKENS: Record<string, Token> = {
  ")": ")",
  ",": ",",
  "!": "!",
  "==": "==",
  "=": "=",
  ">": ">",
  in: "in",
  "<": "<",
  "!=": "!=",
  notin: "notin",
  "(": "(",
};

const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";
const isSpecial = (ch: string) => "=!(),><".includes(ch);
const isSpace = (ch: string) => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";

interface Scanned {
  tok: Token;
  lit: string;
}

function lex(s: string): Scanned[] {
  const items: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos]!)) pos++;
    if (pos >= s.length) {
      items.push({ tok: "end", lit: "" });
      return items;
    }
    if (isSpecial(s[pos]!)) {
      // Longest run of special symbols that still forms a known token ("!=" rather than "!").
      let buffer = "";
      let last: Scanned | undefined;
      while (pos < s.length && isSpecial(s[pos]!)) {
        buffer += s[pos];
        const tok = LITERAL_TOKENS[buffer];
        if (tok) {
          last = { tok, lit: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: "error", lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let word = "";
    while (pos < s.length && !isSpecial(s[pos]!) && !isSpace(s[pos]!)) word += s[pos++];
    // Own keys only: a key named `constructor` or `toString` is an identifier, not Object's.
    items.push({ tok: Object.hasOwn(LITERAL_TOKENS, word) ? LITERAL_TOKENS[word]! : "id", lit: word });
  }
}

/** Parses the string form (`a=b,c!=d,e in (x,y),!f`); requirements come back sorted by key. */
export function parseLabelSelector(selector: string): Requirement[] {
  const items = lex(selector);
  let position = 0;
  // In value context the words `in` and `notin` are plain identifiers.
  const asValue = (t: Scanned): Scanned => (t.tok === "in" || t.tok === "notin" ? { ...t, tok: "id" } : t);
  const lookahead = (values: boolean) => (values ? asValue(items[position]!) : items[position]!);
  const consume = (values: boolean) => {
    const item = lookahead(values);
    position++;
    return item;
  };

  const parseRequirement = (): Requirement => {
    let operator: Operator | undefined;
    let t = consume(true);
    if (t.tok === "!") {
      operator = "!";
      t = consume(true);
    }
    if (t.tok !== "id") throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0)
      throw new Error(`<nil>: Invalid value: ${renderValue(key)}: ${keyErrors.join("; ")}`);
    const next = lookahead(true).tok;
    if (next === "end" || next === ",") {
      return { key, operator: operator ?? "exists", values: [] };
    }
    if (operator === "!") return { key, operator, values: [] };
    const op = consume(false);
    const binary: Partial<Record<Token, Operator>> = {
      in: "in",
      "=": "=",
      "==": "==",
      ">": "gt",
      "<": "lt",
      notin: "notin",
      "!=": "!=",
    };
    const found = binary[op.tok];
    if (!found) throw new Error(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    const values = found === "in" || found === "notin" ? parseValues() : parseExactValue();
    return newRequirement(key, found, values);
  };

  const parseValues = (): string[] => {
    const open = consume(true);
    if (open.tok !== "(") throw new Error(`found '${open.lit}' expected: '('`);
    const first = lookahead(true);
    if (first.tok === "id" || first.tok === ",") {
      const set = parseIdentifiersList();
      if (consume(true).tok !== ")") throw new Error(`found '${first.lit}', expected: ')'`);
      return set;
    }
    if (first.tok === ")") {
      consume(true);
      return [""];
    }
    throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
  };

  const parseIdentifiersList = (): string[] => {
    const set = new Set<string>();
    for (;;) {
      const t = consume(true);
      if (t.tok === "id") {
        set.add(t.lit);
        const t2 = lookahead(true);
        if (t2.tok === ",") continue;
        if (t2.tok === ")") return [...set].sort();
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      }
      if (t.tok === ",") {
        if (set.size === 0) set.add("");
        const t2 = lookahead(true).tok;
        if (t2 === ")") {
          set.add("");
          return [...set].sort();
        }
        if (t2 === ",") {
          consume(true);
          set.add("");
        }
        continue;
      }
      throw new Error(`found '${t.lit}', expected: ',', or identifier`);
    }
  };

  const parseExactValue = (): string[] => {
    const t = lookahead(true).tok;
    if (t === "end" || t === ",") return [""];
    const v = consume(true);
    if (v.tok === "id") return [v.lit];
    throw new Error(`found '${v.lit}', expected: identifier`);
  };

  const requirements: Requirement[] = [];
  for (;;) {
    const t = lookahead(true);
    if (t.tok === "end") break;
    if (t.tok !== "id" && t.tok !== "!") {
      throw new SelectorParseError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
    }
    try {
      requirements.push(parseRequirement());
    } catch (error) {
      throw new SelectorParseError(`unable to parse requirement: ${(error as Error).message}`);
    }
    const after = consume(true);
    if (after.tok === "end") break;
    if (after.tok !== ",")
      throw new SelectorParseError(`found '${after.lit}', expected: ',' or 'end of string'`);
    const t2 = lookahead(true);
    if (t2.tok !== "id" && t2.tok !== "!") {
      throw new SelectorParseError(`found '${t2.lit}', expected: identifier after ','`);
    }
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** NewRequirement's checks on values (keys were checked while parsing). */
function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const problems: string[] = [];
  if ((operator === "gt" || operator === "lt") && values.some((v) => !/^[+-]?\d+$/.test(v))) {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) {
        problems.push(
          `values[${i}]: Invalid value: ${renderValue(v)}: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
    });
  }
  values.forEach((v, i) => {
    const errs = isValidLabelValue(v);
    if (errs.length > 0)
      problems.push(`values[${i}][${key}]: Invalid value: ${renderValue(v)}: ${errs.join("; ")}`);
  });
  if (problems.length === 1) throw new Error(problems[0]);
  if (problems.length > 1) throw new Error(`[${problems.join(", ")}]`);
  return { key, operator, values };
}

/** Does a label set satisfy every requirement? (`!=` and `notin` match objects without the key.) */
export function matchesLabels(
  requirements: readonly Requirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key];
    switch (r.operator) {
      case "=":
      case "==":
      case "in":
        return has && r.values.includes(value!);
      case "!=":
      case "notin":
        return !has || !r.values.includes(value!);
      case "exists":
        return has;
      case "!":
        return !has;
      case "gt":
      case "lt": {
        if (!has || !/^[+-]?\d+$/.test(value!)) return false;
        const a = Number(value);
        const b = Number(r.values[0]);
        return r.operator === "gt" ? a > b : a < b;
      }
    }
    return false;
  });
}

/** The requirements of a structured selector (matchLabels become equality, expressions map 1:1). */
export function requirementsOf(selector: LabelSelector): Requirement[] {
  const reqs: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, v]) => ({
    key,
    operator: "=",
    values: [v],
  }));
  const ops: Record<string, Operator> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" };
  for (const e of selector.matchExpressions ?? []) {
    const operator = ops[e.operator];
    if (!operator)
      throw new SelectorParseError(`${renderValue(e.operator)} is not a valid label selector operator`);
    reqs.push({ key: e.key, operator, values: [...(e.values ?? [])].sort() });
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Does a structured LabelSelector select these labels? An empty selector selects everything. */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  return matchesLabels(requirementsOf(selector), labels);
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return "<none>";
  const text = requirementsOf(selector).map(formatRequirement).join(",");
  return text === "" ? "<none>" : text;
}

export function formatRequirement(r: Requirement): string {
  switch (r.operator) {
    case "exists":
      return r.key;
    case "!":
      return `!${r.key}`;
    case "in":
    case "notin":
      return `${r.key} ${r.operator} (${[...r.values].sort().join(",")})`;
    case "gt":
      return `${r.key}>${r.values[0]}`;
    case "lt":
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key}${r.operator}${r.values[0]}`;
  }
}

/** ValidateLabelSelector: the field errors a workload's `spec.selector` can raise. */
export function validateLabelSelector(selector: LabelSelector, path: string): FieldError[] {
  const errs: FieldError[] = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    if (e.operator === "In" || e.operator === "NotIn") {
      if (values.length === 0)
        errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === "Exists" || e.operator === "DoesNotExist") {
      if (values.length > 0) {
        errs.push(
          forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
    } else {
      errs.push(invalid(`${p}.operator`, e.operator, "not a valid selector operator"));
    }
    for (const msg of isQualifiedName(e.key)) errs.push(invalid(`${p}.key`, e.key, msg));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(`${p}.values[${j}]`, v, msg));
    });
  });
  return errs;
}

/** ValidateLabels: keys are qualified names, values label values. Keys are visited sorted. */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  // Sorted only to report errors in a stable order: every labelled write comes here, most valid.
  let valid = true;
  for (const key in labels) {
    if (isQualifiedName(key).length > 0 || isValidLabelValue(labels[key]!).length > 0) {
      valid = false;
      break;
    }
  }
  if (valid) return errs;
  for (const key of Object.keys(labels ?? {}).sort()) {
    for (const msg of isQualifiedName(key)) errs.push(invalid(path, key, msg));
    const value = labels![key]!;
    for (const msg of isValidLabelValue(value)) errs.push(invalid(path, value, msg));
  }
  return errs;
}

// ---- field selectors ----------------------------------------------------------------------

export interface FieldRequirement {
  field: string;
  operator: "=" | "!=";
  value: string;
}

/** A field's value as the server's fields.Set holds it: strings as they are, booleans and numbers formatted. */
const at = (o: KubeObject, path: string): string => {
  let value: unknown = o;
  for (const key of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
  return value === undefined || value === null ? "" : String(value);
};

/**
 * The field labels each kind can be selected by besides metadata.name and metadata.namespace, with
 * how the server reads them: the field label conversions of pkg/apis/core/v1/conversion.go (and
 * apps/v1's) and the registries' ToSelectableFields / GetAttrs.
 */
const KIND_FIELDS: Record<string, Record<string, (o: KubeObject) => string>> = {
  Pod: {
    "spec.nodeName": (o) => at(o, "spec.nodeName"),
    "spec.restartPolicy": (o) => at(o, "spec.restartPolicy"),
    "spec.schedulerName": (o) => at(o, "spec.schedulerName"),
    "spec.serviceAccountName": (o) => at(o, "spec.serviceAccountName"),
    // strconv.FormatBool of a bool that defaults to false.
    "spec.hostNetwork": (o) => String(at(o, "spec.hostNetwork") === "true"),
    "status.phase": (o) => at(o, "status.phase"),
    // The first of status.podIPs, as ToSelectableFields reads it.
    "status.podIP": (o) => at(o, "status.podIPs.0.ip"),
    "status.nominatedNodeName": (o) => at(o, "status.nominatedNodeName"),
  },
  Event: {
    "involvedObject.kind": (o) => at(o, "involvedObject.kind"),
    "involvedObject.namespace": (o) => at(o, "involvedObject.namespace"),
    "involvedObject.name": (o) => at(o, "involvedObject.name"),
    "involvedObject.uid": (o) => at(o, "involvedObject.uid"),
    "involvedObject.apiVersion": (o) => at(o, "involvedObject.apiVersion"),
    "involvedObject.resourceVersion": (o) => at(o, "involvedObject.resourceVersion"),
    "involvedObject.fieldPath": (o) => at(o, "involvedObject.fieldPath"),
    reason: (o) => at(o, "reason"),
    reportingComponent: (o) => at(o, "reportingComponent"),
    // The event registry falls back to the reporting controller when source.component is empty.
    source: (o) => at(o, "source.component") || at(o, "reportingComponent"),
    type: (o) => at(o, "type"),
  },
  Namespace: { "status.phase": (o) => at(o, "status.phase") },
  Node: { "spec.unschedulable": (o) => String(at(o, "spec.unschedulable") === "true") },
  PersistentVolume: { "status.phase": (o) => at(o, "status.phase") },
  PersistentVolumeClaim: { "status.phase": (o) => at(o, "status.phase") },
  Secret: { type: (o) => at(o, "type") },
};

const META_FIELDS: Record<string, (o: KubeObject) => string> = {
  "metadata.name": (o) => o.metadata.name,
  "metadata.namespace": (o) => o.metadata.namespace ?? "",
};

/**
 * Parses `a=b,c!=d` (also `a==b`). Backslash escapes are kept simple: fields selectors people
 * type use plain values.
 */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const part of selector.split(",")) {
    if (part.trim() === "") continue;
    const m = /^([^=!]*)(!=|==|=)(.*)$/.exec(part);
    if (!m) throw new SelectorParseError(`invalid selector: '${selector}'; can't understand '${part}'`);
    reqs.push({ field: m[1]!.trim(), operator: m[2] === "!=" ? "!=" : "=", value: m[3]!.trim() });
  }
  return reqs;
}

/**
 * Checks that the kind supports each field and returns a matcher. Unsupported fields answer as
 * the server does: `field label not supported: spec.foo`.
 */
export function fieldMatcher(
  kind: string,
  requirements: readonly FieldRequirement[],
): (o: KubeObject) => boolean {
  const getters = requirements.map((r) => {
    // Own keys only: a field named "constructor" is unsupported, not Object's.
    const own = (table: Record<string, (o: KubeObject) => string> | undefined) =>
      table && Object.hasOwn(table, r.field) ? table[r.field] : undefined;
    const getter = own(Object.hasOwn(KIND_FIELDS, kind) ? KIND_FIELDS[kind] : undefined) ?? own(META_FIELDS);
    if (!getter) throw new SelectorParseError(`field label not supported: ${r.field}`);
    return getter;
  });
  return (o) =>
    requirements.every((r, i) => {
      const actual = getters[i]!(o);
      return r.operator === "=" ? actual === r.value : actual !== r.value;
    });
}
