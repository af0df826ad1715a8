/**
 * Where the bytes of a built chunk come from: reads the chunk's source map (build with SOURCEMAP=1,
 * see astro.config.mjs), gives every minified byte to the source it maps to, and prints the sources
 * grouped by the first `depth` path segments, largest first, with their share of the chunk's gzip.
 *
 *   SOURCEMAP=1 ASTRO_CACHE_DIR=/tmp/c npx astro build --outDir /tmp/maps
 *   node --experimental-strip-types scripts/chunk-sources.ts /tmp/maps/_astro/worker-*.js [depth] [rows]
 *
 * A group's gzip is estimated by compressing its bytes alone and scaling so the groups add up to the
 * chunk's real gzip size: good for "what is big", not exact to the byte.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The source-map "mappings" string: per generated line, [column, source index] of each segment. */
export function decodeMappings(mappings: string): Array<Array<[number, number | undefined]>> {
  const lines: Array<Array<[number, number | undefined]>> = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const segments: Array<[number, number | undefined]> = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      // Base64 VLQ: 5 bits a digit, continuation in bit 6, sign in the lowest bit of the value.
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length > 1) source += fields[1] ?? 0;
      segments.push([column, fields.length > 1 ? source : undefined]);
    }
    lines.push(segments);
  }
  return lines;
}

export function chunkSources(code: string, map: { sources: string[]; mappings: string }, depth: number) {
  const group = (source: string | undefined) =>
    source === undefined
      ? "(unmapped)"
      : source
          .replace(/^(\.\.\/)+/, "")
          .replace(/^.*node_modules\//, "node_modules/")
          .split("/")
          .slice(0, depth)
          .join("/");
  const text = new Map<string, string>();
  const add = (key: string, piece: string) => text.set(key, (text.get(key) ?? "") + piece);
  const lines = code.split("\n");
  decodeMappings(map.mappings).forEach((segments, l) => {
    const line = lines[l] ?? "";
    let from = 0;
    let owner = "(unmapped)";
    for (const [column, source] of segments) {
      add(owner, line.slice(from, column));
      from = column;
      owner = group(source === undefined ? undefined : map.sources[source]);
    }
    add(owner, `${line.slice(from)}\n`);
  });
  const total = gzipSync(code, { level: 9 }).length;
  const rows = [...text]
    .filter(([, t]) => t !== "")
    .map(([name, t]) => ({
      name,
      bytes: t.length,
      gzip: gzipSync(t, { level: 9 }).length,
    }));
  const separate = rows.reduce((sum, r) => sum + r.gzip, 0);
  for (const r of rows) r.gzip = Math.round((r.gzip * total) / separate);
  return { bytes: code.length, gzip: total, rows: rows.sort((a, b) => b.gzip - a.gzip) };
}

if (import.meta.main) {
  const [file, depth = "4", count = "40"] = process.argv.slice(2);
  if (!file) {
    console.error("usage: chunk-sources.ts <chunk.js> [depth] [rows]");
    process.exit(2);
  }
  const code = readFileSync(file, "utf8");
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8"));
  const { bytes, gzip, rows } = chunkSources(code, map, Number(depth));
  const kB = (n: number) => (n / 1000).toFixed(1).padStart(7);
  console.log(`${file}: ${kB(bytes)} KB minified, ${kB(gzip)} KB gzip`);
  for (const r of rows.slice(0, Number(count)))
    console.log(`${kB(r.gzip)} KB gzip ${kB(r.bytes)} KB  ${r.name}`);
}
