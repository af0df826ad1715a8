import { describe, expect, it } from "vitest";
import { run } from "../helpers.ts";

/** Each expectation below is what bash 5 prints for the same line. */
describe("case, functions, subshells and groups", () => {
  it("runs the first case item whose glob pattern matches", async () => {
    const [a, b, c, d, e] = await run([
      "case web-0 in web-*) echo sts;; *) echo other;; esac",
      'x=nginx.yaml; case "$x" in *.json) echo json ;; *.yaml|*.yml) echo yaml ;; esac',
      'case a in b) echo no;; esac; echo "status $?"',
      'for p in web-0 db-1; do case $p in web-?) echo "$p is web";; db-*) echo "$p is db";; esac; done',
      "case \"*\" in '*') echo literal star;; esac",
    ]);
    expect([a, b, c, d, e].map((r) => r!.stdout)).toEqual([
      "sts\n",
      "yaml\n",
      "status 0\n",
      "web-0 is web\ndb-1 is db\n",
      "literal star\n",
    ]);
  });

  it("defines and calls functions with arguments, return and local", async () => {
    const [a, b, , c, outside] = await run([
      'greet() { echo "hello $1 ($#)"; return 3; }; greet world; echo $?',
      'function two { echo "$@"; }; two a b c',
      'f() {\n  local n=$1\n  if [ "$n" -gt 1 ]; then echo big; else echo small; fi\n}',
      "f 5; f 0",
      "return 1",
    ]);
    expect(a!.stdout).toBe("hello world (1)\n3\n");
    expect(b!.stdout).toBe("a b c\n");
    expect(c!.stdout).toBe("big\nsmall\n");
    expect(outside).toMatchObject({
      stderr: "bash: return: can only `return' from a function or sourced script\n",
      status: 1,
    });
  });

  it("keeps a subshell's cd and exit to itself, and pipes a group's output as one", async () => {
    const [a, b, c, bad] = await run([
      "(cd /tmp; pwd); pwd",
      "(exit 4); echo $?",
      "{ echo a; echo b; } | wc -l",
      "( )",
    ]);
    expect(a!.stdout).toBe("/tmp\n/home/learner\n");
    expect(b!.stdout).toBe("4\n");
    expect(c!.stdout).toBe("2\n");
    expect(bad).toMatchObject({ stderr: "bash: syntax error near unexpected token `)'\n", status: 2 });
  });

  it("refuses a redirection where a name or word list must come, as bash does (found by the fuzz test)", async () => {
    const results = await run([
      "for <<EOF",
      "for x in a <<EOF",
      "case <<EOF",
      "function <<EOF",
      "for x in a b > f; do echo; done",
    ]);
    expect(results.map((r) => r.stderr)).toEqual([
      "bash: syntax error near unexpected token `<<'\n",
      "bash: syntax error near unexpected token `<<'\n",
      "bash: syntax error near unexpected token `<<'\n",
      "bash: syntax error near unexpected token `<<'\n",
      "bash: syntax error near unexpected token `>'\n",
    ]);
    expect(results.every((r) => r.status === 2)).toBe(true);
  });
});
