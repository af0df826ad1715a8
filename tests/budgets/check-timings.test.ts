/** scripts/check-timings.ts: saved benchmark figures held to budgets.json. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkTimings } from "../../scripts/check-timings.ts";

const budgets = JSON.parse(readFileSync(new URL("../../budgets.json", import.meta.url), "utf8"));

describe("checkTimings", () => {
  it("holds each figure that names a budget to it, and leaves the others alone", () => {
    const verdicts = checkTimings(
      [
        {
          name: "playground: ready → first answer",
          unit: "ms",
          median: 72.4,
          runs: 5,
          budget: "timings.readyToFirstGetPodsMs",
        },
        {
          name: "lesson: ready → first answer",
          unit: "ms",
          median: 100.5,
          runs: 5,
          budget: "timings.readyToFirstGetPodsMs",
        },
        {
          name: "10k / 1k",
          unit: "ratio",
          median: 9.35,
          runs: 1,
          budget: "engine.statefulSet10kOver1kMaxRatio",
        },
        {
          name: "lesson: JS before the editor",
          unit: "KB",
          median: 112,
          runs: 5,
          budget: "pages.lesson.eagerJsKB",
        },
        { name: "heap per pod", unit: "KB", median: 25, runs: 5 },
      ],
      budgets,
    );
    expect(verdicts).toEqual([
      { name: "playground: ready → first answer", figure: "72 ms", budget: "≤ 100 ms", within: true },
      { name: "lesson: ready → first answer", figure: "101 ms", budget: "≤ 100 ms", within: false },
      { name: "10k / 1k", figure: "9.35 ratio", budget: "≤ 12 ratio", within: true },
      { name: "lesson: JS before the editor", figure: "112 KB", budget: "≤ 150 KB", within: true },
    ]);
  });

  it("refuses a budget budgets.json does not have, rather than passing it", () => {
    expect(() =>
      checkTimings([{ name: "x", unit: "ms", median: 1, runs: 1, budget: "timings.noSuchBudget" }], budgets),
    ).toThrow("budgets.json has no number at timings.noSuchBudget");
  });
});
