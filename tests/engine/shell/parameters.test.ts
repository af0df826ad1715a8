/**
 * Parameter expansion with operators (sandbox/engine/shell/parameters.ts) against bash 5.2 and
 * dash. Each recorded case is what bash 5.2.15 printed, run interactively (`bash -i`, as the
 * sandbox's host shell is) after SETUP, for `printf '[%s]' WORD; echo " <$?>"` and then
 * `echo after` as the next line: an expansion error abandons the rest of its line, not the next.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are shell words; their ${…} is the shell's.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const SETUP = "h=web-12; p=/usr/share/nginx/html/index.html; e=; s='a b  c'; u=aBc; n=3; g='*'";

/** [the word, what bash printed, its error output]. */
const BASH: [string, string, string][] = [
  ["${h##*-}", "[12] <0>\nafter\n", ""],
  ["${h#*-}", "[12] <0>\nafter\n", ""],
  ["${h%-*}", "[web] <0>\nafter\n", ""],
  ["${h%%e*}", "[w] <0>\nafter\n", ""],
  ["${p##*/}", "[index.html] <0>\nafter\n", ""],
  ["${p%/*}", "[/usr/share/nginx/html] <0>\nafter\n", ""],
  ["${p#/}", "[usr/share/nginx/html/index.html] <0>\nafter\n", ""],
  ["${p%.html}", "[/usr/share/nginx/html/index] <0>\nafter\n", ""],
  ["${p##*.}", "[html] <0>\nafter\n", ""],
  ['"${h##*-}"', "[12] <0>\nafter\n", ""],
  ['"${p%/*}"', "[/usr/share/nginx/html] <0>\nafter\n", ""],
  ["${x:-def}", "[def] <0>\nafter\n", ""],
  ["${x-def}", "[def] <0>\nafter\n", ""],
  ["${e:-def}", "[def] <0>\nafter\n", ""],
  ["${e-def}", "[] <0>\nafter\n", ""],
  ["${h:-def}", "[web-12] <0>\nafter\n", ""],
  ["${x:+alt}", "[] <0>\nafter\n", ""],
  ["${h:+alt}", "[alt] <0>\nafter\n", ""],
  ["${e+alt}", "[alt] <0>\nafter\n", ""],
  ["${e:+alt}", "[] <0>\nafter\n", ""],
  ["${x:-a b}", "[a][b] <0>\nafter\n", ""],
  ['"${x:-a b}"', "[a b] <0>\nafter\n", ""],
  ['${x:-"a b"}', "[a b] <0>\nafter\n", ""],
  ["${x:-$h}", "[web-12] <0>\nafter\n", ""],
  ["${x:-${h}-x}", "[web-12-x] <0>\nafter\n", ""],
  ["${x:-${y:-deep}}", "[deep] <0>\nafter\n", ""],
  ["${x:-'q q'}", "[q q] <0>\nafter\n", ""],
  ["\"${x:-'q'}\"", "['q'] <0>\nafter\n", ""],
  ["${#h}", "[6] <0>\nafter\n", ""],
  ["${#s}", "[6] <0>\nafter\n", ""],
  ["${#x}", "[0] <0>\nafter\n", ""],
  ["${h/web/db}", "[db-12] <0>\nafter\n", ""],
  ["${h//e/E}", "[wEb-12] <0>\nafter\n", ""],
  ["${h/#w/W}", "[Web-12] <0>\nafter\n", ""],
  ["${h/%2/9}", "[web-19] <0>\nafter\n", ""],
  ["${h/e}", "[wb-12] <0>\nafter\n", ""],
  ["${h//[0-9]/#}", "[web-##] <0>\nafter\n", ""],
  ["${h/e*/<&>}", "[w<eb-12>] <0>\nafter\n", ""],
  ["${h/e*/\\&}", "[w&] <0>\nafter\n", ""],
  ['"${h/e/\\&}"', "[w&b-12] <0>\nafter\n", ""],
  ["${h:1}", "[eb-12] <0>\nafter\n", ""],
  ["${h:1:2}", "[eb] <0>\nafter\n", ""],
  ["${h: -2}", "[12] <0>\nafter\n", ""],
  ["${h:(-3):2}", "[-1] <0>\nafter\n", ""],
  ["${h:2:-1}", "[b-1] <0>\nafter\n", ""],
  ["${h:10}", "[] <0>\nafter\n", ""],
  ["${h:n}", "[-12] <0>\nafter\n", ""],
  ["${h:n-1:n}", "[b-1] <0>\nafter\n", ""],
  ["${u^}", "[ABc] <0>\nafter\n", ""],
  ["${u^^}", "[ABC] <0>\nafter\n", ""],
  ["${u,}", "[aBc] <0>\nafter\n", ""],
  ["${u,,}", "[abc] <0>\nafter\n", ""],
  ["${u^^[ab]}", "[ABc] <0>\nafter\n", ""],
  ['${h#"w"*}', "[eb-12] <0>\nafter\n", ""],
  ["${h#$g}", "[web-12] <0>\nafter\n", ""],
  ['${h#"$g"}', "[web-12] <0>\nafter\n", ""],
  ["${p//\\//:}", "[:usr:share:nginx:html:index.html] <0>\nafter\n", ""],
  ["${p/\\/usr/X}", "[X/share/nginx/html/index.html] <0>\nafter\n", ""],
  ["${x:=set}", "[set] <0>\nafter\n", ""],
  ["${h:?gone}", "[web-12] <0>\nafter\n", ""],
  ["${zz:?gone}", "after\n", "bash: zz: gone\n"],
  ["${zz:?}", "after\n", "bash: zz: parameter null or not set\n"],
  ["${zz?}", "after\n", "bash: zz: parameter not set\n"],
  ["${1:=x}", "after\n", "bash: $1: cannot assign in this way\n"],
  ["${!h}", "after\n", "bash: web-12: invalid variable name\n"],
  ["${h/-/ }", "[web][12] <0>\nafter\n", ""],
  ['"${h/-/ }"', "[web 12] <0>\nafter\n", ""],
  ["${s// /_}", "[a_b__c] <0>\nafter\n", ""],
  ["${x y}", "after\n", "bash: ${x y}: bad substitution\n"],
];

