import { z } from "astro/zod";
import { isScenarioName, SCENARIOS } from "../sandbox/engine/scenarios/index.ts";

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
            solution: z.string().optional().describe("Commands that complete the task."),
          })
          .strict(),
      )
      .default([])
      .describe(
        "Checklist items that tick themselves from the cluster's state (checks come with the engine).",
      ),
  })
  .strict();

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
