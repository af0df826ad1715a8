/**
 * alias and unalias (sandbox/engine/shell/aliases.ts) and alias expansion in the interpreter. The
 * listing and error texts were recorded from bash 5.2.15 run interactively (`bash -i`) and from
 * dash 0.5.12 (Debian bookworm's /bin/sh), the shells of the host and of Debian images.
 */
import { describe, expect, it } from "vitest";
import { createSandbox, restoreSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

async function lines(sandbox: Sandbox, script: string[]) {
  let stdout = "";
  let stderr = "";
  for (const line of script) {
    const result = await sh(sandbox, line);
    stdout += result.stdout;
    stderr += result.stderr;
  }
  return { stdout, stderr };
}

describe("alias and unalias in the host shell (bash)", () => {
  it("define, list and refuse as bash -i does", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const script = ["alias k=kubectl", "alias kgp='kubectl get pods'", `alias x="it's"`, "alias", "alias k"];
    expect((await lines(sandbox, script)).stdout).toBe(
      "alias k='kubectl'\nalias kgp='kubectl get pods'\nalias x='it'\\''s'\nalias k='kubectl'\n",
    );
    expect(await sh(sandbox, "alias nope")).toEqual({
      stdout: "",
      stderr: "bash: alias: nope: not found\n",
      status: 1,
    });
    expect(await sh(sandbox, "alias 'a b=c'")).toMatchObject({
      stderr: "bash: alias: `a b': invalid alias name\n",
      status: 1,
    });
    expect(await sh(sandbox, "unalias nope")).toMatchObject({
      stderr: "bash: unalias: nope: not found\n",
      status: 1,
    });
    expect(await sh(sandbox, "unalias")).toMatchObject({
      stderr: "unalias: usage: unalias [-a] name [name ...]\n",
      status: 2,
    });
    expect((await sh(sandbox, "type k")).stdout).toBe("k is aliased to `kubectl'\n");
    expect((await lines(sandbox, ["unalias -a", "alias"])).stdout).toBe("");
  });

  it("expand where a command's name stands, in what is typed, as bash reads it", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await lines(sandbox, ["alias k=kubectl", "alias e='echo '", "alias w=world", "alias ls='ls -F'"]);
    expect((await sh(sandbox, "k get ns default -o name")).stdout).toBe("namespace/default\n");
    // In a pipeline's stages and in $(…): they are part of the line typed.
    expect((await sh(sandbox, "k get ns -o name | head -1")).stdout).toBe("namespace/default\n");
    expect((await sh(sandbox, 'echo "$(k get ns default -o name)"')).stdout).toBe("namespace/default\n");
    // A value ending in a blank makes the next word a candidate; a quoted name is not replaced.
    expect((await sh(sandbox, "e w")).stdout).toBe("world\n");
    expect(await sh(sandbox, "'k' get ns")).toMatchObject({
      stderr: "bash: k: command not found\n",
      status: 127,
    });
    // The replacement's own name is not replaced again.
    expect((await sh(sandbox, "mkdir d; ls")).stdout).toBe("d/\n");
    // An alias that is more than one command runs with the words after it.
    await sh(sandbox, "alias both='echo one && echo two'");
    expect((await sh(sandbox, "both three")).stdout).toBe("one\ntwo three\n");
  });

  it("are read when the line is, and not by scripts, as in bash", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect(await sh(sandbox, "alias q=echo; q same-line")).toMatchObject({
      stderr: "bash: q: command not found\n",
    });
    expect((await sh(sandbox, "q next-line")).stdout).toBe("next-line\n");
    expect(await sh(sandbox, "sh -c 'q x'")).toMatchObject({ stderr: "sh: 1: q: not found\n", status: 127 });
    expect(await sh(sandbox, "bash -c 'q x'")).toMatchObject({
      stderr: "bash: line 1: q: command not found\n",
    });
  });

  it("survive a save and a restore, and a damaged alias is refused", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "alias k=kubectl");
    const saved = sandbox.save();
    expect(saved.shell.aliases).toEqual({ k: "kubectl" });
    const restored = restoreSandbox(JSON.parse(JSON.stringify(saved)), { timeMode: "instant" });
    expect((await sh(restored, "k get ns default -o name")).stdout).toBe("namespace/default\n");
    const damaged = { ...saved, shell: { ...saved.shell, aliases: { "a b": "x" } } };
    expect(() => restoreSandbox(damaged)).toThrow("the snapshot's aliases are damaged");
    // A snapshot from before aliases existed has none.
    const { aliases: _, ...older } = saved.shell;
    expect((await sh(restoreSandbox({ ...saved, shell: older }), "alias")).stdout).toBe("");
  });
});

describe("alias in a Debian image's sh (dash)", () => {
  it("lists and refuses in dash's words", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run deb --image=nginx:1.27");
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/deb");
    const result = await sh(
      sandbox,
      `kubectl exec deb -- sh -c "alias k=kubectl x=\\"it's\\"; alias; alias nope; unalias nope; unalias; echo \\$?"`,
    );
    // In the order of dash's hash table, not sorted.
    expect(result.stdout).toBe("x='it'\"'\"'s'\nk='kubectl'\n0\n");
    expect((await sh(sandbox, `kubectl exec deb -- sh -c "alias b=1 a=2 c=3 kgp=x; alias"`)).stdout).toBe(
      "c='3'\nkgp='x'\na='2'\nb='1'\n",
    );
    expect(result.stderr).toBe("alias: nope not found\nunalias: nope not found\n");
  });
});

describe("completion after an alias", () => {
  it("offers alias names as commands and completes a line as the alias's value would be", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await lines(sandbox, [
      "alias k=kubectl",
      "alias kgp='kubectl get pods'",
      "kubectl create namespace shop",
    ]);
    const candidates = async (line: string) => (await sandbox.complete(line, line.length)).candidates;
    expect(await candidates("kg")).toEqual(["kgp"]);
    expect(await candidates("k get name")).toEqual(await candidates("kubectl get name"));
    expect(await candidates("k get name")).toContain("namespaces");
    expect(await candidates("k get ns sh")).toEqual(["shop"]);
    expect(await candidates("kgp -n sh")).toEqual(["shop"]);
  });
});
