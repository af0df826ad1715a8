/**
 * bash's `time` keyword on the simulated clock. The shapes were checked against bash 5.2.15 (`time
 * sleep 0.2` there prints `\nreal\t0m0.202s\nuser\t0m0.001s\nsys\t0m0.000s`): here real time is
 * the simulated time the pipeline took, and user and sys are 0, as nothing here uses a CPU.
 */
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sh } from "../helpers.ts";

describe("time", () => {
  it("reports a pipeline's simulated time on stderr, in bash's default format and time -p's", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect(await sh(sandbox, "time sleep 2")).toEqual({
      stdout: "",
      stderr: "\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\n",
      status: 0,
    });
    expect((await sh(sandbox, "time -p sleep 1.567")).stderr).toBe("real 1.56\nuser 0.00\nsys 0.00\n");
    // The pipeline's status is time's; `time` alone times nothing.
    expect(await sh(sandbox, "time false | true; time ! true; echo $?")).toMatchObject({ stdout: "1\n" });
    expect((await sh(sandbox, "time")).stderr).toBe("\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n");
  });

  it("follows TIMEFORMAT: %R, %U, %S and %P with a precision and l's minutes", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect((await sh(sandbox, "TIMEFORMAT='%3lR|%1R|%U|%P|%%'; time sleep 61.25")).stderr).toBe(
      "1m1.250s|61.2|0.000|0.00|%\n",
    );
  });

  it("is a word like any other where it is not first, or quoted", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    expect(await sh(sandbox, "echo time; 'time' true")).toEqual({
      stdout: "time\n",
      stderr: "bash: time: command not found\n",
      status: 127,
    });
  });

  it("is not dash's: a Debian image's sh looks for a time program it does not have", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    await sh(sandbox, "kubectl run deb --image=nginx:1.27");
    await sh(sandbox, "kubectl wait --for=condition=Ready pod/deb");
    expect(await sh(sandbox, "kubectl exec deb -- sh -c 'time true'")).toEqual({
      stdout: "",
      stderr: "sh: 1: time: not found\ncommand terminated with exit code 127\n",
      status: 127,
    });
  });
});
