import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs sandbox/cli.ts with `input` piped in, as `npm run cli < file` does. */
function cli(input: string) {
  const result = spawnSync(
    process.execPath,
    ["--experimental-strip-types", "--no-warnings", "sandbox/cli.ts"],
    { input, encoding: "utf8" },
  );
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

// Each test starts a Node process; on a loaded machine that alone can take longer than the default 5 s.
describe("the CLI in piped mode", { timeout: 60_000 }, () => {
  it("gathers heredoc lines into one command and runs what follows", () => {
    const r = cli("cat > a.yaml <<EOF\nkind: Pod\nname: x\nEOF\nwc -l a.yaml\n");
    expect(r).toEqual({ stdout: "2 a.yaml\n", stderr: "", status: 0 });
  });

  it("joins an open quote with the next line and exits with the last status", () => {
    const r = cli("echo 'one\ntwo'\nfalse\n");
    expect(r).toEqual({ stdout: "one\ntwo\n", stderr: "", status: 1 });
  });

  it("runs an unfinished heredoc at end of input with bash's warning", () => {
    const r = cli("cat <<EOF\nabc\n");
    expect(r.stdout).toBe("abc\n");
    expect(r.stderr).toBe("bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n");
  });
});
