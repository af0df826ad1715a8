/**
 * Property: a script the kubelet plans as data (process.ts) and the same script really run by the
 * pod shell's interpreter (script-runner.ts) give the same log, line for line and time for time,
 * and the same exit (code and time). The runner is forced by a leading assignment, which makes a
 * script not static without changing what it does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { linesUntil, planProcess } from "../../../sandbox/engine/cluster/kubelet/process.ts";
import { advanceWithScripts } from "../../../sandbox/engine/cluster/kubelet/script-runner.ts";
import { podRecordKey, runtimeState } from "../../../sandbox/engine/cluster/kubelet/state.ts";
import { lookupImage } from "../../../sandbox/engine/images/catalogue.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";
import { podSpec } from "../runtime/fixtures.ts";

const busybox = (() => {
  const found = lookupImage("busybox:1.37");
  if (!found.ok) throw new Error("busybox is in the catalogue");
  return found.image;
})();

const simple = fc.oneof(
  fc.constantFrom("true", "false", ":", "echo", "echo hello world", "echo 'a;b'", "exit 0", "exit 3"),
  fc.integer({ min: 0, max: 4 }).map((n) => `sleep ${n}`),
  fc.constantFrom("a", "bb", "c d").map((t) => `echo "${t}"`),
);
const list = fc
  .tuple(simple, fc.array(fc.tuple(fc.constantFrom("&&", "||"), simple), { maxLength: 2 }))
  .map(([first, rest]) => [first, ...rest.flat()].join(" "));
const body = fc.array(list, { minLength: 1, maxLength: 4 }).map((items) => items.join("; "));
const script = fc.oneof(
  body,
  fc
    .tuple(fc.option(body, { nil: undefined }), fc.constantFrom("while true", "while :", "until false"), body)
    .map(([before, loop, inside]) => `${before ? `${before}; ` : ""}${loop}; do ${inside}; done`),
);

const SPAN_MS = 30_000;

/** The first run's log as (ms after start, text) and its exit, after 30 s with restartPolicy Never. */
function outcome(cluster: Cluster, name: string) {
  const record = runtimeState(cluster).pods.get(podRecordKey("default", name))!;
  const c = record.containers[0]!;
  const run = c.current!;
  const end = Math.min(cluster.clock.now(), run.finishedAt ?? Number.POSITIVE_INFINITY);
  const lines = linesUntil(run.plan, end - run.startedAt).map((l) => `${l.afterMs} ${l.stream} ${l.text}`);
  const exit =
    run.finishedAt === undefined ? "running" : `${run.exitCode} at ${run.finishedAt - run.startedAt}`;
  return { lines, exit };
}

describe("a planned script and the same script run behave alike (property)", () => {
  it("same log lines at the same times, same exit code at the same time", async () => {
    await fc.assert(
      fc.asyncProperty(script, async (text) => {
        const ctx = { now: 0, podIP: "", hostname: "p", cpus: 1, kernelVersion: "" };
        const plan = planProcess(busybox, { command: ["sh", "-c", text] }, ctx);
        // A loop that never sleeps is not plannable: the runner cuts it, which a plan cannot match.
        fc.pre(plan.script === undefined);
        const cluster = createDefaultCluster();
        const never = { restartPolicy: "Never" };
        cluster.create(podSpec("planned", { image: "busybox:1.37", command: ["sh", "-c", text] }, never));
        cluster.create(
          podSpec("run", { image: "busybox:1.37", command: ["sh", "-c", `x=1; ${text}`] }, never),
        );
        await advanceWithScripts(cluster, cluster.clock.now() + SPAN_MS);
        const planned = outcome(cluster, "planned");
        const run = outcome(cluster, "run");
        // Whichever started later has had less time: compare over the shorter span.
        expect(run.exit).toBe(planned.exit);
        const span = Math.min(...["planned", "run"].map((n) => spanOf(cluster, n)));
        const within = (lines: string[]) => lines.filter((l) => Number(l.split(" ")[0]) <= span);
        expect(within(run.lines)).toEqual(within(planned.lines));
      }),
      {
        numRuns: 60,
        seed: 11,
        examples: [
          ["false"],
          ["echo a; false || exit 4"],
          ["sleep 2; echo b && false"],
          ["while :; do sleep 1; echo t; done"],
        ],
      },
    );
  }, 120_000);
});

function spanOf(cluster: Cluster, name: string): number {
  const run = runtimeState(cluster).pods.get(podRecordKey("default", name))!.containers[0]!.current!;
  return Math.min(cluster.clock.now(), run.finishedAt ?? Number.POSITIVE_INFINITY) - run.startedAt;
}
