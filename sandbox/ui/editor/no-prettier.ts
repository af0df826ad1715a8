/**
 * Stands in for Prettier in monaco-yaml's worker (astro.config.mjs aliases `prettier/*` here).
 * yaml-language-server imports Prettier only to format documents, and the editor does not offer
 * formatting (monaco.ts: `format: { enable: false }`): 130 KB of gzip the worker no longer loads.
 * Were it ever called, yaml-language-server catches the error and makes no edits.
 */
export async function format(): Promise<string> {
  throw new Error("formatting is not part of this editor");
}
