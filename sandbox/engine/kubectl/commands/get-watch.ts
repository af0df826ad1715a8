/**
 * kubectl get -w (get.go's watch): prints the current list once with its header (unless
 * --watch-only), then one row per ADDED / MODIFIED / DELETED event of that single type, aligned
 * with what was printed before. In "instant" time (CLI, tests, transcripts) it lets simulated time
 * run from one wake-up to the next until a minute passes without a row, and then ends as if the
 * learner pressed Ctrl-C, so a transcript shows the order in which things happened and the ages a
 * person watching would see; in "realtime" it runs until the learner presses Ctrl-C.
 */
import type { WatchEvent } from "../../cluster/controller-manager.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { abortError } from "../../time-driver.ts";
import type { KubectlInvocation } from "../command.ts";
import { errorLine } from "../errors.ts";
import { fetchTargets, listObjects } from "../fetch.ts";
import { printObjects } from "../printers/output.ts";
import { type TableOptions, tableHeader, tableRow } from "../printers/table.ts";
import { TableWriter } from "../printers/tabwriter.ts";
import type { ResourceTarget } from "../resources.ts";
import type { GetOptions } from "./get.ts";

/** The exit status bash gives a command ended by Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;
/** In instant time, how long a watch waits after its last row before it is "interrupted". */
const QUIET_MS = 60_000;
/** …and at most how long it watches at all. */
const CAP_MS = 10 * 60_000;

export async function watch(
  invocation: KubectlInvocation,
  options: GetOptions,
  targets: readonly ResourceTarget[],
): Promise<number> {
  const { ctx } = invocation;
  const { cluster } = ctx.env;
  const target = targets[0]!;
  if (targets.some((t) => t.type !== target.type)) {
    ctx.stderr(
      "error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n",
    );
    return 1;
  }
  const names = new Set(targets.flatMap((t) => (t.name === undefined ? [] : [t.name])));
  const { groups, errors } = fetchTargets(cluster, targets, options);
  if (errors.length > 0) {
    ctx.stderr(errorLine(errors[0]));
    return 1;
  }
  const initial = groups.flatMap((g) => g.objects);
  const isTable = ["table", "wide", "custom-columns"].includes(options.output.kind);
  const writer = new TableWriter();
  let headerPrinted = false;
  let printedCount = 0;
  const tableOptions = (event?: string): TableOptions => ({
    ...options.table,
    withKind: false,
    withNamespace: options.allNamespaces && target.type.namespaced,
    ...(options.outputWatchEvents ? { watchEvent: event ?? "ADDED" } : {}),
  });
  let lastRowAt = cluster.clock.now();
  const print = (objects: readonly KubeObject[], event: string) => {
    if (objects.length === 0) return;
    lastRowAt = cluster.clock.now();
    if (!isTable) {
      for (const object of objects) {
        const wrap = options.outputWatchEvents && options.output.kind !== "name";
        const data = wrap ? ({ type: event, object } as unknown as KubeObject) : object;
        const one = printObjects(options.output, [data], true);
        if ("error" in one) continue;
        // The YAML printer separates documents after the first with ---.
        ctx.stdout(options.output.kind === "yaml" && printedCount++ > 0 ? `---\n${one.text}` : one.text);
      }
      return;
    }
    const now = cluster.clock.now();
    const rows = objects.map((o) => tableRow(target.type, o, now, tableOptions(event)));
    if (!headerPrinted && !options.table.noHeaders)
      rows.unshift(tableHeader(target.type, tableOptions(event)));
    headerPrinted = true;
    ctx.stdout(writer.write(rows));
  };

  if (!options.watchOnly) print(initial, "ADDED");
  const matched = new Set(initial.map((o) => keyOf(o)));
  const selecting = options.labelSelector !== "" || options.fieldSelector !== "";
  const concerns = (event: WatchEvent): boolean => {
    const object = event.object;
    if (object.kind !== target.type.kind) return false;
    if (target.namespace !== undefined && object.metadata.namespace !== target.namespace) return false;
    if (names.size > 0 && !names.has(object.metadata.name)) return false;
    if (!selecting) return true;
    if (event.type === "DELETED") return matched.has(keyOf(object));
    const selected = listObjects(cluster, target.type, target.namespace, options).some(
      (o) => keyOf(o) === keyOf(object),
    );
    if (selected) matched.add(keyOf(object));
    return selected;
  };
  const stop = cluster.watch((event) => {
    if (concerns(event)) print([event.object], event.type);
  });
  try {
    if (ctx.env.time.mode === "instant") {
      const start = cluster.clock.now();
      cluster.runControllers();
      for (
        let next = cluster.clock.nextWakeupAt();
        next !== undefined && next <= lastRowAt + QUIET_MS && next - start <= CAP_MS;
        next = cluster.clock.nextWakeupAt()
      ) {
        cluster.advance(next - cluster.clock.now());
      }
      return INTERRUPTED;
    }
    await new Promise<never>((_, reject) => {
      if (ctx.signal.aborted) reject(abortError());
      ctx.signal.addEventListener("abort", () => reject(abortError()), { once: true });
    });
    return INTERRUPTED;
  } finally {
    stop();
  }
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}
