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
  it("keeps text, colours and the serializer's relative moves, and ends on a fresh line below", () => {
    const text = "\x1b[1;32m$\x1b[0m kubectl get pods\r\nNAME\tREADY\r\nweb-0\x1b[3X1/1";
    expect(neutraliseScrollback(text)).toBe(`${text}\x1b[0m\r\n`);
    // A wrapped row's repair (up, right, erase, left, down) stays; the cursor's last place does not.
    const wrapped = "abc---\x1b[1D\x1b[1X\x1b[A\x1b[3C\x1b[2X\x1b[3D\x1b[Bdef";
    expect(neutraliseScrollback(`${wrapped}\x1b[1B\x1b[3D`)).toBe(`${wrapped}\x1b[0m\r\n`);
    expect(neutraliseScrollback("")).toBe("");
  });

  it("drops titles, hyperlinks, clipboard writes, device controls, modes and absolute cursor moves", () => {
    expect(neutraliseScrollback("a\x1b]0;pwned\x07b")).toBe("ab\x1b[0m\r\n");
    expect(neutraliseScrollback("a\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\b")).toBe(
      "alinkb\x1b[0m\r\n",
    );
    expect(neutraliseScrollback("a\x1b]52;c;aGk=\x07b")).toBe("ab\x1b[0m\r\n");
    expect(neutraliseScrollback("a\x1bP+q544e\x1b\\b")).toBe("ab\x1b[0m\r\n");
    expect(neutraliseScrollback("a\x1b[?1049hb\x1b[?2004l")).toBe("ab\x1b[0m\r\n");
    expect(neutraliseScrollback("a\x1b[Hb\x1b[2J\x1b[K\x1b[5;1Hc\x1b[s\x1b[u")).toBe("abc\x1b[0m\r\n");
  });

  it("shows stray controls, a lone CR and bidi controls as command output shows them", () => {
    expect(neutraliseScrollback("a\x1b[6nb\x1bcc\x07\x9bd")).toBe("abc^GM-^[d\x1b[0m\r\n");
    expect(neutraliseScrollback("safe\rEVIL\r\n")).toBe("safe^MEVIL\r\n\x1b[0m");
    expect(neutraliseScrollback("\u202eexe.txt\r\n")).toBe("M-bM-^@M-.exe.txt\r\n\x1b[0m");
  });

  it("never leaves the cursor above what it drew, so the prompt cannot overwrite the old screen", () => {
    // Up five rows and write there: the page's next line goes below the lowest row reached.
    expect(neutraliseScrollback("1\r\n2\r\n3\x1b[5Afake")).toBe("1\r\n2\r\n3\x1b[5Afake\x1b[0m\x1b[5B\r\n");
  });

  it("leaves only SGR, ECH and relative moves, no stray controls, and is stable (property)", () => {
    const unit = fc.constantFrom(
      "\x1b",
      "[",
      "]",
      "?",
      ";",
      "1",
      "m",
      "h",
      "A",
      "H",
      "X",
      "P",
      "\x07",
      "\\",
      "a",
      "\x9b",
      "\r",
      "\n",
      "\u202e",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        const out = neutraliseScrollback(text);
        for (const rest of out.split("\x1b").slice(1)) expect(rest).toMatch(/^\[([0-9;]*m|[0-9]*[ABCDX])/);
        const controls = [...out].filter((c) => {
          const code = c.charCodeAt(0);
          return (
            (code < 0x20 && !"\x1b\r\n\t".includes(c)) ||
            (code >= 0x7f && code <= 0x9f) ||
            /[\u202a-\u202e\u2066-\u2069]/.test(c)
          );
        });
        expect(controls).toEqual([]);
        expect(out.replace(/\r\n/g, "")).not.toContain("\r");
        // The terminal turns LF into CRLF (convertEol): either ends on a fresh line.
        if (out !== "") expect(out.endsWith("\n") || out.endsWith("\n\x1b[0m")).toBe(true);
      }),
    );
  });
});
