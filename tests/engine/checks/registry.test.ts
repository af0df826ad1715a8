import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replay } from "../../../sandbox/engine/checks/checkpoint.ts";
import { CHECKS, checkProblems } from "../../../sandbox/engine/checks/index.ts";
import { createSandbox } from "../../../sandbox/engine/index.ts";
import { sandboxAfter, webYaml } from "./harness.ts";

describe("the check registry", () => {
  it("names every check in kebab-case and describes every param", () => {
    for (const [name, check] of CHECKS) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(check.description.length).toBeGreaterThan(10);
      for (const spec of Object.values(check.params)) expect(spec.description.length).toBeGreaterThan(5);
    }
  });

  it("rejects unknown checks, unknown params, missing and mistyped params", () => {
    expect(checkProblems("statefulset-redy", { name: "web" })[0]).toMatch(
      /^unknown check "statefulset-redy"; known checks: /,
    );
    expect(checkProblems("statefulset-ready", { name: "web", replica: 2 })).toEqual([
      'statefulset-ready has no param "replica" (params: name, replicas, namespace)',
    ]);
    expect(checkProblems("statefulset-ready", {})).toEqual([
      'statefulset-ready needs param "name": The StatefulSet\'s name.',
    ]);
    expect(checkProblems("statefulset-ready", { name: "web", replicas: -1 })).toEqual([
      'statefulset-ready param "replicas" must be a non-negative integer, got -1',
    ]);
    expect(checkProblems("statefulset-ready", { name: "web", replicas: 2 })).toEqual([]);
  });

  it("never throws and never passes on arbitrary tasks, however malformed (property)", async () => {
    const sandbox = await sandboxAfter([]);
    const names = fc.oneof(fc.constantFrom(...CHECKS.keys()), fc.string());
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer()),
    );
    const params = fc.dictionary(
      fc.constantFrom("name", "replicas", "statefulset", "claim", "kind", "x"),
      value,
    );
    fc.assert(
      fc.property(names, params, (name, p) => {
        const [result] = sandbox.checkTasks([{ id: "t", check: { name, params: p as never } }]);
        // An empty cluster has nothing a check could be satisfied with.
        expect(result!.done).toBe(false);
        expect(result!.detail.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("checkpoint replay", () => {
  it("rebuilds the same state as running the commands by hand, deterministically", async () => {
    const lines = [webYaml(), "kubectl apply -f web.yaml", "kubectl delete pod web-0"];
    const states = await Promise.all(
      [1, 2].map(async () => {
        const sandbox = createSandbox({ timeMode: "instant", seed: 7, startMs: Date.UTC(2026, 0, 1) });
        expect(await replay(sandbox, lines)).toEqual([]);
        let out = "";
        await sandbox.exec("kubectl get pods -o wide", (chunk) => {
          out += chunk.text;
        });
        const [ready] = sandbox.checkTasks([
          { id: "a", check: { name: "statefulset-ready", params: { name: "web", replicas: 2 } } },
        ]);
        return { out, ready: ready!.done };
      }),
    );
    expect(states[0]).toEqual(states[1]);
    expect(states[0]!.ready).toBe(true);
    expect(states[0]!.out).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +IP /);
  });

  it("reports the lines that failed, with what they printed", async () => {
    const sandbox = createSandbox({ timeMode: "instant" });
    const failures = await replay(sandbox, ["kubectl get pod nope"]);
    expect(failures).toEqual([
      {
        line: "kubectl get pod nope",
        status: 1,
        output: 'Error from server (NotFound): pods "nope" not found\n',
      },
    ]);
  });
});
