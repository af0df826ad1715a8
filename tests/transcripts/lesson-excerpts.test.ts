import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "./transcript.ts";

/**
 * Output quoted in a lesson (```text blocks) is real: every quoted line is a line the lesson's
 * transcript prints. When the engine's output changes and the transcripts are regenerated, a
 * lesson still quoting the old output fails here.
 */
const root = new URL("../../", import.meta.url);
const transcripts = readdirSync(import.meta.dirname).filter((f) => /^lesson-\d\d-.*\.txt$/.test(f));

function textBlocks(mdx: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const line of mdx.split("\n")) {
    if (current === undefined && line === "```text") current = [];
    else if (current !== undefined && line === "```") {
      blocks.push(current);
      current = undefined;
    } else current?.push(line);
  }
  return blocks;
}

const lessons = readdirSync(new URL("content/lessons/", root))
  .filter((f) => f.endsWith(".mdx"))
  .flatMap((file) => {
    const transcript = transcripts.find(
      (t) => t.startsWith(`lesson-${file.slice(0, 2)}-`) && !t.includes("-solution"),
    );
    const blocks = textBlocks(readFileSync(new URL(`content/lessons/${file}`, root), "utf8"));
    return transcript && blocks.length > 0 ? [{ file, transcript, blocks }] : [];
  });

describe("output quoted in lessons", () => {
  it("has lessons that quote output", () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  for (const { file, transcript, blocks } of lessons) {
    it(`${file} quotes only what ${transcript} prints`, () => {
      const printed = new Set(
        parseTranscript(readFileSync(new URL(transcript, import.meta.url), "utf8")).steps.flatMap((s) =>
          s.output.split("\n").map((l) => l.trimEnd()),
        ),
      );
      const invented = blocks.flat().filter((line) => !printed.has(line.trimEnd()));
      expect(invented).toEqual([]);
    });
  }
});
