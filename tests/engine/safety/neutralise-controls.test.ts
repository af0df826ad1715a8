/**
 * neutraliseControls: the browser terminal's filter for output that may carry user data. Hostile
 * sequences come out in cat -v's caret notation, ordinary text and line structure untouched.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseControls, outputNeutraliser } from "../../../sandbox/engine/output.ts";

describe("neutraliseControls", () => {
  it("leaves plain text, tabs, newlines and CRLF alone", () => {
    const text = "NAME\tREADY\nweb-0\t1/1\r\nünïcödé ✓ <img src=x onerror=alert(1)>\n";
    expect(neutraliseControls(text)).toBe(text);
  });

  it("shows SGR, OSC title, OSC 52 clipboard and OSC 8 hyperlinks in caret notation", () => {
    expect(neutraliseControls("\x1b[31mred\x1b[0m")).toBe("^[[31mred^[[0m");
    expect(neutraliseControls("\x1b]0;pwned\x07")).toBe("^[]0;pwned^G");
    expect(neutraliseControls("\x1b]52;c;aGk=\x1b\\")).toBe("^[]52;c;aGk=^[\\");
    expect(neutraliseControls("\x1b]8;;https://evil\x1b\\click\x1b]8;;\x1b\\")).toBe(
      "^[]8;;https://evil^[\\click^[]8;;^[\\",
    );
  });

  it("shows cursor movement, a lone CR, backspace, DEL and C1 controls", () => {
    expect(neutraliseControls("safe\rEVIL")).toBe("safe^MEVIL");
    expect(neutraliseControls("end\r")).toBe("end^M");
    expect(neutraliseControls("ab\bc\x7f")).toBe("ab^Hc^?");
    expect(neutraliseControls("\x00\x0b\x0c\x1f")).toBe("^@^K^L^_");
    // U+009B is CSI on its own in xterm; cat -v shows byte 0x9b as M-^[.
    expect(neutraliseControls("\u009b31m\u0085")).toBe("M-^[31mM-^E");
  });

  it("never leaves a control character that can start a sequence", () => {
    let all = "";
    for (let code = 0; code < 0x100; code++) all += String.fromCharCode(code);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must be gone
    expect(neutraliseControls(all)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it("shows bidi embedding, override and isolate controls as cat -v shows their bytes", () => {
    // xterm draws a row as HTML text, where U+202E would make "exe.txt" read "txt.exe".
    expect(neutraliseControls("\u202eexe.txt")).toBe("M-bM-^@M-.exe.txt");
    expect(neutraliseControls("a\u2066b\u2069c\u202a")).toBe("aM-bM-^AM-&bM-bM-^AM-)cM-bM-^@M-*");
    // Marks and ordinary right-to-left text are left as they are.
    expect(neutraliseControls("\u200f\u05e9\u05dc\u05d5\u05dd")).toBe("\u200f\u05e9\u05dc\u05d5\u05dd");
  });
});

describe("outputNeutraliser", () => {
  it("keeps a CRLF split across two chunks a newline, and still shows a lone CR", () => {
    const screen = outputNeutraliser();
    expect(screen.write("a\r")).toBe("a");
    expect(screen.write("\nb\r")).toBe("\r\nb");
    expect(screen.write("c")).toBe("^Mc");
    expect(screen.write("\r")).toBe("");
    expect(screen.flush()).toBe("^M");
    expect(screen.flush()).toBe("");
    expect(screen.write("")).toBe("");
    // Text that only looks like a CR in caret notation is text.
    expect(screen.write("a^M")).toBe("a^M");
    expect(screen.write("\n")).toBe("\n");
  });

  it("shows the same as neutraliseControls over the whole output, however it is cut (property)", () => {
    const piece = fc.constantFrom("\r", "\n", "\r\n", "a", "^M", "\x1b", "[31m", "\t", "\u202e", "\u009b");
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 6 }).map((p) => p.join("")),
          { maxLength: 8 },
        ),
        (chunks) => {
          const screen = outputNeutraliser();
          const shown = chunks.map((chunk) => screen.write(chunk)).join("") + screen.flush();
          expect(shown).toBe(neutraliseControls(chunks.join("")));
        },
      ),
    );
  });
});
