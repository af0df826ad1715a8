import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { HOST_COMMANDS } from "../../../sandbox/engine/shell/host.ts";
import type { Tool } from "../../../sandbox/engine/shell/interpreter.ts";
import { loadTool, onFirstUse } from "../../../sandbox/engine/shell/lazy-tool.ts";
import { isStreaming } from "../../../sandbox/engine/shell/pipe.ts";

describe("tools loaded on first use", () => {
  it("stand in for the real tool, which comes back at once after the first load", async () => {
    const real: Tool = async () => 0;
    let loads = 0;
    const stub = onFirstUse(async () => {
      loads++;
      return real;
    });
    expect(loadTool(real)).toBe(real);
    const first = loadTool(stub);
    expect(first).toBeInstanceOf(Promise);
    expect(loadTool(stub)).toBe(first); // one load, however many ask meanwhile
    expect(await first).toBe(real);
    expect(loadTool(stub)).toBe(real);
    expect(loads).toBe(1);
  });

  it("try again after a load that failed", async () => {
    let fail = true;
    const real: Tool = async () => 0;
    const stub = onFirstUse(async () => {
      if (fail) throw new Error("offline");
      return real;
    });
    await expect(loadTool(stub)).rejects.toThrow("offline");
    fail = false;
    expect(await loadTool(stub)).toBe(real);
  });

  it("keep what the real host tools are: grep and head read a pipe as it arrives, sort waits for it", async () => {
    // tests/setup has loaded them; the stubs themselves are never asked.
    const real = (name: string) => loadTool(HOST_COMMANDS[name]!) as Tool;
    expect(HOST_COMMANDS.grep).not.toBe(real("grep"));
    expect([isStreaming(real("grep")), isStreaming(real("head")), isStreaming(real("sort"))]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("run in a pipeline the same as before", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    let out = "";
    const status = await sandbox.exec("printf 'b\\na\\nc\\n' | sort | grep -v c | wc -l\n", (chunk) => {
      out += chunk.text;
    });
    expect({ status, out }).toEqual({ status: 0, out: "2\n" });
  });
});