describe("${…} with an operator, as bash 5.2 expands it", () => {
  it.each(BASH)("%s", async (word, stdout, stderr) => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, SETUP);
    const line = await sh(sandbox, `printf '[%s]' ${word}; echo " <$?>"`);
    const next = await sh(sandbox, "echo after");
    expect({ stdout: line.stdout + next.stdout, stderr: line.stderr }).toEqual({ stdout, stderr });
  });

  it("gives a StatefulSet pod's ordinal from its hostname, in a pod's dash too", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run web-7 --image=nginx:1.27");
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/web-7");
    expect((await sh(sandbox, `kubectl exec web-7 -- sh -c 'echo \${HOSTNAME##*-}'`)).stdout).toBe("7\n");
    // dash has no ${x/a/b}: it says so and stops the script, with status 2.
    expect(
      await sh(sandbox, `kubectl exec web-7 -- sh -c 'echo \${HOSTNAME/web/db}; echo not reached'`),
    ).toEqual({
      stdout: "",
      stderr: "sh: 1: Bad substitution\ncommand terminated with exit code 2\n",
      status: 2,
    });
  });

  it("sets the variable with :=, and a script stops at a refused expansion", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect((await sh(sandbox, 'echo "${name:=web}"; echo "$name"')).stdout).toBe("web\nweb\n");
    expect(await sh(sandbox, "bash -c 'echo ${x:?is required}; echo not reached'; echo $?")).toEqual({
      stdout: "1\n",
      stderr: "bash: line 1: x: is required\n",
      status: 0,
    });
  });

  it("counts the positional parameters with ${#@}, as bash -c 'echo ${#@} ${#*} ${#1}' x aa bbb does", async () => {
    expect((await sh(createSandbox(), "bash -c 'echo ${#@} ${#*} ${#1}' x aa bbb")).stdout).toBe("2 2 2\n");
  });

  it("keeps the worker responsive on a long value", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, 'x=$(seq 1 20000 | tr "\\n" -)');
    expect((await sh(sandbox, "y=${x//-/+}; echo ${#y} ${y:0:8} ${x##*-} ${x%%-*}")).stdout).toBe(
      "108894 1+2+3+4+ 1\n",
    );
  });
});

describe.skipIf(!existsSync("/bin/bash"))("patterns against /bin/bash (property)", () => {
  it("removes and replaces what bash removes and replaces", async () => {
    const value = fc.stringMatching(/^[ab.\-/ ]{0,8}$/);
    const pattern = fc
      .array(fc.constantFrom("a", "b", ".", "-", "/", "*", "?", "[ab]", "[!a]", "\\*", '"*"', "$g"), {
        maxLength: 4,
      })
      .map((a) => a.join(""));
    const operator = fc.constantFrom("#", "##", "%", "%%", "/", "//", "/#", "/%");
    const replacement = fc.constantFrom("X", "", "<&>", "\\&", "$g");
    const cases = fc.sample(fc.tuple(value, operator, pattern, replacement), { numRuns: 300, seed: 3 });
    const sandbox = createSandbox({ timeMode: "instant" });
    for (const [v, op, pat, rep] of cases) {
      const word = op.startsWith("/") ? `\${v${op}${pat}/${rep}}` : `\${v${op}${pat}}`;
      // Quoted: what the pattern does, without the word being split or globbed against the files here.
      const script = `v='${v}'; g='*'; printf '[%s]' "${word}"; echo`;
      const real = spawnSync("/bin/bash", ["--norc", "--noprofile", "-c", script]).stdout.toString();
      expect({ script, out: (await sh(sandbox, script)).stdout }).toEqual({ script, out: real });
    }
  });
});
