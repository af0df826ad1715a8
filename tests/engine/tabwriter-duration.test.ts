import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { humanDuration } from "../../sandbox/engine/kubectl/printers/duration.ts";
import { alignColumns } from "../../sandbox/engine/kubectl/printers/tabwriter.ts";

describe("humanDuration (apimachinery duration.HumanDuration)", () => {
  it.each([
    [-2000, "<invalid>"],
    [-500, "0s"],
    [0, "0s"],
    [59_000, "59s"],
    [119_999, "119s"],
    [120_000, "2m"],
    [123_000, "2m3s"],
    [599_000, "9m59s"],
    [600_000, "10m"],
    [179 * 60_000, "179m"],
    [3 * 3600_000, "3h"],
    [(3 * 60 + 20) * 60_000, "3h20m"],
    [8 * 3600_000, "8h"],
    [47 * 3600_000, "47h"],
    [48 * 3600_000, "2d"],
    [(2 * 24 + 5) * 3600_000, "2d5h"],
    [8 * 86400_000, "8d"],
    [729 * 86400_000, "729d"],
    [730 * 86400_000, "2y"],
    [(3 * 365 + 100) * 86400_000, "3y100d"],
    [9 * 365 * 86400_000, "9y"],
  ])("%d ms → %s", (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it("never rounds up: a longer time never prints a smaller figure of the same unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 119_999 }), (ms) => {
        expect(humanDuration(ms)).toBe(`${Math.trunc(ms / 1000)}s`);
      }),
    );
  });
});

describe("alignColumns (text/tabwriter, minwidth 6, padding 3)", () => {
  it("matches kubectl's pod table byte for byte", () => {
    expect(
      alignColumns([
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        ["web-0", "1/1", "Running", "0", "2m13s"],
        ["web-1", "0/1", "Pending", "0", "5s"],
      ]),
    ).toBe(
      "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          2m13s\nweb-1   0/1     Pending   0          5s\n",
    );
  });

  it("never leaves trailing spaces and keeps every column start aligned", () => {
    const cell = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\s\t]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const lines = alignColumns(rows).split("\n").slice(0, -1);
          for (const line of lines) expect(line).toBe(line.trimEnd());
          const starts = lines.map((line, i) => line.indexOf(rows[i]![1]!, rows[i]![0]!.length));
          expect(new Set(starts).size).toBe(1);
        },
      ),
    );
  });
});
