import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeKeys, type KeyAction } from "../../sandbox/ui/terminal/keys.ts";
import { LineEditor } from "../../sandbox/ui/terminal/line-editor.ts";
import { renderLine } from "../../sandbox/ui/terminal/prompt-renderer.ts";

function type(editor: LineEditor, data: string) {
  return decodeKeys(data).map((action) => editor.apply(action));
}

describe("decodeKeys", () => {
  it("maps the readline keys a learner uses", () => {
    expect(decodeKeys("\x01")).toEqual([{ type: "home" }]);
    expect(decodeKeys("\x1b[F")).toEqual([{ type: "end" }]);
    expect(decodeKeys("\x17")).toEqual([{ type: "killWordBack" }]);
    expect(decodeKeys("\x1b[1;5D")).toEqual([{ type: "wordLeft" }]);
    expect(decodeKeys("\x03")).toEqual([{ type: "interrupt" }]);
  });

  it("turns a multi-line paste into lines and enters, dropping control characters", () => {
    expect(decodeKeys("a\tb\r\nc\x07d\n")).toEqual<KeyAction[]>([
      { type: "insert", text: "a b" },
      { type: "enter" },
      { type: "insert", text: "cd" },
      { type: "enter" },
    ]);
  });

  it("unwraps bracketed paste", () => {
    expect(decodeKeys("\x1b[200~kubectl get pods\x1b[201~")).toEqual([
      { type: "insert", text: "kubectl get pods" },
    ]);
  });

  it("ignores escape sequences it does not know instead of inserting them", () => {
    expect(decodeKeys("\x1b[15~")).toEqual([]);
  });
});

describe("LineEditor", () => {
  it("edits in the middle of the line like readline", () => {
    const editor = new LineEditor();
    type(editor, "get pods");
    type(editor, "\x01");
    type(editor, "kubectl ");
    expect(editor.buffer).toBe("kubectl get pods");
    type(editor, "\x1b[C\x1b[C\x1b[C\x0b");
    expect(editor.buffer).toBe("kubectl get");
    type(editor, "\x17");
    expect(editor.buffer).toBe("kubectl ");
    type(editor, "\x15");
    expect(editor.buffer).toBe("");
  });

  it("Ctrl-U kills only what is before the cursor", () => {
    const editor = new LineEditor();
    type(editor, "abc def\x1b[D\x1b[D\x1b[D\x15");
    expect(editor.buffer).toBe("def");
    expect(editor.cursor).toBe(0);
  });

  it("browses history with Up/Down and keeps the unfinished line", () => {
    const editor = new LineEditor();
    expect(type(editor, "one\r")).toContainEqual({ type: "accepted", line: "one" });
    type(editor, "two\r");
    type(editor, "thr");
    type(editor, "\x1b[A");
    expect(editor.buffer).toBe("two");
    type(editor, "\x1b[A\x1b[A");
    expect(editor.buffer).toBe("one");
    type(editor, "\x1b[B\x1b[B");
    expect(editor.buffer).toBe("thr");
  });

  it("does not record empty lines or immediate repeats", () => {
    const editor = new LineEditor();
    type(editor, "ls\r\rls\r  \rpwd\r");
    expect(editor.history).toEqual(["ls", "pwd"]);
  });

  it("Ctrl-C abandons the line and returns it for echo", () => {
    const editor = new LineEditor();
    expect(type(editor, "half\x03")).toContainEqual({ type: "interrupted", line: "half" });
    expect(editor.buffer).toBe("");
  });

  it("keeps the cursor within the line whatever is typed", () => {
    const keys = fc.constantFrom(
      "\x01",
      "\x05",
      "\x1b[D",
      "\x1b[C",
      "\x7f",
      "\x1b[3~",
      "\x0b",
      "\x15",
      "\x17",
      "x",
      "é",
      "🙂",
      " ",
      "\x1b[A",
      "\x1b[B",
      "\x1b[1;5C",
      "\x1b[1;5D",
    );
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 60 }), (sequence) => {
        const editor = new LineEditor(["kubectl get pods"]);
        for (const key of sequence) type(editor, key);
        expect(editor.cursor).toBeGreaterThanOrEqual(0);
        expect(editor.cursor).toBeLessThanOrEqual(editor.length);
      }),
    );
  });
});

describe("renderLine", () => {
  it("redraws a short line and puts the cursor after the prompt plus cursor offset", () => {
    const { output, cursorCell } = renderLine("$ ", 2, "kubectl", 3, 80, 0);
    expect(output).toBe("\r\x1b[J$ kubectl\r\x1b[5C");
    expect(cursorCell).toBe(5);
  });

  it("moves up to the prompt's row before redrawing a wrapped line", () => {
    const { output } = renderLine("$ ", 2, "abcdefghij", 10, 5, 12);
    expect(output.startsWith("\x1b[2A\r\x1b[J$ abcdefghij")).toBe(true);
  });

  it("handles a line that ends exactly at the right margin", () => {
    const { output, cursorCell } = renderLine("$ ", 2, "abc", 3, 5, 0);
    expect(output).toBe("\r\x1b[J$ abc \r");
    expect(cursorCell).toBe(5);
  });
});

