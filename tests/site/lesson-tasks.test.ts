import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { replay } from "../../sandbox/engine/checks/checkpoint.ts";
import { createSandbox } from "../../sandbox/engine/index.ts";
import { lessonSchema } from "../../src/lesson-schema.ts";

const dir = new URL("../../content/lessons/", import.meta.url);
const lessons = readdirSync(dir)
  .filter((f) => f.endsWith(".mdx"))
  .map((file) => ({
    file,
    lesson: lessonSchema.parse(parse(readFileSync(new URL(file, dir), "utf8").split(/^---$/m)[1] ?? "")),
  }));

/**
 * Every lesson's tasks can be done by following its own solutions: replayed in order from the
 * lesson's scenario (what "Start from here" does), each task's check passes right after its
 * solution, and no solution command fails. A task without a solution is checked after the ones
 * before it (it observes what they did).
 */
describe.each(lessons.filter(({ lesson }) => lesson.tasks.length > 0))("$file", ({ lesson }) => {
  it("ticks every task when its solutions are replayed in order", async () => {
    const sandbox = createSandbox({ timeMode: "instant", scenario: lesson.scenario, seed: 1 });
    const ticks: string[] = [];
    for (const task of lesson.tasks) {
      expect(await replay(sandbox, task.solution ? [task.solution] : [])).toEqual([]);
      const [result] = sandbox.checkTasks([task]);
      ticks.push(`${task.id}: ${result!.done ? "done" : `NOT done (${result!.detail})`}`);
    }
    expect(ticks).toEqual(lesson.tasks.map((task) => `${task.id}: done`));
  });

  it("ticks nothing on the untouched scenario", () => {
    const sandbox = createSandbox({ timeMode: "instant", scenario: lesson.scenario, seed: 1 });
    expect(sandbox.checkTasks(lesson.tasks).filter((r) => r.done)).toEqual([]);
  });
});

describe("lessons 1–4", () => {
  it("each have tasks with checks and a quiz", () => {
    for (const { file, lesson } of lessons.filter(({ lesson }) => lesson.order <= 4)) {
      expect(lesson.tasks.length, file).toBeGreaterThan(0);
      expect(lesson.quiz.length, file).toBeGreaterThan(0);
    }
  });
});
