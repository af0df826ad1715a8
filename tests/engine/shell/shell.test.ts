import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { run, run1 } from "../helpers.ts";

/** Runs lines in one sandbox and returns stdout+stderr merged in order, per line. */
async function session(lines: string[]) {
  const sandbox = createSandbox({ timeMode: "instant" });
  const out: { text: string; status: number }[] = [];
  for (const line of lines) {
    let text = "";
    const status = await sandbox.exec(line, (c) => {
      text += c.text;
    });
    out.push({ text, status });
  }
  return out;
}

describe("words, quoting and variables", () => {
  it("keeps single-quoted text literal and expands in double quotes", async () => {
    const [, r] = await session(["X=5", `echo "x is $X" '$X' \${X} a\\ b`]);
    expect(r!.text).toBe("x is 5 $X 5 a b\n");
  });

  it("sets $? from the last command, including 127 for an unknown one", async () => {
    const [, r, , r2] = await session(["false", "echo $?", "nope", "echo $?"]);
    expect(r!.text).toBe("1\n");
    expect(r2!.text).toBe("127\n");
  });

  it("splits unquoted expansions into words but not quoted ones", async () => {
    const [, r] = await session(["V='a   b'", 'for w in $V "$V"; do echo "[$w]"; done']);
    expect(r!.text).toBe("[a]\n[b]\n[a   b]\n");
  });

  it("substitutes commands with $(...) and backquotes, dropping trailing newlines", async () => {
    expect((await run1("echo $(echo one) `echo two`")).stdout).toBe("one two\n");
  });

  it("expands ~ and reports bash's bad substitution", async () => {
    expect((await run1("echo ~ ~/x")).stdout).toBe("/home/learner /home/learner/x\n");
    expect(await run1("echo ${a b}")).toEqual({
      stdout: "",
      stderr: "bash: ${a b}: bad substitution\n",
      status: 1,
    });
  });
});

describe("lists and pipelines", () => {
  it("runs && only after success and || only after failure", async () => {
    expect((await run1("false && echo no || echo yes; true && echo ok")).stdout).toBe("yes\nok\n");
  });

  it("pipes stdout into the next command; the status is the last command's", async () => {
    const r = await run1("printenv HOME | wc -c; echo one two three | wc -w");
    expect(r.stdout).toBe("14\n3\n");
  });

  it("negates a pipeline with !", async () => {
    expect((await run1("! false; echo $?")).stdout).toBe("0\n");
  });
});

describe("bash's error texts", () => {
  it.each([
    ["| ls", "bash: syntax error near unexpected token `|'\n"],
    ["ls ||| wc", "bash: syntax error near unexpected token `|'\n"],
    ["echo >", "bash: syntax error near unexpected token `newline'\n"],
    ["; ls", "bash: syntax error near unexpected token `;'\n"],
    ["done", "bash: syntax error near unexpected token `done'\n"],
  ])("%s", async (line, stderr) => {
    expect(await run1(line)).toEqual({ stdout: "", stderr, status: 2 });
  });

  it("says command not found with status 127, on the command's stderr", async () => {
    expect(await run1("foo")).toEqual({ stdout: "", stderr: "bash: foo: command not found\n", status: 127 });
    expect(await run1("foo 2>/dev/null")).toEqual({ stdout: "", stderr: "", status: 127 });
  });

  it("reports a missing input file and a missing directory for output", async () => {
    expect(await run1("cat < x.yaml")).toEqual({
      stdout: "",
      stderr: "bash: x.yaml: No such file or directory\n",
      status: 1,
    });
    expect((await run1("echo hi > nodir/x")).stderr).toBe("bash: nodir/x: No such file or directory\n");
  });

  it("reports an unterminated quote at end of input", async () => {
    expect(await run1("echo 'abc")).toEqual({
      stdout: "",
      stderr: "bash: unexpected EOF while looking for matching `''\n",
      status: 2,
    });
  });
});

describe("redirections", () => {
  it("writes, appends and reads files in the workspace", async () => {
    const [, , r] = await session(["echo one > f.txt", "echo two >> f.txt", "cat < f.txt"]);
    expect(r!.text).toBe("one\ntwo\n");
  });

  it("applies 2>&1 in order: before > it keeps stderr on the terminal", async () => {
    const [, a, , b] = await session([
      "cat nope > out.txt 2>&1",
      "cat out.txt",
      "cat nope 2>&1 > out2.txt",
      "cat out2.txt",
    ]);
    expect(a!.text).toBe("cat: nope: No such file or directory\n");
    expect(b!.text).toBe("");
  });

  it("sends 2>&1 into a pipe", async () => {
    expect((await run1("cat nope 2>&1 | wc -l")).stdout).toBe("1\n");
  });
});

