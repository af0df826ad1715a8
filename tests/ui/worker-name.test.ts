import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootHint, type SandboxInit, workerName } from "../../sandbox/protocol.ts";

const init = (over: Partial<SandboxInit> = {}): SandboxInit => ({
  scenario: "web-statefulset",
  startMs: Date.UTC(2026, 10, 22),
  seed: 1,
  ...over,
});

describe("the worker's name hints at the boot snapshot its sandbox starts from", () => {
  it("names the scenario for a fresh sandbox with the boot seed", () => {
    expect(bootHint(workerName(init()))).toBe("web-statefulset");
  });

  it("hints at nothing for a sandbox that restores, or boots with another seed", () => {
    expect(bootHint(workerName(init({ restore: { format: "stateful-lab-sandbox" } })))).toBeUndefined();
    expect(bootHint(workerName(init({ seed: 2 })))).toBeUndefined();
    expect(bootHint("")).toBeUndefined();
  });

  it("gives back any scenario name as it was, whatever characters it holds", () => {
    fc.assert(fc.property(fc.string(), (scenario) => bootHint(workerName(init({ scenario }))) === scenario));
  });
});
