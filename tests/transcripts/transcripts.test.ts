import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript, renderTranscript, replay } from "./transcript.ts";

/**
 * Replays every tests/transcripts/*.txt through the engine and compares byte for byte.
 * `UPDATE_TRANSCRIPTS=1 npx vitest run tests/transcripts` rewrites them from what the engine
 * prints now — review the diff line by line against the reference before committing it.
 */
const DIR = import.meta.dirname;
const UPDATE = process.env.UPDATE_TRANSCRIPTS === "1";
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("golden transcripts", () => {
  it("has transcripts to replay", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, async () => {
      const path = join(DIR, file);
      const expected = readFileSync(path, "utf8");
      const actual = renderTranscript(await replay(parseTranscript(expected)));
      if (UPDATE) writeFileSync(path, actual);
      else expect(actual).toBe(expected);
    });
  }
});

describe("transcript format", () => {
  it("round-trips commands, continuation lines and output without a final newline", () => {
    const text = "# c\n$ cat <<EOF\n> a\n> EOF\na\n$ printf x\nx\n\\ No newline at end of output\n$ true\n";
    const parsed = parseTranscript(text);
    expect(parsed.steps).toEqual([
      { input: "cat <<EOF\na\nEOF", output: "a\n" },
      { input: "printf x", output: "x" },
      { input: "true", output: "" },
    ]);
    expect(renderTranscript(parsed)).toBe(text);
  });
});