describe("LineEditor reverse search (Ctrl-R)", () => {
  const history = ["kubectl get pods", "echo one", "kubectl get sts", "ls", "kubectl get sts"];

  it("finds the newest matching line as the query grows, cursor on the match", () => {
    const editor = new LineEditor(history);
    type(editor, "draft\x12");
    expect(editor.search).toEqual({ query: "", failed: false });
    expect(editor.buffer).toBe("draft");
    type(editor, "get");
    expect(editor.search).toEqual({ query: "get", failed: false });
    expect(editor.buffer).toBe("kubectl get sts");
    expect(editor.cursor).toBe(8);
    type(editor, " p");
    expect(editor.buffer).toBe("kubectl get pods");
  });

  it("goes to older matches with Ctrl-R again, skipping the line already shown, then fails", () => {
    const editor = new LineEditor(history);
    type(editor, "\x12kubectl");
    expect(editor.buffer).toBe("kubectl get sts");
    type(editor, "\x12");
    expect(editor.buffer).toBe("kubectl get pods");
    type(editor, "\x12");
    expect(editor.search).toEqual({ query: "kubectl", failed: true });
    expect(editor.buffer).toBe("kubectl get pods");
  });

  it("runs the line found on Enter and remembers the query for Ctrl-R Ctrl-R", () => {
    const editor = new LineEditor(history);
    const results = type(editor, "\x12echo\r");
    expect(results.at(-1)).toEqual({ type: "accepted", line: "echo one" });
    expect(editor.search).toBeUndefined();
    type(editor, "\x12\x12");
    expect(editor.search?.query).toBe("echo");
    expect(editor.buffer).toBe("echo one");
  });

  it("Ctrl-G gives back the line being typed; Ctrl-C abandons the line", () => {
    const editor = new LineEditor(history);
    type(editor, "half\x01\x12ls");
    expect(editor.buffer).toBe("ls");
    type(editor, "\x07");
    expect(editor.search).toBeUndefined();
    expect(editor.buffer).toBe("half");
    expect(editor.cursor).toBe(0);
    type(editor, "\x12ls");
    expect(type(editor, "\x03")).toEqual([{ type: "interrupted", line: "ls" }]);
    expect(editor.buffer).toBe("");
  });

  it("Escape keeps the line for editing; arrows keep it and move", () => {
    const editor = new LineEditor(history);
    type(editor, "\x12one");
    type(editor, "\x1b");
    expect(editor.search).toBeUndefined();
    expect(editor.buffer).toBe("echo one");
    type(editor, "!");
    expect(editor.buffer).toBe("echo !one");
    const other = new LineEditor(history);
    type(other, "\x12one\x1b[C");
    expect(other.search).toBeUndefined();
    expect(other.cursor).toBe(6);
    // Up goes on from the match's place in history.
    type(other, "\x1b[A");
    expect(other.buffer).toBe("kubectl get pods");
  });

  it("Backspace widens the search again; emptied, it shows the original line", () => {
    const editor = new LineEditor(history);
    type(editor, "mine\x12get p");
    expect(editor.buffer).toBe("kubectl get pods");
    type(editor, "\x7f");
    expect(editor.buffer).toBe("kubectl get sts");
    type(editor, "\x7f\x7f\x7f\x7f\x7f");
    expect(editor.search?.query).toBe("");
    expect(editor.buffer).toBe("mine");
  });

  it("never leaves the cursor outside the line, whatever keys come", () => {
    const keys = fc.constantFrom(
      "\x12",
      "\x07",
      "\x1b",
      "\x7f",
      "\r",
      "\x03",
      "a",
      "ge",
      "\x1b[D",
      "\x1b[A",
      "\t",
    );
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 30 }), (sequence) => {
        const editor = new LineEditor(history);
        for (const data of sequence) type(editor, data);
        expect(editor.cursor).toBeGreaterThanOrEqual(0);
        expect(editor.cursor).toBeLessThanOrEqual(editor.length);
      }),
    );
  });
});

describe("LineEditor completion", () => {
  it("Tab asks for completion and the word before the cursor is replaced, the rest kept", () => {
    const editor = new LineEditor();
    type(editor, "kubectl desc pods\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D");
    expect(type(editor, "\t")).toEqual([{ type: "complete" }]);
    expect(editor.beforeCursor).toBe("kubectl desc");
    editor.replaceBeforeCursor(8, "describe ");
    expect(editor.buffer).toBe("kubectl describe  pods");
    expect(editor.cursor).toBe(17);
  });

  it("counts positions in UTF-16 as the engine does, with emoji before the word", () => {
    const editor = new LineEditor();
    type(editor, "echo 🙂 ca");
    editor.replaceBeforeCursor(8, "cat ");
    expect(editor.buffer).toBe("echo 🙂 cat ");
    expect(editor.cursor).toBe(Array.from("echo 🙂 cat ").length);
  });

  it("ignores a replacement that does not fit the line", () => {
    const editor = new LineEditor();
    type(editor, "ls");
    expect(editor.replaceBeforeCursor(5, "x")).toEqual({ type: "none" });
    expect(editor.replaceBeforeCursor(-1, "x")).toEqual({ type: "none" });
    expect(editor.buffer).toBe("ls");
  });

  it("a pasted tab is a space, a typed Tab completes", () => {
    expect(decodeKeys("\t")).toEqual([{ type: "complete" }]);
    expect(decodeKeys("\x1b[200~a\tb\x1b[201~")).toEqual([{ type: "insert", text: "a b" }]);
  });
});
