import { describe, expect, it } from "vitest";
import { chunkSources, decodeMappings } from "../../scripts/chunk-sources.ts";

describe("chunk-sources", () => {
  it("decodes source-map VLQ segments: relative columns per line, sources across lines, negatives", () => {
    // Fields: column, source, source line, source column. "AAAA,GCAA" = col 0 src 0, col +3 src +1;
    // ";" next line (columns restart); "ACAA" = col 0 src +1; "gBDAA" = col 16 (two digits) src -1.
    expect(decodeMappings("AAAA,GCAA;ACAA,gBDAA")).toEqual([
      [
        [0, 0],
        [3, 1],
      ],
      [
        [0, 2],
        [16, 1],
      ],
    ]);
  });

  it("gives each minified byte to the source it maps to, grouped by path, shares adding up to the chunk", () => {
    const code = `${"a".repeat(3)}${"b".repeat(40)}\n${"c".repeat(16)}`;
    const map = {
      sources: ["../../src/one/x.ts", "../../node_modules/lib/dist/y.js", "../../src/two/z.ts"],
      mappings: "AAAA,GCAA;ACAA,gBDAA",
    };
    const { rows, gzip } = chunkSources(code, map, 2);
    const bytes = Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
    expect(bytes).toEqual({ "src/one": 3, "node_modules/lib": 41 + 1, "src/two": 16 });
    expect(rows.reduce((sum, r) => sum + r.gzip, 0)).toBeCloseTo(gzip, -1);
  });
});
