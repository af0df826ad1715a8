/**
 * Pasted text is user data: none of its control characters may reach the line (which the
 * terminal redraws as it is), C1 controls included — xterm reads U+009B alone as CSI.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeKeys } from "../../sandbox/ui/terminal/keys.ts";

const PASTE = (text: string) => `\x1b[200~${text}\x1b[201~`;

describe("pasted text", () => {
  it("loses ESC, BEL, C1 and DEL but keeps the visible text", () => {
    const actions = decodeKeys(PASTE("echo \x1b]0;t\x07\u009b31mhi\x7f <img src=x onerror=alert(1)>"));
    expect(actions).toEqual([{ type: "insert", text: "echo ]0;t31mhi <img src=x onerror=alert(1)>" }]);
  });

  it("loses bidi embedding, override and isolate controls, which would reorder the line on screen", () => {
    const actions = decodeKeys(PASTE("echo \u202egnp.exe\u202c \u2066a\u2069 \u200eb"));
    // Marks (U+200E) change no order outside their neighbours and stay, as other text does.
    expect(actions).toEqual([{ type: "insert", text: "echo gnp.exe a \u200eb" }]);
  });

  it("never inserts a control character, whatever the clipboard holds", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 0x1ff }), { maxLength: 40 })
          .map((codes) => String.fromCharCode(...codes)),
        (text) => {
          for (const action of decodeKeys(PASTE(text))) {
            // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must be gone
            if (action.type === "insert") expect(action.text).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
