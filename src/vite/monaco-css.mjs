// @ts-check
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

const PREFIX = "\0monaco-css:";
// The suffix keeps Vite's own CSS pipeline from claiming the module (it matches ids ending in .css).
const SUFFIX = ".inject.js";

/**
 * Monaco's modules import their own .css files. Left to Vite and Astro, that CSS is hoisted into
 * every page's <head> as a render-blocking stylesheet (~175 KB) even though Monaco loads lazily.
 * This plugin turns those imports into tiny modules that inject a <style> when Monaco itself
 * loads, so pages that never open the editor never pay for its CSS. Relative url()s (the codicon
 * font) become asset imports so they still resolve under any base path.
 * @returns {import("vite").Plugin}
 */
export function monacoCssAtRuntime() {
  return {
    name: "stateful-lab:monaco-css-at-runtime",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!source.endsWith(".css") || !importer?.includes("/node_modules/monaco-editor/")) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved ? PREFIX + resolved.id + SUFFIX : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      const css = await readFile(file, "utf8");
      /** @type {string[]} */
      const imports = [];
      const parts = css.split(/url\((['"]?)(\.{1,2}\/[^'")]+)\1\)/g);
      let code = "let css = '';\n";
      for (let i = 0; i < parts.length; i += 3) {
        code += `css += ${JSON.stringify(parts[i])};\n`;
        const relative = parts[i + 2];
        if (relative === undefined) continue;
        const name = `asset${imports.length}`;
        imports.push(
          `import ${name} from ${JSON.stringify(`${resolve(dirname(file), relative.replace(/[?#].*$/, ""))}?url`)};`,
        );
        code += `css += "url(" + JSON.stringify(${name}) + ")";\n`;
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
  };
}
