import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completionOutcome, formatColumns } from "../../sandbox/ui/terminal/completion-list.ts";

const words = (candidates: string[], replaceFrom = 0, filenames = false) => ({
  replaceFrom,
  candidates,
  filenames,
});

describe("completionOutcome", () => {
  it("inserts a single candidate with a space, or without after a directory or --flag=", () => {
    expect(completionOutcome("kub", words(["kubectl"]), false)).toEqual({ type: "insert", text: "kubectl " });
    expect(completionOutcome("cd ma", words(["manifests/"], 3), false)).toEqual({
      type: "insert",
      text: "manifests/",
    });
    expect(completionOutcome("k --ns", words(["--namespace="], 2), false)).toEqual({
      type: "insert",
      text: "--namespace=",
    });
  });

  it("extends to the common prefix first, lists only on a second Tab that cannot extend", () => {
    const sts = words(["statefulset", "statefulsets"], 12);
    expect(completionOutcome("kubectl get st", sts, false)).toEqual({ type: "insert", text: "statefulset" });
    expect(completionOutcome("kubectl get statefulset", sts, false)).toEqual({ type: "none" });
    expect(completionOutcome("kubectl get statefulset", sts, true)).toEqual({
      type: "list",
      items: ["statefulset", "statefulsets"],
    });
    expect(completionOutcome("x", words([]), true)).toEqual({ type: "none" });
  });

  it("lists file names by their last component, unescaped, as bash does", () => {
    const files = words(["a/b/", "a/my\\ file.yaml", "a/x.yaml"], 4, true);
    expect(completionOutcome("cat a/", files, true)).toEqual({
      type: "list",
      items: ["b/", "my file.yaml", "x.yaml"],
    });
  });
});

describe("formatColumns", () => {
  it("fills columns downwards, each as wide as the longest item plus two", () => {
    expect(formatColumns(["a", "bb", "c", "dd", "e"], 13)).toEqual(["a   c   e", "bb  dd"]);
    // A row exactly as wide as the terminal would wrap at its edge: readline drops a column.
    expect(formatColumns(["a", "bb", "c", "dd", "e"], 12)).toEqual(["a   dd", "bb  e", "c"]);
  });

  it("puts one item per line when the terminal is narrow", () => {
    expect(formatColumns(["alpha", "beta"], 3)).toEqual(["alpha", "beta"]);
  });

  it("shows every item exactly once and no line wider than the terminal", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 22, max: 200 }),
        (items, cols) => {
          const lines = formatColumns(items, cols);
          const shown = lines.flatMap((line) => line.split(/ +/).filter(Boolean));
          expect(shown.sort()).toEqual([...items].sort());
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(cols);
        },
      ),
    );
  });
});
