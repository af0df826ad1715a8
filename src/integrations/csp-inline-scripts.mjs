// @ts-check
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Completes the Content-Security-Policy that Astro writes into every page (`security.csp`).
 *
 * Astro hashes the scripts it bundles, but not `is:inline` ones (Starlight's theme, sidebar and
 * search scripts), which its docs leave to the user as `scriptDirective.hashes`. Hashes written
 * by hand go stale with every Starlight upgrade, so this integration reads each built page, hashes
 * the inline scripts it really contains and adds them to `script-src`. It also moves the policy to
 * the top of `<head>`: a `<meta>` policy governs only what comes after it.
 */
/** @returns {import("astro").AstroIntegration} */
export function cspInlineScripts() {
  return {
    name: "stateful-lab:csp-inline-scripts",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        let pages = 0;
        for (const file of await htmlFiles(root)) {
          const html = await readFile(file, "utf8");
          const completed = completePolicy(html);
          if (completed !== html) {
            await writeFile(file, completed);
            pages++;
          }
        }
        logger.info(`inline script hashes added to the policy of ${pages} pages`);
      },
    },
  };
}

const META = /<meta http-equiv="content-security-policy" content="([^"]*)"\s*\/?>/;
const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/g;

/**
 * The page with every inline script's hash in its policy and the policy first in `<head>`.
 * @param {string} html
 * @returns {string}
 */
export function completePolicy(html) {
  const meta = META.exec(html);
  if (!meta) return html;
  const policy = meta[1] ?? "";
  const hashes = new Set();
  for (const [, attributes = "", body = ""] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc=/.test(attributes)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
  }
  const directives = policy.split(";").map((d) => d.trim());
  const scriptSrc = directives.findIndex((d) => d.startsWith("script-src "));
  if (scriptSrc < 0) throw new Error("the page's Content-Security-Policy has no script-src");
  const sources = new Set(directives[scriptSrc]?.split(/\s+/).slice(1));
  for (const hash of hashes) sources.add(hash);
  directives[scriptSrc] = `script-src ${[...sources].join(" ")}`;
  const completed = `<meta http-equiv="content-security-policy" content="${directives.filter(Boolean).join("; ")}">`;
  const withoutMeta = html.replace(meta[0], "");
  // Right after the charset declaration, which must stay within the first 1024 bytes.
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(withoutMeta);
  const at = charset ? charset.index + charset[0].length : withoutMeta.indexOf("<head>") + "<head>".length;
  return withoutMeta.slice(0, at) + completed + withoutMeta.slice(at);
}

/**
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function htmlFiles(dir) {
  /** @type {string[]} */
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith(".html")) found.push(path);
  }
  return found;
}
