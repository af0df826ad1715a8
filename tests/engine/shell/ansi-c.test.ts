import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ansiCDecode } from "../../../sandbox/engine/shell/parser.ts";
import { run1 } from "../helpers.ts";

describe("bash's $'…' ANSI-C quoting", () => {
  it("decodes escapes in the host shell, as one quoted word next to others", async () => {
    expect((await run1("printf '[%s]\\n' $'a\\tb' $'it\\'s' x$'\\x41\\101\\u00e9'y")).stdout).toBe(
      "[a\tb]\n[it's]\n[xAAéy]\n",
    );
    expect((await run1("echo $'one\\ntwo' | wc -l")).stdout).toBe("2\n");
  });

  it("is plain text inside double quotes, and an unclosed one reads on", async () => {
    expect((await run1(`echo "$'x'"`)).stdout).toBe("$'x'\n");
    expect((await run1("echo $'open")).stderr).toBe("bash: unexpected EOF while looking for matching `''\n");
  });

  it("keeps an unknown escape, stops at NUL, and writes \\cX control characters", () => {
    expect(ansiCDecode("\\q\\zx")).toBe("\\q\\zx");
    expect(ansiCDecode("ab\\0cd")).toBe("ab");
    expect(ansiCDecode("\\ca\\cZ\\c?")).toBe("\x01\x1a\x7f");
    expect(ansiCDecode("\\x\\u")).toBe("\\x\\u");
    expect(ansiCDecode("\\e[1m\\E")).toBe("\x1b[1m\x1b");
  });

  it("is not ANSI-C quoting in dash, the sh of Debian images", async () => {
    const { createSandbox } = await import("../../../sandbox/engine/index.ts");
    const sandbox = createSandbox({ timeMode: "instant" });
    let text = "";
    await sandbox.exec("kubectl run d --image=nginx && kubectl wait --for=condition=Ready pod/d", () => {});
    await sandbox.exec("kubectl exec d -- sh -c \"printf '%s\\n' \\$'a\\\\tb'\"", (c) => {
      text += c.text;
    });
    // dash: `$` stays literal and '…' is an ordinary single-quoted string.
    expect(text).toBe("$a\\tb\n");
  });

  // Bodies of ASCII text and escapes, checked byte for byte against the real bash on this machine.
  const piece = fc.oneof(
    // No hex or octal digits: a piece after \x, \u, \U or \NNN would extend its number.
    fc.constantFrom("g", "Z", " ", "~", '"', "$", "`", "*"),
    fc.constantFrom(..."abefnrtvE\\'\"?".split("").map((c) => `\\${c}`)),
    fc.integer({ min: 1, max: 0o177 }).map((n) => `\\${n.toString(8)}`),
    fc.integer({ min: 1, max: 0x7f }).map((n) => `\\x${n.toString(16)}`),
    fc.integer({ min: 1, max: 0xd7ff }).map((n) => `\\u${n.toString(16)}`),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((n) => `\\U${n.toString(16)}`),
    fc.constantFrom("a", "M", "z", "[", "A").map((c) => `\\c${c}`),
    fc.constantFrom("\\q", "\\k", "\\8"),
  );
  const body = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));

  it.skipIf(!existsSync("/bin/bash"))("decodes what bash decodes (property, against /bin/bash)", () => {
    const bodies = fc.sample(body, { numRuns: 300, seed: 3 });
    const script = `printf '%s\\0' ${bodies.map((b) => `$'${b}'`).join(" ")}`;
    const result = spawnSync("/bin/bash", ["-c", script], { env: { LC_ALL: "C.UTF-8" } });
    const got = result.stdout.toString("utf8").split("\0").slice(0, -1);
    expect(got.length).toBe(bodies.length);
    bodies.forEach((b, i) => {
      expect([b, ansiCDecode(b)]).toEqual([b, got[i]]);
    });
  });
});
