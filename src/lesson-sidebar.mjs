// @ts-check
/**
 * Sidebar links for the lessons, in lesson order, read from the MDX frontmatter at config time
 * (Starlight's autogenerate only covers its own docs collection).
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";

const LESSONS_DIR = new URL("../content/lessons/", import.meta.url);

/** `01-stateless-vs-stateful.mdx` → `stateless-vs-stateful`: the number orders, the slug names. */
/** @param {string} fileName */
export function lessonSlug(fileName) {
  return fileName.replace(/\.mdx$/, "").replace(/^\d+-/, "");
}

export function lessonSidebarItems() {
  return readdirSync(LESSONS_DIR)
    .filter((f) => f.endsWith(".mdx"))
    .map((file) => {
      const text = readFileSync(new URL(file, LESSONS_DIR), "utf8");
      const frontmatter = parse(text.split(/^---$/m)[1] ?? "") ?? {};
      return { file, title: String(frontmatter.title ?? file), order: Number(frontmatter.order ?? 0) };
    })
    .sort((a, b) => a.order - b.order)
    .map(({ file, title, order }) => ({
      label: `${order}. ${title}`,
      link: `/lessons/${lessonSlug(file)}/`,
    }));
}
