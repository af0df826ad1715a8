import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lessonSchema } from "../../src/lesson-schema.ts";

const valid = {
  title: "StatefulSets",
  description: "Ordered, sticky identity.",
  order: 3,
  scenario: "default",
};

describe("lesson frontmatter schema", () => {
  it("accepts a complete lesson and fills defaults", () => {
    expect(lessonSchema.parse(valid)).toEqual({ ...valid, objectives: [], tasks: [], quiz: [] });
  });

  it("rejects a scenario the engine does not know, naming the known ones", () => {
    const result = lessonSchema.safeParse({ ...valid, scenario: "no-such-cluster" });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("unknown scenario; known scenarios: default");
  });

  it("rejects unknown keys instead of ignoring a typo", () => {
    expect(lessonSchema.safeParse({ ...valid, scenaro: "default" }).success).toBe(false);
  });

  it("rejects a non-integer order", () => {
    expect(lessonSchema.safeParse({ ...valid, order: 2.5 }).success).toBe(false);
  });

  it("accepts a task whose check exists with valid params; params left out are missing", () => {
    const task = {
      id: "create",
      title: "Create it",
      check: { name: "statefulset-ready", params: { name: "web" } },
    };
    expect(lessonSchema.parse({ ...valid, tasks: [task] }).tasks[0]?.check).toEqual(task.check);
    const noParams = { ...task, check: { name: "command-ran" } };
    expect(lessonSchema.safeParse({ ...valid, tasks: [noParams] }).success).toBe(false);
  });

  it("fails on a task naming a check that does not exist, listing the known ones", () => {
    const task = {
      id: "create",
      title: "Create it",
      check: { name: "statefulset-redy", params: { name: "web" } },
    };
    const result = lessonSchema.safeParse({ ...valid, tasks: [task] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(
      /^unknown check "statefulset-redy"; known checks: .*statefulset-ready/,
    );
  });

  it("fails on bad check params: unknown, missing, mistyped", () => {
    const withParams = (params: Record<string, unknown>) =>
      lessonSchema.safeParse({
        ...valid,
        tasks: [{ id: "t", title: "T", check: { name: "statefulset-ready", params } }],
      });
    expect(withParams({ name: "web", replica: 2 }).error?.issues[0]?.message).toBe(
      'statefulset-ready has no param "replica" (params: name, replicas, namespace)',
    );
    expect(withParams({ replicas: 2 }).success).toBe(false);
    expect(withParams({ name: "web", replicas: "2" }).success).toBe(false);
  });

  it("fails on a task without a check, and on duplicate task ids", () => {
    expect(lessonSchema.safeParse({ ...valid, tasks: [{ id: "t", title: "T" }] }).success).toBe(false);
    const task = { id: "t", title: "T", check: { name: "pod-ready", params: { name: "x" } } };
    expect(lessonSchema.safeParse({ ...valid, tasks: [task, task] }).error?.issues[0]?.message).toBe(
      'duplicate task id "t"',
    );
  });

  it("accepts a quiz with a correct choice and rejects one without", () => {
    const question = {
      id: "q",
      question: "Which gives pods stable names?",
      choices: [
        { text: "StatefulSet", correct: true, explanation: "Ordinals." },
        { text: "Deployment", explanation: "Random suffixes." },
      ],
    };
    expect(lessonSchema.parse({ ...valid, quiz: [question] }).quiz[0]?.choices[1]?.correct).toBe(false);
    const noneRight = { ...question, choices: question.choices.map((c) => ({ ...c, correct: false })) };
    expect(lessonSchema.safeParse({ ...valid, quiz: [noneRight] }).success).toBe(false);
    const oneChoice = { ...question, choices: question.choices.slice(0, 1) };
    expect(lessonSchema.safeParse({ ...valid, quiz: [oneChoice] }).success).toBe(false);
  });

  it("accepts every lesson in content/lessons, with unique orders matching the file numbers", () => {
    const dir = new URL("../../content/lessons/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".mdx"));
    const orders = files.map((file) => {
      const frontmatter = parse(readFileSync(new URL(file, dir), "utf8").split(/^---$/m)[1] ?? "");
      const lesson = lessonSchema.parse(frontmatter);
      expect(lesson.order).toBe(Number(file.slice(0, 2)));
      return lesson.order;
    });
    expect(new Set(orders).size).toBe(files.length);
  });
});
