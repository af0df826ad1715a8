/**
 * Small fidelity gaps: a name over NAME_MAX (255 bytes), bash's \u and \U escapes (which dash and
 * BusyBox do not know), and `help` for a topic bash has no help on.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

const LONG = "a".repeat(256);

async function withPods(): Promise<Sandbox> {
  const sandbox = createSandbox({ timeMode: "instant" });
  await sh(sandbox, "kubectl run bb --image=busybox:1.36 -- sleep 3600");
  await sh(sandbox, "kubectl run deb --image=nginx:1.27");
  await sh(sandbox, "kubectl wait --for=condition=Ready pod/bb pod/deb");
  return sandbox;
}

describe("a file name over 255 bytes", () => {
  it("fails as coreutils' and BusyBox's touch fail, and nothing is created", async () => {
    const sandbox = await withPods();
    expect(await sh(sandbox, `touch ${LONG}`)).toEqual({
      stdout: "",
      stderr: `touch: cannot touch '${LONG}': File name too long\n`,
      status: 1,
    });
    // 255 bytes is still a name; 86 three-byte characters (258 bytes) are not.
    expect((await sh(sandbox, `touch ${"b".repeat(255)}`)).status).toBe(0);
    expect((await sh(sandbox, `touch ${"é".repeat(128)}`)).stderr).toContain("File name too long");
    expect((await sh(sandbox, `echo x > ${LONG}`)).stderr).toBe(`bash: ${LONG}: File name too long\n`);
    expect((await sh(sandbox, `kubectl exec bb -- touch /tmp/${LONG}`)).stdout).toBe("");
    expect((await sh(sandbox, `kubectl exec bb -- touch /tmp/${LONG}`)).stderr).toBe(
      `touch: /tmp/${LONG}: File name too long\ncommand terminated with exit code 1\n`,
    );
    expect((await sh(sandbox, "ls | grep -c aaa")).stdout).toBe("0\n");
  });
});

describe("\\u and \\U escapes", () => {
  it("are bash's (printf, %b and echo -e), not dash's or BusyBox's", async () => {
    const sandbox = await withPods();
    const script = String.raw`printf 'a\u00e9b\U0001F600c\n'; printf '%b|' '\u263a'; echo -e '\u263ax'`;
    expect((await sh(sandbox, script)).stdout).toBe("aéb😀c\n☺|☺x\n");
    expect((await sh(sandbox, `kubectl exec deb -- sh -c "printf '\\u00e9|'"`)).stdout).toBe("\\u00e9|");
    expect((await sh(sandbox, `kubectl exec bb -- sh -c "printf '\\u00e9|'"`)).stdout).toBe("\\u00e9|");
  });

  it("without a digit stay as written, and bash's printf warns", async () => {
    const sandbox = createSandbox();
    expect(await sh(sandbox, String.raw`printf '\u|\Ux\n'`)).toEqual({
      stdout: "\\u|\\Ux\n",
      stderr: "bash: printf: missing unicode digit for \\u\nbash: printf: missing unicode digit for \\U\n",
      status: 0,
    });
  });

  it.skipIf(!existsSync("/bin/bash"))(
    "print what the real bash prints (property, against /bin/bash)",
    async () => {
      const piece = fc.oneof(
        fc.integer({ min: 0x20, max: 0xffff }).map((n) => `\\u${n.toString(16)}`),
        fc
          .integer({ min: 0x20, max: 0x10ffff })
          .filter((n) => n < 0xd800 || n > 0xdfff)
          .map((n) => `\\U${n.toString(16).padStart(8, "0")}`),
        fc.constantFrom("x", "\\uZ", "%%"),
      );
      const formats = fc.sample(fc.array(piece, { minLength: 1, maxLength: 4 }), { numRuns: 40, seed: 9 });
      const script = formats.map((f) => `printf '${f.join("")}|'`).join("; ");
      const expected = spawnSync("/bin/bash", ["--norc", "--noprofile", "-c", script], {
        env: { LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin" },
      });
      const got = await sh(createSandbox(), script);
      expect(got.stdout).toBe(expected.stdout.toString("utf8"));
      // One warning per escape without a digit (bash -c prefixes its own name and line number).
      const warnings = (text: string) =>
        text.split("\n").filter((l) => l.endsWith("missing unicode digit for \\u"));
      expect(warnings(got.stderr).length).toBe(warnings(expected.stderr.toString("utf8")).length);
    },
  );
});

describe("help for a topic bash has no help on", () => {
  it("answers as bash's builtin, naming the last pattern", async () => {
    const sandbox = createSandbox();
    expect(await sh(sandbox, "help nosuch")).toEqual({
      stdout: "",
      stderr:
        "bash: help: no help topics match `nosuch'.  Try `help help' or `man -k nosuch' or `info nosuch'.\n",
      status: 1,
    });
    expect((await sh(sandbox, "help zzz nosuch")).stderr).toContain("`nosuch'");
    // A topic bash knows (or a prefix or pattern of one) still shows this machine's overview.
    for (const topic of ["cd", "c", "e*"]) expect((await sh(sandbox, `help '${topic}'`)).status).toBe(0);
  });
});
