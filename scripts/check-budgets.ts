/**
 * The page-weight check `npm test` runs on the build output: for each page type in budgets.json it
 * works out which JavaScript the page loads before the learner opens anything, gzips it, prints a
 * table and exits non-zero when a page is over its budget.
 *
 *   node --experimental-strip-types scripts/check-budgets.ts [dist] [budgets.json]
 *
 * What a page loads is followed the way the browser follows it: the HTML's module scripts,
 * modulepreload links and inline scripts; every static import of those files; every dynamic
 * `import()` (a lazily imported chunk still loads at start-up unless something waits for the
 * learner, so it counts unless budgets.json names it as on demand); and every worker started with
 * `new Worker(new URL(…))` or `new Worker("/…")`, with the worker's own imports. Chunks budgets.json lists under
 * `onDemand` (the editor, the cluster view) are followed separately and reported on their own; so
 * are the `import()`s made by chunks an on-demand group names in `importedFrom` (the engine worker
 * imports a kubectl verb's code the first time the learner runs that verb).
 * tests/bench/site.bench.ts checks in Chromium that this agrees with what the page really fetches.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * `eagerJsKB` is the budget. `allowedKB`, when present, is a stop-gap above it that budgets.json must
 * justify in `allowedBecause`: a page between the two is printed as OVER TARGET with that reason on
 * every run, and fails only above `allowedKB`, so that the gap is never silent and cannot grow.
 */
export interface PageBudget {
  html: string[];
  eagerJsKB?: number;
  allowedKB?: number;
  allowedBecause?: string;
}
export interface OnDemandBudget {
  chunks?: string[];
  importedFrom?: string[];
  kB?: number;
}
export interface Budgets {
  gzipLevel?: number;
  pages: Record<string, PageBudget>;
  onDemand?: Record<string, OnDemandBudget | string>;
}
export interface Asset {
  file: string;
  bytes: number;
  gzip: number;
}
export interface PageWeight {
  type: string;
  page: string;
  assets: Asset[];
  inlineGzip: number;
  total: number;
  budget?: number;
  allowed?: number;
  because?: string;
}
export interface GroupWeight {
  name: string;
  assets: Asset[];
  total: number;
  budget?: number;
}

