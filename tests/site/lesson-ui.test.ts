import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkpointReplay, isRightAnswer, lessonSlugOf } from "../../sandbox/ui/lesson/logic.ts";
import { isLessonDone, nextLesson, parseProgress } from "../../sandbox/ui/lesson/progress.ts";

describe("progress records", () => {
  it("round-trips and drops malformed parts instead of failing (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseProgress(JSON.stringify(value));
        for (const lesson of Object.values(parsed)) {
          expect(lesson.tasks.every((t) => typeof t === "string")).toBe(true);
          expect(Number.isInteger(lesson.totals.tasks)).toBe(true);
        }
        expect(parseProgress(JSON.stringify(parsed))).toEqual(parsed);
      }),
    );
    expect(parseProgress("{not json")).toEqual({});
    expect(parseProgress(null)).toEqual({});
  });

  it("counts a lesson done only when every task and question is", () => {
    const lesson = { tasks: ["a", "b"], quiz: ["q"], totals: { tasks: 2, quiz: 2 } };
    expect(isLessonDone(lesson)).toBe(false);
    expect(isLessonDone({ ...lesson, quiz: ["q", "r"] })).toBe(true);
    expect(isLessonDone({ tasks: [], quiz: [], totals: { tasks: 0, quiz: 0 } })).toBe(false);
    expect(isLessonDone(undefined)).toBe(false);
  });

  it("continues with the first lesson not done", () => {
    const lessons = [{ slug: "one" }, { slug: "two" }, { slug: "three" }];
    const done = { tasks: ["a"], quiz: [], totals: { tasks: 1, quiz: 0 } };
    expect(nextLesson(lessons, { one: done })?.slug).toBe("two");
    expect(nextLesson(lessons, { one: done, two: done, three: done })).toBeUndefined();
  });
});

describe("checkpoints", () => {
  it("replay the solutions of every task before the chosen one, skipping tasks without one", () => {
    const tasks = [
      { id: "a", title: "A", solution: "kubectl apply -f web.yaml", check: { name: "x", params: {} } },
      { id: "b", title: "B", check: { name: "x", params: {} } },
      { id: "c", title: "C", solution: "kubectl delete pod web-0", check: { name: "x", params: {} } },
    ];
    expect(checkpointReplay(tasks, 0)).toEqual([]);
    expect(checkpointReplay(tasks, 2)).toEqual(["kubectl apply -f web.yaml"]);
    expect(checkpointReplay(tasks, 3)).toEqual(["kubectl apply -f web.yaml", "kubectl delete pod web-0"]);
  });
});

describe("quiz answers", () => {
  it("are right only with exactly the correct choices", () => {
    expect(isRightAnswer([1], [1])).toBe(true);
    expect(isRightAnswer([2, 1], [1, 2])).toBe(true);
    expect(isRightAnswer([1], [1, 2])).toBe(false);
    expect(isRightAnswer([0, 1, 2], [1, 2])).toBe(false);
  });
});

describe("small text helpers", () => {
  it("read a lesson's slug from a sidebar link, under any base path", () => {
    expect(lessonSlugOf("/stateful-lab/lessons/statefulsets/")).toBe("statefulsets");
    expect(lessonSlugOf("/playground/")).toBeUndefined();
  });
});