describe("heredocs", () => {
  it("expands variables with an unquoted delimiter and not with a quoted one", async () => {
    const [, a, b] = await session(["N=web", "cat <<EOF\nname: $N\nEOF", "cat <<'EOF'\nname: $N\nEOF"]);
    expect(a!.text).toBe("name: web\n");
    expect(b!.text).toBe("name: $N\n");
  });

  it("strips leading tabs with <<-", async () => {
    expect((await run1("cat <<-EOF\n\t\tindented\n\tEOF")).stdout).toBe("indented\n");
  });

  it("writes a manifest with cat > file <<EOF and runs the next command after it", async () => {
    const r = await run1("cat > web.yaml <<EOF\napiVersion: v1\nkind: Pod\nEOF\ncat web.yaml | wc -l");
    expect(r.stdout).toBe("2\n");
  });

  it("warns like bash when input ends before the delimiter", async () => {
    const r = await run1("cat <<EOF\nabc");
    expect(r.stdout).toBe("abc\n");
    expect(r.stderr).toBe("bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n");
  });
});

describe("multi-line input", () => {
  it.each([
    ["cat <<EOF", false],
    ["cat <<EOF\nabc", false],
    ["cat <<EOF\nabc\nEOF", true],
    ["echo 'abc", false],
    ['echo "abc', false],
    ["ls |", false],
    ["ls &&", false],
    ["echo a \\", false],
    ["for i in 1 2; do", false],
    ["echo $(", false],
    ["echo ok", true],
    ["| ls", true],
  ])("isComplete(%j) is %s", (text, complete) => {
    expect(createSandbox().isComplete(text)).toBe(complete);
  });

  it("joins a backslash-newline continuation", async () => {
    expect((await run1("echo a \\\nb")).stdout).toBe("a b\n");
  });
});

describe("builtins", () => {
  it("cd moves the workspace directory; cd - goes back and prints it", async () => {
    const out = await session(["mkdir -p a/b", "cd a/b", "pwd", "cd -", "cd /nope"]);
    expect(out[2]!.text).toBe("/home/learner/a/b\n");
    expect(out[3]!.text).toBe("/home/learner\n");
    expect(out[4]).toEqual({ text: "bash: cd: /nope: No such file or directory\n", status: 1 });
  });

  it("export makes variables visible to env; a prefix assignment only to one command", async () => {
    const [, a, b] = await session(["export K=v", "env | grep ^K=", "Y=1 printenv Y; printenv Y; echo $?"]);
    expect(a!.text).toBe("K=v\n");
    expect(b!.text).toBe("1\n1\n");
  });

  it("history numbers the lines typed so far", async () => {
    const [, , r] = await session(["echo a", "ls", "history"]);
    expect(r!.text).toBe("    1  echo a\n    2  ls\n    3  history\n");
  });
});

describe("the host shell keeps its state across lines", () => {
  it("remembers variables and the directory between exec calls", async () => {
    const results = await run(["A=1", "mkdir d && cd d", "echo $A $PWD"]);
    expect(results[2]!.stdout).toBe("1 /home/learner/d\n");
  });
});

describe("compound commands", () => {
  it("if/elif/else picks the first branch whose condition succeeds", async () => {
    expect((await run1("if [ -d /tmp ]; then echo dir; else echo none; fi")).stdout).toBe("dir\n");
    expect((await run1("if false; then echo a; elif [ 1 -lt 2 ]; then echo b; fi")).stdout).toBe("b\n");
    expect((await run1("if false; then echo a; fi; echo $?")).stdout).toBe("0\n");
  });

  it("while and until loop on their condition; break and continue steer them", async () => {
    expect((await run1("until false; do echo once; break; done")).stdout).toBe("once\n");
    expect(
      (await run1("for i in 1 2 3 4; do [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo $i; done"))
        .stdout,
    ).toBe("1\n3\n");
    expect((await run1('X=; while [ -z "$X" ]; do X=set; echo looped; done')).stdout).toBe("looped\n");
  });

  it("accepts loops and ifs spread over several lines", async () => {
    expect(createSandbox().isComplete("while true\ndo")).toBe(false);
    expect(createSandbox().isComplete("if true\nthen\n  echo x\nfi")).toBe(true);
    expect((await run1("if true\nthen\n  echo multi\nfi")).stdout).toBe("multi\n");
  });

  it("words the errors as bash does", async () => {
    expect((await run1("if; then echo; fi")).stderr).toBe("bash: syntax error near unexpected token `;'\n");
    expect((await run1("break")).stderr).toBe(
      "bash: break: only meaningful in a `for', `while', or `until' loop\n",
    );
    expect(await run1("[ 1 -lt x ]")).toEqual({
      stdout: "",
      stderr: "bash: [: x: integer expression expected\n",
      status: 2,
    });
    expect((await run1("[ a = a")).stderr).toBe("bash: [: missing `]'\n");
  });
});
