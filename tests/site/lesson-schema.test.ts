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
    expect(lessonSchema.parse(valid)).toEqual({ ...valid, objectives: [], tasks: [] });
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
