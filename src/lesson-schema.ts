import { z } from "astro/zod";
import { CHECKS, checkProblems } from "../sandbox/engine/checks/index.ts";
import { isScenarioName, SCENARIOS } from "../sandbox/engine/scenarios/index.ts";

/**
 * Which registered check ticks a task, with its params (sandbox/engine/checks). An unknown check
 * or a wrong param fails the build, with the check's own message.
 */
const taskCheck = z
  .object({
    name: z.string().describe(`A check from sandbox/engine/checks: ${[...CHECKS.keys()].join(", ")}.`),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe("The check's params, e.g. { name: web, replicas: 2 }."),
  })
  .strict()
  .superRefine(({ name, params }, ctx) => {
    for (const message of checkProblems(name, params)) ctx.addIssue({ code: "custom", message });
  });

const quizChoice = z
  .object({
    text: z.string().min(1).describe("The answer as shown (Markdown code spans are kept as text)."),
    correct: z.boolean().default(false).describe("Whether choosing it is right."),
    explanation: z.string().min(1).describe("Why it is right or wrong; shown once the answer is checked."),
  })
  .strict();

const quizQuestion = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .describe("Stable id, used to remember progress."),
    question: z.string().min(1).describe("The question."),
    choices: z
      .array(quizChoice)
      .min(2)
      .refine((choices) => choices.some((c) => c.correct), {
        message: "a question needs at least one correct choice",
      })
      .describe(
        "Two or more choices; one correct makes radio buttons, several make checkboxes (all must be picked).",
      ),
  })
  .strict();

/**
 * A lesson's frontmatter. Strict: a misspelt key or a scenario the engine does not know fails
 * the build instead of silently producing a lesson that starts from the wrong cluster.
 */
export const lessonSchema = z
  .object({
    title: z.string().min(1).describe("The lesson's title, shown as its heading and in the sidebar."),
    description: z.string().min(1).describe("One or two sentences: what the learner will be able to do."),
    order: z.number().int().positive().describe("Position in the course; lessons are listed by this number."),
    scenario: z
      .string()
      .refine(isScenarioName, {
        message: `unknown scenario; known scenarios: ${Object.keys(SCENARIOS).join(", ")}`,
      })
      .describe("The named cluster state the sandbox starts from (sandbox/engine/scenarios)."),
    objectives: z
      .array(z.string().min(1))
      .default([])
      .describe("What the learner will have done by the end, shown before the lesson text."),
    tasks: z
      .array(
        z
          .object({
            id: z
              .string()
              .regex(/^[a-z0-9-]+$/)
              .describe("Stable id, used to remember progress."),
            title: z.string().min(1).describe("What to do, as shown in the checklist."),
            hint: z.string().optional().describe("A nudge for a learner who is stuck."),
            solution: z
              .string()
              .optional()
              .describe(
                "Commands that complete the task, one line each (heredocs allowed); replayed in order for checkpoints.",
              ),
            check: taskCheck.describe("The check that ticks the task."),
          })
          .strict(),
      )
      .default([])
      .superRefine((tasks, ctx) => {
        const seen = new Set<string>();
        for (const [index, task] of tasks.entries()) {
          if (seen.has(task.id))
            ctx.addIssue({ code: "custom", message: `duplicate task id "${task.id}"`, path: [index, "id"] });
          seen.add(task.id);
        }
      })
      .describe(
        "Checklist items that tick themselves from the cluster's state and history (sandbox/engine/checks).",
      ),
    quiz: z
      .array(quizQuestion)
      .default([])
      .describe("A short quiz at the end of the lesson, where understanding matters more than typing."),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
