// @ts-check
import { readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const MONACO = fileURLToPath(new URL("../../node_modules/monaco-editor/esm/vs/", import.meta.url));
/** Monaco's stylesheets, in the order its modules run (see below); written by the build on request. */
const LIST = fileURLToPath(new URL("../../sandbox/ui/editor/monaco-css.json", import.meta.url));
const VIRTUAL = "virtual:monaco-css";
const RESOLVED = "\0virtual:monaco-css";
// The suffix keeps Vite's own CSS pipeline from claiming the module (it matches ids ending in .css).
const LEFT_OUT = "\0monaco-css-left-out:";
const SUFFIX = ".js";

/**
 * Monaco's CSS, loaded with the editor and apart from its code. Monaco's modules import their own
 * .css files (about a hundred). Left to Vite and Astro, that CSS would be hoisted into every page's
 * <head> as a render-blocking stylesheet (~175 KB) though Monaco loads lazily; injected by Monaco's
 * modules as they run, it would be parsed and applied on the editor's critical path, after the
 * browser has compiled Monaco's 3 MB. So:
 * - every .css import inside monaco-editor becomes an empty module;
 * - `virtual:monaco-css` holds all that CSS, in one <style data-monaco> added when it runs.
 *   sandbox/ui/editor/editor-preload.ts imports it, and the editor's loader imports that beside
 *   Monaco's chunk: a small chunk of its own, applied while the browser still compiles Monaco.
 * The CSS goes in the order Monaco's modules import it (`sandbox/ui/editor/monaco-css.json`): the
 * build checks that list against the module graph and fails when Monaco's stylesheets changed
 * (`UPDATE_MONACO_CSS=1 npx astro build` rewrites it). Relative url()s (the codicon font) become
 * asset imports so they still resolve under any base path.
 * @returns {import("vite").Plugin}
 */
export function monacoCssAtRuntime() {
  return {
    name: "stateful-lab:monaco-css-at-runtime",
    enforce: "pre",
    async resolveId(source, importer) {
      if (source === VIRTUAL) return RESOLVED;
      if (!source.endsWith(".css") || !importer?.includes("/node_modules/monaco-editor/")) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved ? LEFT_OUT + resolved.id + SUFFIX : null;
    },
    async load(id) {
      if (id.startsWith(LEFT_OUT)) return "export {};";
      if (id !== RESOLVED) return null;
      /** @type {string[]} */
      const files = JSON.parse(await readFile(LIST, "utf8"));
      /** @type {string[]} */
      const imports = [];
      let code = "let css = '';\n";
      for (const name of files) {
        const file = resolve(MONACO, name);
        const parts = (await readFile(file, "utf8")).split(/url\((['"]?)(\.{1,2}\/[^'")]+)\1\)/g);
        for (let i = 0; i < parts.length; i += 3) {
          code += `css += ${JSON.stringify(parts[i])};\n`;
          const url = parts[i + 2];
          if (url === undefined) continue;
          const asset = `asset${imports.length}`;
          const path = resolve(dirname(file), url.replace(/[?#].*$/, ""));
          imports.push(`import ${asset} from ${JSON.stringify(`${path}?url`)};`);
          code += `css += "url(" + JSON.stringify(${asset}) + ")";\n`;
        }
      }
      return `${imports.join("\n")}
${code}
if (typeof document !== "undefined") {
  const style = document.createElement("style");
  style.dataset.monaco = "";
  style.textContent = css;
  document.head.append(style);
}`;
    },
    async generateBundle() {
      // The order Monaco's modules run in, hence import their CSS: depth first, imports in order.
      /** @type {string[]} */
      const order = [];
      const seen = new Set();
      /** @param {string} id */
      const visit = (id) => {
        if (seen.has(id)) return;
        seen.add(id);
        for (const imported of this.getModuleInfo(id)?.importedIds ?? []) visit(imported);
        if (id.startsWith(LEFT_OUT)) order.push(relative(MONACO, id.slice(LEFT_OUT.length, -SUFFIX.length)));
      };
      const roots = [...this.getModuleIds()].filter((id) => {
        const info = this.getModuleInfo(id);
        return info && (info.isEntry || info.dynamicImporters.length > 0);
      });
      for (const id of roots.sort()) visit(id);
      if (order.length === 0) return;
      const listed = JSON.parse(await readFile(LIST, "utf8").catch(() => "[]"));
      if (JSON.stringify(listed) === JSON.stringify(order)) return;
      if (process.env.UPDATE_MONACO_CSS === "1") {
        await writeFile(LIST, `${JSON.stringify(order, null, 2)}\n`);
        this.warn(`wrote ${relative(process.cwd(), LIST)}: build again to use it`);
        return;
      }
      this.error(
        `Monaco's stylesheets differ from ${relative(process.cwd(), LIST)} (${order.length} imported, ` +
          `${listed.length} listed): run UPDATE_MONACO_CSS=1 npx astro build, then build again`,
      );
    },
  };
}
