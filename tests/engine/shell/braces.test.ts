/**
 * Brace expansion (sandbox/engine/shell/braces.ts) against bash 5.2. Each case's output was
 * recorded from bash 5.2.15 running `X='p q'; HOME=/root; printf '[%s]' WORD` (one bracket per
 * word the shell made); the sandbox's host shell runs the same line.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

/** [the word as typed, the words bash made of it, each in brackets]. */
const BASH: [string, string][] = [
  ["{a,b}", "[a][b]"],
  ["x{a,b}y", "[xay][xby]"],
  ["{a,b}{1,2}", "[a1][a2][b1][b2]"],
  ["{a,b{1,2}}", "[a][b1][b2]"],
  ["{}", "[{}]"],
  ["{a}", "[{a}]"],
  ["{0..3}", "[0][1][2][3]"],
  ["{3..0}", "[3][2][1][0]"],
  ["{01..10}", "[01][02][03][04][05][06][07][08][09][10]"],
  ["{-2..2}", "[-2][-1][0][1][2]"],
  ["{1..10..3}", "[1][4][7][10]"],
  ["{1..10..-3}", "[1][4][7][10]"],
  ["{1..5..0}", "[1][2][3][4][5]"],
  ["{a..e}", "[a][b][c][d][e]"],
  ["{a..e..2}", "[a][c][e]"],
  ["{z..w}", "[z][y][x][w]"],
  ["{1..a}", "[{1..a}]"],
  ["web-{0..2}.nginx", "[web-0.nginx][web-1.nginx][web-2.nginx]"],
  ['"{a,b}"', "[{a,b}]"],
  ["'{a,b}'", "[{a,b}]"],
  ["\\{a,b}", "[{a,b}]"],
  ["{a\\,b,c}", "[a,b][c]"],
  ['{a,"b c"}', "[a][b c]"],
  ["x={a,b}", "[x=a][x=b]"],
  ["{,a}", "[a]"],
  ["{a,}", "[a]"],
  ["{1..3}{a,b}", "[1a][1b][2a][2b][3a][3b]"],
  ["{$HOME,b}", "[/root][b]"],
  ["{{a,b},c}", "[a][b][c]"],
  ["a{b", "[a{b]"],
  ["{a,b", "[{a,b]"],
  ["a}b{c,d}", "[a}bc][a}bd]"],
  ["{1..03}", "[01][02][03]"],
  ["{-05..3}", "[-05][-04][-03][-02][-01][000][001][002][003]"],
  ["{A..C}", "[A][B][C]"],
  ["{1..2..}", "[{1..2..}]"],
  ["{1...3}", "[{1...3}]"],
  ["{ab..c}", "[{ab..c}]"],
  ["{a{b,c}}", "[{ab}][{ac}]"],
  ["~/{a,b}", "[/root/a][/root/b]"],
  ['{"$X",y}', "[p q][y]"],
  ['"$X"{1,2}', "[p q1][p q2]"],
  ["{`echo a`,b}", "[a][b]"],
  ["{$(echo a b),c}", "[a][b][c]"],
];

async function hostShell(): Promise<Sandbox> {
  const sandbox = createSandbox({ timeMode: "instant" });
  await sh(sandbox, "X='p q'; HOME=/root");
  return sandbox;
}

describe("brace expansion, as bash 5.2 does it", () => {
  it.each(BASH)("%s", async (word, words) => {
    expect((await sh(await hostShell(), `printf '[%s]' ${word}; echo`)).stdout).toBe(`${words}\n`);
  });

  it("makes a for loop's list and kubectl's arguments", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect((await sh(sandbox, "for i in {0..2}; do echo web-$i; done")).stdout).toBe("web-0\nweb-1\nweb-2\n");
    expect((await sh(sandbox, "kubectl get ns default kube-{public,system} -o name")).stdout).toBe(
      "namespace/default\nnamespace/kube-public\nnamespace/kube-system\n",
    );
  });

  it("refuses a sequence, or a product of them, too long to hold, rather than stalling the tab", async () => {
    expect((await sh(createSandbox(), "echo {1..1000}{1..1000}{1..10}")).stderr).toBe(
      "bash: brace expansion: failed to allocate memory for 10000000 elements\n",
    );
    expect(await sh(createSandbox(), "echo {1..9999999999}")).toEqual({
      stdout: "",
      stderr: "bash: brace expansion: failed to allocate memory for 9999999999 elements\n",
      status: 1,
    });
  });

  it("is bash's alone: dash leaves the braces as typed", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run deb --image=nginx:1.27");
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/deb");
    expect((await sh(sandbox, `kubectl exec deb -- sh -c 'echo {a,b} {1..3}'`)).stdout).toBe(
      "{a,b} {1..3}\n",
    );
    expect((await sh(sandbox, `kubectl exec deb -- bash -c 'echo {a,b} {1..3}'`)).stdout).toBe("a b 1 2 3\n");
  });
});

describe.skipIf(!existsSync("/bin/bash"))("brace expansion against /bin/bash (property)", () => {
  it("makes the words bash makes of random brace words", async () => {
    const piece = fc.oneof(
      fc.constantFrom("a", "b", "x", "-", ".", "..", "'q'", '"d"', "\\,", "\\{", "$X", "}", "{", ","),
      fc
        .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }))
        .map(([a, b]) => `{${a}..${b}}`),
      fc.constantFrom("{a,b}", "{,x}", "{1..3..2}", "{a..d}", "{01..3}", "{a,{b,c}}", "{}", "{x}"),
    );
    const words = fc.sample(
      fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join("")),
      {
        numRuns: 200,
        seed: 5,
      },
    );
    const sandbox = await hostShell();
    for (const word of words) {
      const script = `printf '[%s]' ${word}; echo`;
      const real = spawnSync("/bin/bash", ["--norc", "--noprofile", "-c", `X='p q'; HOME=/root; ${script}`], {
        maxBuffer: 64 << 20,
      });
      const got = await sh(sandbox, script);
      expect({ word, out: got.stdout, failed: got.status !== 0 }).toEqual({
        word,
        out: real.stdout.toString(),
        failed: real.status !== 0,
      });
    }
  });
});
