import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { parseShell } from "../../../sandbox/engine/shell/parser.ts";

const COMMANDS = [
  "echo",
  "cat",
  "ls",
  "grep",
  "wc",
  "sort",
  "uniq",
  "head",
  "true",
  "false",
  "nope",
  "cd",
  "export",
  "printf",
  "awk",
  "cut",
  "mkdir",
  "rm",
  "touch",
  "xargs",
];
const PIECES = [
  "for",
  "in",
  "do",
  "done",
  "while",
  "until",
  "if",
  "then",
  "elif",
  "else",
  "fi",
  "break",
  "continue",
  "[",
  "]",
  "-eq",
  "|",
  "||",
  "&&",
  ";",
  ">",
  ">>",
  "<",
  "2>&1",
  "2>/dev/null",
  "<<EOF",
  "<<'EOF'",
  "\n",
  "'",
  '"',
  "\\",
  "$",
  "$?",
  "${X}",
  "$(",
  ")",
  "`",
  "#",
  "*",
  "~",
  "-n",
  "-l",
  "x.txt",
  "EOF",
  "é",
  "😀",
  " ",
];

const line = fc
  .array(
    fc.oneof(
      fc.constantFrom(...COMMANDS),
      fc.constantFrom(...PIECES),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: "grapheme", maxLength: 4 }),
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(" "));

async function exec(sandbox: ReturnType<typeof createSandbox>, text: string) {
  let output = "";
  const status = await sandbox.exec(text, (c) => {
    output += c.text;
  });
  return { status, output };
}

describe("the shell never throws on what a learner can type", () => {
  it("returns an integer status between 0 and 255 for random command lines", async () => {
    // One sandbox for all runs: creating a cluster costs more than the commands themselves.
    const sandbox = createSandbox({ timeMode: "instant" });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), async (lines) => {
        for (const text of lines) {
          sandbox.isComplete(text);
          const { status } = await exec(sandbox, text);
          expect(Number.isInteger(status) && status >= 0 && status <= 255).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("copes with a huge argument", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const big = "x".repeat(200_000);
    const { status, output } = await exec(sandbox, `echo ${big} | wc -c`);
    expect(status).toBe(0);
    expect(output).toBe("200001\n");
  });
});

describe("quoting round-trips any text", () => {
  it("echo of a single-quoted word prints it back unchanged", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 30 }), async (text) => {
        const quoted = `'${text.replace(/'/g, "'\\''")}'`;
        const { output } = await exec(sandbox, `printf '%s' ${quoted}`);
        expect(output).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("a quoted heredoc body comes back byte for byte", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const bodyLine = fc
      .string({ unit: "grapheme", maxLength: 20 })
      .filter((l) => !l.includes("\n") && l !== "END");
    await fc.assert(
      fc.asyncProperty(fc.array(bodyLine, { maxLength: 6 }), async (lines) => {
        const text = `cat <<'END'\n${lines.map((l) => `${l}\n`).join("")}END`;
        expect(sandbox.isComplete(text)).toBe(true);
        const { output } = await exec(sandbox, text);
        expect(output).toBe(lines.map((l) => `${l}\n`).join(""));
      }),
      { numRuns: 200 },
    );
  });

  it("any prefix of a complete heredoc command is either incomplete or parses", () => {
    const text = "cat > a.yaml <<EOF\nkind: Pod\nname: $N\nEOF\necho done";
    for (let i = 0; i <= text.length; i++) {
      expect(() => parseShell(text.slice(0, i))).not.toThrow();
    }
  });
});
