import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RESOURCE_TYPES } from "../../../sandbox/engine/cluster/kinds.ts";
import { formatTabbed } from "../../../sandbox/engine/kubectl/describe/tabbed.ts";
import { toJson, toYaml } from "../../../sandbox/engine/kubectl/printers/serialize.ts";
import { alignColumns } from "../../../sandbox/engine/kubectl/printers/tabwriter.ts";
import { resolveType } from "../../../sandbox/engine/kubectl/resources.ts";
import { harness, ns } from "./harness.ts";

const cell = fc.string({ unit: fc.constantFrom("a", "b", "-", "/", "1", "<", ">", "é"), maxLength: 12 });

describe("table alignment invariants", () => {
  it("starts every column at the same offset on every line, and never pads the last cell", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (n, rows) => {
          const table = rows.map((r) => r.slice(0, n));
          const lines = alignColumns(table).split("\n").slice(0, -1);
          expect(lines).toHaveLength(table.length);
          let offset = 0;
          for (let col = 0; col < n; col++) {
            for (let i = 0; i < table.length; i++) {
              expect([...lines[i]!].slice(offset).join("").startsWith(table[i]![col]!)).toBe(true);
            }
            if (col < n - 1) {
              const width = Math.max(6, ...table.map((r) => [...r[col]!].length + 3));
              offset += width;
            }
          }
          for (let i = 0; i < table.length; i++)
            expect([...lines[i]!].length).toBe(offset + [...table[i]![n - 1]!].length);
        },
      ),
    );
  });

  it("describe's tabwriter leaves text without tabs untouched", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), (lines) => {
        const text = lines.map((l) => `${l}\n`).join("");
        expect(formatTabbed(text)).toBe(text);
      }),
    );
  });
});

describe("type words", () => {
  it("resolve from any spelling, in any case, to the same type", () => {
    const spellings = RESOURCE_TYPES.flatMap((t) =>
      [
        t.plural,
        t.singular,
        t.kind,
        ...t.shortNames,
        t.group ? `${t.plural}.${t.group}` : t.plural,
        t.group ? `${t.plural}.${t.version}.${t.group}` : `${t.plural}.${t.version}`,
      ].map((word) => [word, t] as const),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...spellings),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        ([word, type], upper) => {
          const cased = [...word].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join("");
          expect(resolveType(cased)).toBe(type);
        },
      ),
    );
  });
});

/**
 * The test oracle (the yaml package in YAML 1.1 mode) reads digit-less number look-alikes such as
 * ".", "._" or "e0" as NaN where go-yaml keeps them strings; such strings are left out so that
 * only real disagreements fail.
 */
const oracleAgrees = (s: string) =>
  !/^[-+]?[._0-9]*([eE][-+]?[0-9_]*)?$/.test(s) || /^[-+]?(\.[0-9]|[0-9])/.test(s);

/** JSON-like values as an API object holds them, with strings that tempt YAML into other types. */
const tricky = fc.constantFrom(
  "true",
  "no",
  "Yes",
  "null",
  "~",
  "",
  "1",
  "0x1F",
  "1e3",
  "1.5",
  "2026-01-01T00:00:00Z",
  "12:30",
  "-",
  "- a",
  "a: b",
  "#x",
  "x #y",
  "*a",
  "&a",
  "!x",
  "'q'",
  '"d"',
  "@x",
  "%x",
  "`x`",
  "{a}",
  "[a]",
  " lead",
  "trail ",
  "a\nb",
  "a\n",
  "tab\there",
  ":",
  "? x",
  "---",
  "...",
  "<none>",
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.oneof(
      tricky,
      fc.string({ maxLength: 20 }).filter(oracleAgrees),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    ),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 8 }).filter(oracleAgrees),
        tricky.filter((k) => k !== "" && !k.includes("\n")),
      ),
      tie("value"),
      { maxKeys: 3 },
    ),
  ),
})).value;

describe("printers round-trip", () => {
  it("-o yaml reads back (as YAML 1.1, like sigs.k8s.io/yaml) to the same data", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter(oracleAgrees), jsonValue, {
          maxKeys: 4,
        }),
        (object) => {
          expect(parse(toYaml(object), { version: "1.1" })).toEqual(JSON.parse(JSON.stringify(object)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("-o json reads back to the same data", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(JSON.parse(toJson(value))).toEqual(JSON.parse(JSON.stringify(value ?? null)));
      }),
    );
  });
});

describe("kubectl never throws on what a learner can type", () => {
  const words = fc.constantFrom(
    "get",
    "describe",
    "explain",
    "api-resources",
    "config",
    "view",
    "get-contexts",
    "use-context",
    "set-context",
    "cluster-info",
    "version",
    "pods",
    "po",
    "pod/web-0",
    "sts",
    "svc,ep",
    "all",
    "nodes",
    "pv",
    "pvc",
    "web-0",
    "x/y/z",
    "-o",
    "yaml",
    "json",
    "wide",
    "name",
    "jsonpath={.items[*].metadata.name}",
    "jsonpath={.a",
    "custom-columns=N:.metadata.name",
    "-n",
    "default",
    "-A",
    "-l",
    "app=web",
    "app in (",
    "--field-selector",
    "metadata.name=web-0",
    "--sort-by",
    ".metadata.name",
    "--show-labels",
    "-L",
    "app",
    "--no-headers",
    "-w",
    "--watch-only",
    "--bogus",
    "-h",
    "--",
    "-",
    "--current",
    "--namespace=dev",
  );
  it("returns an exit status for random argument lists", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(words, { maxLength: 7 }), async (argv) => {
        const h = harness();
        h.create(ns("default"));
        const r = await h.kubectl(
          ["kubectl", ...argv].map((w) => (w.includes(" ") ? `'${w}'` : w)).join(" "),
        );
        expect(Number.isInteger(r.status)).toBe(true);
        expect(r.status >= 0 && r.status <= 255).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
