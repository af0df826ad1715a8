// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are shell scripts; their ${…} is the shell's.
/**
 * set (sandbox/engine/shell/set-options.ts) and what it turns on: errexit, nounset, xtrace,
 * noglob and pipefail, with set --, shift, eval and wait. Each script's output, error output and
 * exit status were recorded from bash 5.2.15 as `bash -c SCRIPT` in an empty directory; the
 * sandbox runs the same `bash -c`.
 */
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

/** [the script, its stdout, its stderr, its exit status]. */
const BASH: [string, string, string, number][] = [
  [
    'set -x; echo "a b" c "" "it\'s"; x=1; FOO=2 true; y=$(echo hi); for i in 1 2; do :; done; [ -n x ]; echo \'*.nothing\'',
    "a b c  it's\n*.nothing\n",
    "+ echo 'a b' c '' 'it'\\''s'\n+ x=1\n+ FOO=2\n+ true\n++ echo hi\n+ y=hi\n+ for i in 1 2\n+ :\n+ for i in 1 2\n+ :\n+ '[' -n x ']'\n+ echo '*.nothing'\n",
    0,
  ],
  ["set -e; echo one; false; echo no", "one\n", "", 1],
  ["set -e; false && echo x; echo yes", "yes\n", "", 0],
  ["set -e; false || false; echo no", "", "", 1],
  ["set -e; if false; then :; fi; echo yes", "yes\n", "", 0],
  ["set -e; ! true; echo yes", "yes\n", "", 0],
  ["set -e; x=$(false); echo no", "", "", 1],
  ["set -e; (false); echo no", "", "", 1],
  ["set -e; { false; }; echo no", "", "", 1],
  ["set -e; f() { false; echo in; }; f; echo no", "", "", 1],
  ["set -e; while false; do :; done; echo yes", "yes\n", "", 0],
  ["set -e; false | true; echo yes", "yes\n", "", 0],
  ["set -eo pipefail; false | true; echo no", "", "", 1],
  ["set -o pipefail; false | true; echo $?; true | false | true; echo $?", "1\n1\n", "", 0],
  ["set -u; echo $nope; echo after", "", "bash: line 1: nope: unbound variable\n", 127],
  ["set -u; echo ${nope:-ok}; echo $1", "ok\n", "bash: line 1: $1: unbound variable\n", 127],
  ['set -- a b c; echo $# $2 "$@"; shift; echo $1 $#; shift 5; echo $?', "3 b a b c\nb 2\n1\n", "", 0],
  [
    "set -q; echo $?",
    "2\n",
    "bash: line 1: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n",
    0,
  ],
  ["set -o nonsense; echo $?", "2\n", "bash: line 1: set: nonsense: invalid option name\n", 0],
  ["echo $-; set -eux; echo $-; set +eux; echo $-", "hBc\nehuxBc\nhBc\n", "+ echo ehuxBc\n+ set +eux\n", 0],
  ["set -f; echo /*", "/*\n", "", 0],
  ["set -x; PS4='> '; echo ps4", "ps4\n", "+ PS4='> '\n> echo ps4\n", 0],
  ["eval 'echo a; echo b'; x=5; eval echo '$x'", "a\nb\n5\n", "", 0],
  ["wait; echo $?", "0\n", "", 0],
  ["set -e; echo start; set +e; false; echo continues", "start\ncontinues\n", "", 0],
  ["set -x; echo $(echo $(echo deep))", "deep\n", "+++ echo deep\n++ echo deep\n+ echo deep\n", 0],
];

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

describe("set, as bash 5.2 runs it", () => {
  it.each(BASH)("%s", async (script, stdout, stderr, status) => {
    const sandbox = createSandbox({ timeMode: "instant" });
    // An empty working directory, as the recording had: `echo /*` is not globbed under set -f.
    const got = await sh(
      sandbox,
      `mkdir -p /tmp/empty && cd /tmp/empty && bash -c ${quote(script)}; echo "<$?>"`,
    );
    expect({ stdout: got.stdout, stderr: got.stderr }).toEqual({ stdout: `${stdout}<${status}>\n`, stderr });
  });

  it("is dash's in a Debian image: its own words and xtrace", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run deb --image=nginx:1.27");
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/deb");
    const run = (script: string) => sh(sandbox, `kubectl exec deb -- sh -c ${quote(script)}`);
    // Recorded from dash 0.5.12: no quoting in the trace, assignments on the command's line.
    expect(await run(`set -x; FOO=2 echo "a b"`)).toMatchObject({
      stdout: "a b\n",
      stderr: "+ FOO=2 echo a b\n",
    });
    expect(await run("set -u; echo $nope; echo after")).toMatchObject({
      stdout: "",
      stderr: "sh: 1: nope: parameter not set\ncommand terminated with exit code 2\n",
    });
    expect(await run("set -e; false; echo no")).toMatchObject({ stdout: "", status: 1 });
  });

  it("stops a typed line at the host prompt, which stays", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect((await sh(sandbox, "set -e; false; echo not reached")).stdout).toBe("");
    expect((await sh(sandbox, "echo still here")).stdout).toBe("still here\n");
  });
});
