/**
 * `sh -c SCRIPT NAME ARG…` sets $0, $1…, $# and $@ as POSIX sh does, and a quoted "$@" makes one
 * field of each parameter: at the prompt, in `kubectl exec`, and in a container's command.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const SCRIPT = `printf '[%s]' "$0" "$#" "$1" "$@" $* "x$@y"; echo`;
const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

describe("sh -c SCRIPT NAME ARG…", () => {
  it.skipIf(!existsSync("/bin/dash"))(
    "gives the script the parameters the real dash gives it (property, against /bin/dash)",
    async () => {
      const word = fc
        .array(fc.constantFrom("a", "b c", "", " ", "*", "-x", "é"), { maxLength: 3 })
        .map((p) => p.join(""));
      const cases = fc.sample(fc.array(word, { maxLength: 4 }), { numRuns: 40, seed: 4 });
      const lines = cases.map((args) => `sh -c ${quote(SCRIPT)} ${args.map(quote).join(" ")}`);
      const script = lines.join("\n");
      // An unquoted $* is globbed: both run in an empty directory.
      const expected = spawnSync("/bin/dash", ["-c", script], { cwd: mkdtempSync(join(tmpdir(), "sh-c-")) });
      const sandbox = createSandbox();
      await sh(sandbox, "mkdir -p /tmp/empty && cd /tmp/empty");
      const got = await sh(sandbox, script);
      expect(got.stderr).toBe("");
      expect(got.stdout.split("\n")).toEqual(expected.stdout.toString("utf8").split("\n"));
    },
  );

  it("names $0 the shell without a NAME, and a file run by sh after the file", async () => {
    const sandbox = createSandbox();
    await sh(sandbox, `printf 'echo "$0:$#:$1"\\n' > s.sh`);
    expect((await sh(sandbox, `sh -c 'echo $0 $#'; bash -c 'echo $0'; sh s.sh one two`)).stdout).toBe(
      "sh 0\nbash\ns.sh:2:one\n",
    );
  });

  it("reaches a container's script through command and args", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const manifest = `apiVersion: v1
kind: Pod
metadata: {name: args}
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", 'for f in "$@"; do echo "$0 got <$f>"; done; echo "n=$#"']
    args: ["writer", "one two", "three"]
`;
    sandbox.writeFile("args.yaml", manifest);
    await sh(sandbox, "kubectl apply -f args.yaml && sleep 20");
    expect((await sh(sandbox, "kubectl logs args")).stdout).toBe(
      "writer got <one two>\nwriter got <three>\nn=2\n",
    );
    await sh(sandbox, "kubectl run e --image=busybox:1.36 -- sleep 3600 && sleep 20");
    expect((await sh(sandbox, `kubectl exec e -- sh -c 'echo "$0|$2|$#"' me a b`)).stdout).toBe("me|b|2\n");
  });
});
