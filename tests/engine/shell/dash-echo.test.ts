import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

// Debian images' /bin/sh is dash, whose echo always interprets backslashes and knows only -n.
describe("echo in dash", () => {
  const piece = fc.oneof(
    fc.constantFrom("a", "Z", " ", "-", "~", '"', "%"),
    fc.constantFrom(..."abfnrtvexE\\".split("").map((c) => `\\${c}`)),
    fc.integer({ min: 1, max: 0o177 }).map((n) => `\\0${n.toString(8)}`),
    fc.constantFrom("\\q", "\\x41"),
  );
  const word = fc.array(piece, { maxLength: 6 }).map((p) => p.join(""));
  const line = fc.tuple(fc.constantFrom("", "-n ", "-e ", "-en "), word, fc.boolean());
  const lines = fc.sample(line, { numRuns: 60, seed: 5 });
  const script = lines.map(([opt, w, stop]) => `echo ${opt}'${w}${stop ? "\\cX" : ""}'; echo '|'`).join("; ");

  it.skipIf(!existsSync("/bin/dash"))(
    "prints what the real dash prints (property, against /bin/dash)",
    async () => {
      const expected = spawnSync("/bin/dash", ["-c", script]).stdout.toString("latin1");
      const sandbox = createSandbox({ timeMode: "instant" });
      await sh(sandbox, "kubectl run d --image=nginx:1.27 && kubectl wait --for=condition=Ready pod/d");
      await sh(sandbox, `cat > s.sh <<'EOF'\n${script}\nEOF`);
      const got = await sh(sandbox, 'kubectl exec d -- sh -c "$(cat s.sh)"');
      expect(got.stdout.split("|\n")).toEqual(expected.split("|\n"));
    },
  );
});
