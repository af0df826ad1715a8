// @ts-check
import { fileURLToPath } from "node:url";
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";
import { cspInlineScripts } from "./src/integrations/csp-inline-scripts.mjs";
import { serviceWorker } from "./src/integrations/service-worker.mjs";
import { lessonSidebarItems } from "./src/lesson-sidebar.mjs";
import { bootSnapshots } from "./src/vite/boot-snapshots.mjs";
import { kubernetesSchema } from "./src/vite/k8s-schema.mjs";
import { monacoCssAtRuntime } from "./src/vite/monaco-css.mjs";
import { workerStartChunk } from "./src/vite/worker-start-chunk.mjs";

/**
 * The site can live under a sub-path (GitHub Pages project sites, a workshop server):
 * BASE_PATH=/stateful-lab/ npm run build. Every link, asset and worker URL follows it.
 */
const base = process.env.BASE_PATH ?? "/";

export default defineConfig({
  site: process.env.SITE_URL ?? "https://stateful-lab.github.io",
  base,
  trailingSlash: "always",
  // A private cache lets two builds run side by side on one machine (ASTRO_CACHE_DIR=/tmp/x).
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  // Inline <style> blocks would put hashes into style-src, and a hash there makes browsers ignore
  // 'unsafe-inline' — which Monaco and xterm need for the <style> elements they create at run time.
  build: { inlineStylesheets: "never" },
  security: {
    // Astro writes this policy into every page as a <meta http-equiv> and hashes its own scripts.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  integrations: [
    // Starlight brings @astrojs/mdx, Pagefind search, dark mode, mobile navigation and prev/next links.
    starlight({
      title: "Stateful Lab",
      description: "Learn stateful Kubernetes hands-on, with a real-feeling cluster running in your browser.",
      logo: { src: "./src/assets/logo.svg", replacesTitle: false },
      customCss: ["./src/styles/theme.css"],
      lastUpdated: false,
      pagination: true,
      sidebar: [
        { label: "Start here", link: "/" },
        { label: "Lessons", items: lessonSidebarItems() },
        { label: "Playground", link: "/playground/" },
        {
          label: "Guides",
          items: [
            { label: "Cheat sheet", link: "/cheat-sheet/" },
            { label: "Instructor guide", link: "/instructor-guide/" },
          ],
        },
      ],
      components: { Search: "./src/components/Search.astro", Sidebar: "./src/components/Sidebar.astro" },
    }),
    cspInlineScripts(),
    // Last: the offline service worker hashes every file the build and the integrations above wrote.
    serviceWorker(),
  ],
  vite: {
    // bootSnapshots: the page imports virtual:boot-snapshots, to fetch a scenario's while the
    // engine worker starts (sandbox/ui/boot-snapshot.ts).
    plugins: [monacoCssAtRuntime(), kubernetesSchema(), bootSnapshots()],
    resolve: {
      // monaco-yaml's worker imports monaco-editor/esm/vs/…, which Monaco's exports map no longer
      // allows (it maps monaco-editor/* to esm/vs/*): point such imports at the files themselves.
      alias: [
        {
          find: /^monaco-editor\/esm\/vs\//,
          replacement: fileURLToPath(new URL("./node_modules/monaco-editor/esm/vs/", import.meta.url)),
        },
        // yaml-language-server (in monaco-yaml's worker) imports Prettier only to format, which
        // the editor does not offer: a stub keeps 130 KB of gzip out of the worker.
        {
          find: /^prettier\/(standalone|plugins\/.*)$/,
          replacement: fileURLToPath(new URL("./sandbox/ui/editor/no-prettier.ts", import.meta.url)),
        },
        // Monaco links its diff editors in for createDiffEditor, which the editor never calls.
        {
          find: /^.*\/widget\/(diffEditor\/diffEditorWidget|multiDiffEditor\/multiDiffEditorWidget)\.js$/,
          replacement: fileURLToPath(new URL("./sandbox/ui/editor/no-diff-editor.ts", import.meta.url)),
        },
      ],
    },
    // SOURCEMAP=1 writes source maps next to the chunks, to see where the bytes of a chunk come
    // from (README, Figures). Off by default: maps would be precached and served.
    build: { sourcemap: process.env.SOURCEMAP === "1" },
    worker: {
      format: "es",
      // The YAML editor's worker carries the Kubernetes schema (sandbox/ui/editor/yaml.worker.ts);
      // each worker starts from one file, what it imports statically in its entry chunk.
      plugins: () => [kubernetesSchema(), workerStartChunk()],
    },
    optimizeDeps: { include: ["@xterm/xterm", "@xterm/addon-fit", "comlink", "yaml"] },
  },
});
