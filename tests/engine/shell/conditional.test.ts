// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are shell scripts; their ${…} is the shell's.
/**
 * bash's `[[ ]]` (sandbox/engine/shell/conditional.ts), with BASH_REMATCH. Each case's output was
 * recorded from bash 5.2.15 running `bash -c 'SETUP; TEST; echo "<$?>"'` in an empty directory;
 * the sandbox runs the same `bash -c` in one.
 */
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const SETUP = "h=web-12; e=; s='a b'; n=5; mkdir -p d; echo hi > f; : > empty";

/** [the test, what bash printed]. */
const BASH: [string, string][] = [
  ["[[ $h == web-* ]]", "<0>\n"],
  ['[[ $h == "web-*" ]]', "<1>\n"],
  ["[[ $h != db* ]]", "<0>\n"],
  ["[[ $h = web-12 ]]", "<0>\n"],
  ["[[ -n $e ]]", "<1>\n"],
  ["[[ -z $e ]]", "<0>\n"],
  ['[[ $s == "a b" ]]', "<0>\n"],
  ["[[ $s ]]", "<0>\n"],
  ["[[ $e ]]", "<1>\n"],
  ["[[ -f f ]]", "<0>\n"],
  ["[[ -d d ]]", "<0>\n"],
  ["[[ -e nope ]]", "<1>\n"],
  ["[[ -s f ]]", "<0>\n"],
  ["[[ -s empty ]]", "<1>\n"],
  ["[[ ! -f d ]]", "<0>\n"],
  ["[[ -f f && -d d ]]", "<0>\n"],
  ["[[ -f nope || -d d ]]", "<0>\n"],
  ["[[ ( -f f || -f x ) && ! -d f ]]", "<0>\n"],
  ["[[ $n -eq 5 ]]", "<0>\n"],
  ["[[ $n -gt 10 ]]", "<1>\n"],
  ["[[ n+1 -eq 6 ]]", "<0>\n"],
  ["[[ a < b ]]", "<0>\n"],
  ["[[ b > a ]]", "<0>\n"],
  ["[[ -v h ]]", "<0>\n"],
  ["[[ -v nope ]]", "<1>\n"],
  [
    '[[ $h =~ -([0-9]+)$ ]] && echo "${BASH_REMATCH[1]} ${BASH_REMATCH[0]} $BASH_REMATCH ${#BASH_REMATCH[@]}"',
    "12 -12 -12 2\n<0>\n",
  ],
  ["[[ $h =~ ^(web|db)-[[:digit:]]+$ ]] && echo ${BASH_REMATCH[1]}", "web\n<0>\n"],
  ['[[ $h =~ "web-1" ]]', "<0>\n"],
  ["[[ abc =~ a.c ]]", "<0>\n"],
  ['[[ a.c =~ "a.c" ]]', "<0>\n"],
  ["[[ $h =~ x ]]; echo ${#BASH_REMATCH[@]}", "0\n<0>\n"],
  ["x=web-7; [[ $x =~ -([0-9]+)$ ]] || exit 1; ordinal=${BASH_REMATCH[1]}; echo $ordinal", "7\n<0>\n"],
  ["if [[ -f f ]]; then echo file; fi", "file\n<0>\n"],
  ["[[ $h == web-1? ]] && echo yes || echo no", "yes\n<0>\n"],
  ["f=web; [[ $h == $f* ]]", "<0>\n"],
  ['p="web*"; [[ $h == $p ]]; echo $?; [[ $h == "$p" ]]', "0\n<1>\n"],
];

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

describe("[[ ]], as bash 5.2 evaluates it", () => {
  it.each(BASH)("%s", async (test, stdout) => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const dir = "mkdir -p /tmp/conditional && cd /tmp/conditional";
    expect((await sh(sandbox, `${dir} && bash -c ${quote(`${SETUP}; ${test}; echo "<$?>"`)}`)).stdout).toBe(
      stdout,
    );
  });

  it("is not dash's: a Debian image's sh has no [[", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run deb --image=nginx:1.27");
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/deb");
    expect(await sh(sandbox, "kubectl exec deb -- sh -c '[[ -n x ]]'")).toEqual({
      stdout: "",
      stderr: "sh: 1: [[: not found\ncommand terminated with exit code 127\n",
      status: 127,
    });
  });
});
