import { defineCollection } from "astro:content";
import { docsLoader } from "@astrojs/starlight/loaders";
import { docsSchema } from "@astrojs/starlight/schema";
import { glob } from "astro/loaders";
import { lessonSchema } from "./lesson-schema.ts";

export const collections = {
  /** Starlight's own pages: the landing page and guides. */
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  /** The lessons, one MDX file each, numbered for order: content/lessons/NN-slug.mdx. */
  lessons: defineCollection({
    loader: glob({ pattern: "*.mdx", base: "./content/lessons" }),
    schema: lessonSchema,
  }),
};
