import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_HISTORY_LINES,
  neutraliseScrollback,
  newSession,
  SavedStateError,
  SESSION_FORMAT,
  SESSION_VERSION,
  validateSession,
} from "../../../sandbox/ui/state/session-record.ts";

const valid = () =>
  newSession(
    { format: "stateful-lab-sandbox", version: 1 },
    { history: ["kubectl get pods"], scrollback: "$ ls\r\n" },
    1_700_000_000_000,
  );

function reason(value: unknown): string {
  try {
    validateSession(value);
  } catch (error) {
    expect(error).toBeInstanceOf(SavedStateError);
    return (error as Error).message;
  }
  throw new Error("expected the value to be refused");
}

describe("validateSession", () => {
  it("accepts what newSession makes and returns a copy of it", () => {
    const session = valid();
    const checked = validateSession(structuredClone(session));
    expect(checked).toEqual(session);
    expect(checked.terminal.history).not.toBe(session.terminal.history);
  });

  it("accepts a session without scrollback (share links leave it out)", () => {
    const session = valid();
    delete session.terminal.scrollback;
    expect(validateSession(session).terminal).toEqual({ history: ["kubectl get pods"] });
  });

  it("says what is wrong, in words a learner can read", () => {
    expect(reason("garbage")).toBe("it is not a saved Stateful Lab sandbox");
    expect(reason(null)).toBe("it is not a saved Stateful Lab sandbox");
    expect(reason({ ...valid(), format: "other" })).toBe("it is not a saved Stateful Lab sandbox");
    expect(reason({ ...valid(), version: 0 })).toContain("older version of Stateful Lab");
    expect(reason({ ...valid(), version: SESSION_VERSION + 1 })).toContain("newer version of Stateful Lab");
    expect(reason({ ...valid(), savedAt: "yesterday" })).toBe("its save time is missing or damaged");
    expect(reason({ ...valid(), sandbox: [] })).toBe("it holds no sandbox");
    expect(reason({ ...valid(), terminal: undefined })).toBe("its terminal part is missing");
    expect(reason({ ...valid(), terminal: { history: [1] } })).toBe("its command history is damaged");
    // A recalled history line is drawn raw: escape sequences there would restyle the terminal.
    for (const hostile of ["echo \x1b]52;c;aGk=\x07", "ls\x1b[8m", "a\x9bb", "x\ry"]) {
      expect(reason({ ...valid(), terminal: { history: ["ls", hostile] } })).toBe(
        "its command history is damaged",
      );
    }
    expect(reason({ ...valid(), terminal: { history: Array(MAX_HISTORY_LINES + 1).fill("ls") } })).toBe(
      "its command history is damaged",
    );
    expect(reason({ ...valid(), terminal: { history: [], scrollback: 7 } })).toBe(
      "its terminal scrollback is damaged",
    );
  });

  it("never throws anything but SavedStateError, whatever it is given (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.anything(),
          fc.record({
            format: fc.constantFrom(SESSION_FORMAT, "x"),
            version: fc.oneof(fc.constant(SESSION_VERSION), fc.integer()),
            savedAt: fc.oneof(fc.double(), fc.string()),
            sandbox: fc.anything(),
            terminal: fc.anything(),
          }),
        ),
        (value) => {
          try {
            validateSession(value);
          } catch (error) {
            expect(error).toBeInstanceOf(SavedStateError);
          }
        },
      ),
    );
  });
});

describe("neutraliseScrollback", () => {
  it("keeps text, colours, cursor moves and line ends", () => {
    const text = "\x1b[1;32m$\x1b[0m kubectl get pods\r\nNAME\tREADY\r\n\x1b[3A\x1b[5C\x1b[K";
    expect(neutraliseScrollback(text)).toBe(text);
  });

  it("drops titles, hyperlinks, device controls, mode switches and stray controls", () => {
    expect(neutraliseScrollback("a\x1b]0;pwned\x07b")).toBe("ab");
    expect(neutraliseScrollback("a\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\b")).toBe("alinkb");
    expect(neutraliseScrollback("a\x1bP+q544e\x1b\\b")).toBe("ab");
    expect(neutraliseScrollback("a\x1b[?1049hb\x1b[?2004l")).toBe("ab");
    expect(neutraliseScrollback("a\x1b[6nb\x1bcc\x07\x9bd")).toBe("abcd");
  });

  it("leaves no escape sequence but SGR, cursor moves and erases, and no stray controls (property)", () => {
    const unit = fc.constantFrom(
      "\x1b",
      "[",
      "]",
      "?",
      ";",
      "1",
      "m",
      "h",
      "P",
      "\x07",
      "\\",
      "a",
      "\x9b",
      "\n",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        const out = neutraliseScrollback(text);
        for (const rest of out.split("\x1b").slice(1)) expect(rest).toMatch(/^\[[0-9;]*[mABCDGHJK]/);
        const controls = [...out].filter((c) => {
          const code = c.charCodeAt(0);
          return (code < 0x20 && !"\x1b\r\n\t\b".includes(c)) || (code >= 0x7f && code <= 0x9f);
        });
        expect(controls).toEqual([]);
        expect(neutraliseScrollback(out)).toBe(out);
      }),
    );
  });
});
