/**
 * The terminal's trust boundary: whatever bytes user data holds (a file's contents written with
 * printf, an annotation, a label value), what reaches xterm carries no ESC, CSI or other control
 * character except in chunks the engine itself marks as its own control sequences (clear,
 * watch). The browser terminal writes marked chunks as they are and passes every other chunk
 * through one outputNeutraliser per command, as here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OutputChunk, outputNeutraliser } from "../../sandbox/engine/output.ts";
import { freshSandbox, runs } from "./harness.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must not get through
const SEQUENCE_START = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** What the browser terminal writes to xterm for these chunks, and the chunks marked control. */
function screenBytes(chunks: readonly OutputChunk[]): { text: string; control: string[] } {
  let text = "";
  const control: string[] = [];
  const screen = outputNeutraliser();
  for (const chunk of chunks) {
    if (chunk.control) {
      text += screen.flush();
      control.push(chunk.text);
    } else text += screen.write(chunk.text);
  }
  return { text: text + screen.flush(), control };
}

/** Hostile-looking text: control characters, escape sequences and ordinary characters mixed. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "\x1b",
        "\x1b[",
        "\x1b]",
        "\x07",
        "\r",
        "\b",
        "\x7f",
        "\u009b",
        "\u009d",
        "\x00",
        "\u202e",
        "\u2066",
      ),
      fc.constantFrom("[31m", "]0;title", "]52;c;aGk=", "]8;;http://x", "\\", "2J", "?1049h", "<img src=x>"),
      fc.string({ maxLength: 6 }),
      fc
        .integer({ min: 0, max: 0x10ffff })
        .map((c) => (c >= 0xd800 && c <= 0xdfff ? "x" : String.fromCodePoint(c))),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(""));

/** Single-quoted for the shell's printf %b, which turns \xHH and \e back into the bytes. */
function printfArgument(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out +=
      code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, "0")}` : ch === "'" ? "'\\''" : ch;
  }
  return `'${out}'`;
}

describe("terminal output from user data", () => {
  it("a file of random bytes, cat, a ConfigMap from it and its printers never emit a raw control character", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (data) => {
        const sandbox = freshSandbox();
        const chunks: OutputChunk[] = [];
        const lines = [
          `printf '%b' ${printfArgument(data)} > data.txt`,
          "cat data.txt",
          "kubectl create configmap fuzz --from-file=v=data.txt",
          "kubectl get configmap fuzz -o jsonpath='{.data.v}'",
          "kubectl get configmap fuzz -o yaml",
          "kubectl describe configmap fuzz",
          'kubectl annotate configmap fuzz note="$(cat data.txt)"',
          "kubectl get configmap fuzz -o custom-columns=N:.metadata.annotations.note",
          "clear",
        ];
        for (const line of lines) await sandbox.exec(`${line}\n`, (chunk) => chunks.push(chunk));
        const { text, control } = screenBytes(chunks);
        expect(text).not.toMatch(SEQUENCE_START);
        // The only marked chunk is clear's own sequence.
        expect(control).toEqual(["\x1b[H\x1b[2J\x1b[3J"]);
      }),
      { numRuns: runs(25) },
    );
  });
});