const STATIC_IMPORT =
  /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]([^"'`\s]+\.m?js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`$\s]+\.m?js)["'`]\s*\)/g;
/**
 * A worker's script: `new Worker(new URL("…", import.meta.url))`, relative to the chunk, or a plain
 * string `new Worker("/_astro/….js")` (how Vite writes Monaco's `?worker` imports, the editor's YAML
 * worker among them). A plain string is relative to the page, not the chunk, so only a path from the
 * site's root (the base path included) is followed: the form Vite writes for this site's base.
 */
const WORKER_URL =
  /\bnew\s+(?:Shared)?Worker\(\s*(?:new\s+URL\(\s*["'`]([^"'`$\s]+\.m?js)["'`]|["'`](\/[^"'`$\s]+\.m?js)["'`])/g;
const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const MODULEPRELOAD = /<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>/gi;

/** Finds the file a URL in `fromFile` (or an absolute URL path in the site) points to. */
function resolveUrl(dist: string, fromFile: string, url: string): string | undefined {
  if (/^[a-z]+:/i.test(url)) return undefined; // another origin: not ours to weigh
  const clean = url.split(/[?#]/)[0]!;
  if (!clean.startsWith("/")) return resolve(dirname(fromFile), clean);
  // An absolute path carries the base path (/stateful-lab/_astro/x.js): drop leading segments
  // until the file is found in the build.
  const parts = clean.split("/").filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const candidate = join(dist, ...parts.slice(i));
    if (existsSync(candidate)) return candidate;
  }
  return join(dist, ...parts);
}

function references(code: string): { static: string[]; dynamic: string[] } {
  const of = (re: RegExp) => [...code.matchAll(re)].map((m) => (m[1] ?? m[2])!);
  return { static: [...of(STATIC_IMPORT), ...of(WORKER_URL)], dynamic: of(DYNAMIC_IMPORT) };
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}=["']?([^"'\\s>]+)`, "i").exec(tag)?.[1];
}

/** The page's own entry points: module scripts, modulepreloads and inline scripts. */
function entriesOf(dist: string, htmlFile: string): { files: string[]; inline: string } {
  const html = readFileSync(htmlFile, "utf8");
  const files: string[] = [];
  let inline = "";
  for (const [, attrs = "", body = ""] of html.matchAll(SCRIPT_TAG)) {
    const type = attr(attrs, "type");
    if (type && !/module|javascript/i.test(type)) continue; // JSON data, not code
    const src = attr(attrs, "src");
    if (src) {
      const file = resolveUrl(dist, htmlFile, src);
      if (file) files.push(file);
    } else {
      inline += `${body}\n`;
      const refs = references(body);
      for (const url of [...refs.static, ...refs.dynamic]) {
        const file = resolveUrl(dist, htmlFile, url);
        if (file) files.push(file);
      }
    }
  }
  for (const [tag] of html.matchAll(MODULEPRELOAD)) {
    const href = attr(tag, "href");
    const file = href && resolveUrl(dist, htmlFile, href);
    if (file) files.push(file);
  }
  return { files, inline };
}

const startsWithAny = (file: string, prefixes: readonly string[]) =>
  prefixes.some((p) => file.split(sep).pop()?.startsWith(p));

/**
 * Every JS file reachable from `entries`, not entering chunks whose names start with one of `stop`
 * and not following the dynamic imports of the files in `lazyImporters`.
 * Throws when a referenced file is missing from the build: a check that can't see a file can't weigh it.
 */
function reachable(
  dist: string,
  entries: readonly string[],
  stop: readonly string[],
  lazyImporters: ReadonlySet<string> = new Set(),
): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || startsWithAny(file, stop)) continue;
    if (!existsSync(file)) throw new Error(`referenced but not in the build: ${file}`);
    seen.add(file);
    const refs = references(readFileSync(file, "utf8"));
    const followed = lazyImporters.has(file) ? refs.static : [...refs.static, ...refs.dynamic];
    for (const url of followed) {
      const target = resolveUrl(dist, file, url);
      if (target) queue.push(target);
    }
  }
  return [...seen];
}

function weigh(dist: string, file: string, level: number): Asset {
  const content = readFileSync(file);
  return { file: relative(dist, file), bytes: content.length, gzip: gzipSync(content, { level }).length };
}

/** `lessons/*\/index.html` → the matching files (one `*` per path segment is all budgets.json needs). */
function expand(dist: string, pattern: string): string[] {
  let paths = [dist];
  for (const part of pattern.split("/")) {
    if (part.includes("*")) {
      const re = new RegExp(`^${part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
      paths = paths.flatMap((p) =>
        existsSync(p) && statSync(p).isDirectory()
          ? readdirSync(p)
              .filter((n) => re.test(n))
              .map((n) => join(p, n))
          : [],
      );
    } else paths = paths.map((p) => join(p, part));
  }
  return paths.filter((p) => existsSync(p));
}

/**
 * What each page type loads up front, and each on-demand group, weighed.
 */
export function analyse(dist: string, budgets: Budgets): { pages: PageWeight[]; groups: GroupWeight[] } {
  const level = budgets.gzipLevel ?? 9;
  // "$comment" keys hold prose.
  const onDemand = Object.entries(budgets.onDemand ?? {}).filter(
    (entry): entry is [string, OnDemandBudget] => typeof entry[1] === "object",
  );
  const stop = onDemand.flatMap(([, group]) => group.chunks ?? []);
  const jsFiles = readdirSync(join(dist, "_astro"), { recursive: true })
    .map((f) => join(dist, "_astro", String(f)))
    .filter((f) => f.endsWith(".js"));
  // Chunks named in `importedFrom`, with the chunks they import statically: the bundler may move
  // shared code (the shell's parser, say) out of the worker's own chunk, and that chunk's
  // import()s are on first use just as the worker's are.
  const importersNamed = (prefixes: readonly string[]) =>
    new Set(
      reachable(
        dist,
        jsFiles.filter((f) => startsWithAny(f, prefixes)),
        [],
        new Set(jsFiles),
      ),
    );
  const lazyPrefixes = onDemand.flatMap(([, group]) => group.importedFrom ?? []);
  const lazyImporters = importersNamed(lazyPrefixes);
  const pages: PageWeight[] = [];
  for (const [type, budget] of Object.entries(budgets.pages)) {
    const htmlFiles = budget.html.flatMap((pattern) => expand(dist, pattern));
    if (htmlFiles.length === 0)
      throw new Error(`no page of type ${type} in ${dist} (${budget.html.join(", ")})`);
    for (const html of htmlFiles) {
      const { files, inline } = entriesOf(dist, html);
      const assets = reachable(dist, files, stop, lazyImporters).map((f) => weigh(dist, f, level));
      const inlineGzip = inline.trim() ? gzipSync(inline, { level }).length : 0;
      const total = assets.reduce((sum, a) => sum + a.gzip, 0) + inlineGzip;
      pages.push({
        type,
        page: relative(dist, html),
        assets,
        inlineGzip,
        total,
        budget: budget.eagerJsKB,
        allowed: budget.allowedKB,
        because: budget.allowedBecause,
      });
    }
  }
  const groups = onDemand.map(([name, group]) => {
    const chunks = group.chunks ?? [];
    const importers = group.importedFrom ?? [];
    // Entries: the group's own chunks, and whatever its importers import dynamically.
    const entries = [
      ...jsFiles.filter((f) => startsWithAny(f, chunks)),
      ...[...importersNamed(importers)].flatMap((f) =>
        references(readFileSync(f, "utf8")).dynamic.map((url) => resolveUrl(dist, f, url)),
      ),
    ].filter((f) => f !== undefined);
    const others = stop.filter((p) => !chunks.includes(p));
    // What the page already loaded up front costs nothing more when the group loads.
    const upFront = new Set(pages.flatMap((p) => p.assets.map((a) => a.file)));
    const assets = reachable(
      dist,
      entries,
      others,
      importersNamed(lazyPrefixes.filter((p) => !importers.includes(p))),
    )
      .map((f) => weigh(dist, f, level))
      .filter((a) => !upFront.has(a.file));
    return { name, assets, total: assets.reduce((sum, a) => sum + a.gzip, 0), budget: group.kB };
  });
  return { pages, groups };
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** Prints the table; returns the number of budgets exceeded. */
export function report(
  { pages, groups }: { pages: PageWeight[]; groups: GroupWeight[] },
  log: (line: string) => void = console.log,
): number {
  let over = 0;
  /** Reasons for pages over their target but within an allowance, printed after the table. */
  const allowances = new Map<string, string>();
  const rows: string[][] = [["page", "JS files", "gzip KB", "budget KB", ""]];
  for (const p of pages) {
    const overTarget = p.budget !== undefined && p.total > p.budget * 1000;
    const limit = p.allowed ?? p.budget;
    const exceeded = limit !== undefined && p.total > limit * 1000;
    if (exceeded) over++;
    else if (overTarget) allowances.set(`${p.allowed} KB`, p.because ?? "(no reason given)");
    rows.push([
      p.page,
      String(p.assets.length),
      kB(p.total),
      p.budget === undefined ? "-" : `${p.budget}${p.allowed === undefined ? "" : ` (allowed ${p.allowed})`}`,
      exceeded ? "OVER" : overTarget ? "OVER TARGET" : "ok",
    ]);
  }
  for (const g of groups) {
    const exceeded = g.budget !== undefined && g.total > g.budget * 1000;
    if (exceeded) over++;
    rows.push([
      `(on demand) ${g.name}`,
      String(g.assets.length),
      kB(g.total),
      g.budget === undefined ? "-" : String(g.budget),
      exceeded ? "OVER" : "",
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    log(
      row
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join("  ")
        .trimEnd(),
    );
  // Where the bytes of the heaviest page go, so that an OVER says what to look at.
  const heaviest = [...pages].sort((a, b) => b.total - a.total)[0];
  if (heaviest) {
    log(`\n${heaviest.page}, largest files:`);
    for (const a of [...heaviest.assets].sort((x, y) => y.gzip - x.gzip).slice(0, 6)) {
      log(`  ${kB(a.gzip).padStart(7)} KB  ${a.file}`);
    }
    if (heaviest.inlineGzip) log(`  ${kB(heaviest.inlineGzip).padStart(7)} KB  (inline scripts)`);
  }
  for (const [allowed, because] of allowances) {
    log(`\nOVER TARGET: within the stop-gap allowance of ${allowed} that budgets.json records: ${because}`);
  }
  return over;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dist = "dist", budgetsFile = "budgets.json"] = process.argv.slice(2);
  try {
    const budgets = JSON.parse(readFileSync(budgetsFile, "utf8"));
    const weights = analyse(resolve(dist), budgets);
    const over = report(weights);
    const overTarget = weights.pages.filter((p) => p.budget !== undefined && p.total > p.budget * 1000);
    if (over > 0) {
      console.error(`\n${over} budget(s) exceeded (${budgetsFile}).`);
      process.exitCode = 1;
    } else if (overTarget.length > 0) {
      console.log(`\nNo page over its allowance, but ${overTarget.length} over its target (${budgetsFile}).`);
    } else console.log(`\nAll page-weight budgets met (${budgetsFile}).`);
  } catch (error) {
    console.error(`check-budgets: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
