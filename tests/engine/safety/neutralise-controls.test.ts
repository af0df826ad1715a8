/**
 * neutraliseControls: the browser terminal's filter for output that may carry user data. Hostile
 * sequences come out in cat -v's caret notation, ordinary text and line structure untouched.
 */
import { describe, expect, it } from "vitest";
import { neutraliseControls } from "../../../sandbox/engine/output.ts";

describe("neutraliseControls", () => {
  it("leaves plain text, tabs, newlines and CRLF alone", () => {
    const text = "NAME\tREADY\nweb-0\t1/1\r\nünïcödé ✓ \u202e<img src=x onerror=alert(1)>\n";
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
});
