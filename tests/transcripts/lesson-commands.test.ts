import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandsOf } from "../../sandbox/engine/checks/checkpoint.ts";
import { createSandbox } from "../../sandbox/engine/index.ts";
import { parseTranscript } from "./transcript.ts";

/**
 * A page's transcript replays exactly the commands its ```sh blocks show, in order, so a command
 * edited in a lesson without re-running it fails here instead of going out unverified.
 */
const root = new URL("../../", import.meta.url);
const lessons = readdirSync(new URL("content/lessons/", root))
  .filter((f) => f.endsWith(".mdx"))
  .map((f) => ({ page: `content/lessons/${f}`, prefix: `lesson-${f.slice(0, 2)}-` }));
const transcripts = readdirSync(import.meta.dirname).filter((f) => f.endsWith(".txt"));
const pages = [
  ...lessons.flatMap(({ page, prefix }) => {
    const transcript = transcripts.find((t) => t.startsWith(prefix) && !t.endsWith("-solution.txt"));
    return transcript ? [{ page, transcript }] : [];
  }),
  { page: "src/content/docs/cheat-sheet.mdx", transcript: "cheat-sheet.txt" },
];

function shellBlocks(mdx: string): string[] {
  return [...mdx.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

describe("pages and their transcripts", () => {
  it("covers lessons 2 to 11 and the cheat sheet", () => {
    expect(pages.map((p) => p.transcript.slice(0, 10))).toContain("lesson-11-");
    expect(pages.length).toBeGreaterThanOrEqual(11);
  });

  for (const { page, transcript } of pages) {
    it(`${transcript} runs the commands of ${page}`, () => {
      const mdx = readFileSync(new URL(page, root), "utf8");
      const shown = commandsOf(createSandbox(), shellBlocks(mdx));
      const replayed = parseTranscript(readFileSync(new URL(transcript, import.meta.url), "utf8")).steps.map(
        (s) => s.input,
      );
      expect(replayed).toEqual(shown);
    });
  }
});
