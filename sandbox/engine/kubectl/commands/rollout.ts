/**
 * kubectl rollout status|history|undo|restart|pause|resume for Deployments and StatefulSets
 * (pkg/cmd/rollout/*, polymorphichelpers history/rollback/objectrestarter/objectpauser;
 * kubectl.md §12). Status lives in rollout-status.ts.
 */
import type { Cluster } from "../../cluster/cluster.ts";
import { listRevisions, sortRevisions } from "../../cluster/controllers/history.ts";
import type { KubeObject } from "../../cluster/types.ts";
import { isObject, type Json, jsonEqual } from "../apply/strategic-merge.ts";
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText } from "../errors.ts";
import { COMMON_FLAGS, type FlagSpec } from "../flags.ts";
import { HELP } from "../help/rollout.ts";
import { type LiveTarget, liveTargets } from "../manifests/targets.ts";
import { kindPrefix, qualifiedResource } from "../resources.ts";
import { watchRolloutStatus } from "./rollout-status.ts";

const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
const CHANGE_CAUSE = "kubernetes.io/change-cause";
const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

const TARGET_FLAGS: readonly FlagSpec[] = [
  COMMON_FLAGS.filename,
  COMMON_FLAGS.recursive,
  COMMON_FLAGS.selector,
];

type PerObject = (invocation: KubectlInvocation, target: LiveTarget) => Promise<number> | number;

/** Resolves the objects and runs `each` on them in order; exit 1 if any failed. */
function subcommand(flags: readonly FlagSpec[], each: PerObject): KubectlVerb {
  return {
    flags: [...TARGET_FLAGS, ...flags],
    help: HELP,
    async run(invocation) {
      const { ctx } = invocation;
      if (invocation.flags.args.length === 0 && invocation.flags.strings("filename").length === 0) {
        ctx.stderr(
          `error: required resource not specified\nSee '${invocation.commandPath} -h' for help and examples\n`,
        );
        return 1;
      }
      const resolved = liveTargets(invocation, { args: invocation.flags.args });
      if (!resolved.ok) {
        ctx.stderr(`error: ${resolved.error}\n`);
        return 1;
      }
      let status = 0;
      for (const target of resolved.targets) status = Math.max(status, await each(invocation, target));
      if (resolved.errors.length > 0) {
        ctx.stderr(errorsText(resolved.errors));
        return 1;
      }
      return status;
    },
  };
}

function fail(invocation: KubectlInvocation, message: string): number {
  invocation.ctx.stderr(`error: ${message}\n`);
  return 1;
}

const status = subcommand(
  [
    { name: "watch", shorthand: "w", type: "bool", default: true, usage: "" },
    { name: "timeout", type: "duration", default: 0, usage: "" },
    { name: "revision", type: "int", default: 0, usage: "" },
  ],
  (invocation, target) => watchRolloutStatus(invocation, target.object),
);

interface Revision {
  number: number;
  changeCause: string;
  template: Json;
}

/** Deployment revisions from its ReplicaSets; StatefulSet revisions from its ControllerRevisions. */
function revisionsOf(cluster: Cluster, object: KubeObject): Revision[] {
  if (object.kind === "Deployment") {
    const owned = cluster.api
      .list("ReplicaSet", { namespace: object.metadata.namespace })
      .filter((rs) =>
        rs.metadata.ownerReferences?.some((o) => o.uid === object.metadata.uid && o.controller),
      );
    return owned
      .map((rs) => {
        const template = structuredClone((rs.spec as { template?: Json }).template ?? null) as Json;
        if (isObject(template) && isObject(template.metadata) && isObject(template.metadata.labels)) {
          delete template.metadata.labels["pod-template-hash"];
        }
        return {
          number: Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0),
          changeCause: rs.metadata.annotations?.[CHANGE_CAUSE] ?? "",
          template,
        };
      })
      .sort((a, b) => a.number - b.number);
  }
  return sortRevisions(listRevisions(cluster, object)).map((cr) => {
    const data = cr.data as { spec?: { template?: Record<string, Json> } } | undefined;
    const { $patch: _replace, ...template } = data?.spec?.template ?? {};
    return {
      number: Number(cr.revision ?? 0),
      changeCause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? "",
      template: template as Json,
    };
  });
}

/** A tabwriter with minwidth 0, tabwidth 8, padding 2 (the history table's). */
function historyTable(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r[0]!.length)) + 2;
  return rows.map(([a, b]) => `${a!.padEnd(width)}${b}\n`).join("");
}

const history = subcommand(
  [{ name: "revision", type: "int", default: 0, usage: "" }, COMMON_FLAGS.output],
  (invocation, target) => {
    const { ctx } = invocation;
    if (target.type.kind !== "Deployment" && target.type.kind !== "StatefulSet") {
      return fail(invocation, `no history viewer has been implemented for ${target.type.kind}`);
    }
    const revisions = revisionsOf(ctx.env.cluster, target.object);
    const name = `${kindPrefix(target.type)}/${target.object.metadata.name}`;
    const wanted = invocation.flags.int("revision");
    if (wanted > 0) {
      if (!revisions.some((r) => r.number === wanted))
        return fail(invocation, "unable to find the specified revision");
      ctx.stdout(`${name} with revision #${wanted}\n`);
      return 0;
    }
    if (revisions.length === 0) {
      ctx.stdout(`No rollout history found.\n`);
      return 0;
    }
    const rows = [
      ["REVISION", "CHANGE-CAUSE"],
      ...revisions.map((r) => [String(r.number), r.changeCause || "<none>"]),
    ];
    ctx.stdout(`${name} \n${historyTable(rows)}\n`);
    return 0;
  },
);

const undo = subcommand(
  [{ name: "to-revision", type: "int", default: 0, usage: "" }, DRY_RUN_FLAG],
  (invocation, target) => {
    const { ctx } = invocation;
    const { object, type } = target;
    const dryRun = parseDryRun(invocation.flags.string("dry-run"));
    if (typeof dryRun === "object") return fail(invocation, dryRun.error);
    const spec = (object.spec ?? {}) as { template?: Json; paused?: boolean };
    if (type.kind === "Deployment" && spec.paused) {
      return fail(
        invocation,
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
      );
    }
    const revisions = revisionsOf(ctx.env.cluster, object);
    if (revisions.length === 0) {
      return fail(
        invocation,
        `no rollout history found for ${type.kind.toLowerCase()} "${object.metadata.name}"`,
      );
    }
    const toRevision = invocation.flags.int("to-revision");
    let chosen: Revision | undefined;
    if (toRevision > 0) {
      chosen = revisions.find((r) => r.number === toRevision);
      if (!chosen) return fail(invocation, `unable to find specified revision ${toRevision} in history`);
    } else {
      chosen = revisions.length >= 2 ? revisions[revisions.length - 2] : undefined;
      if (!chosen) return fail(invocation, "no last revision to roll back to");
    }
    if (jsonEqual(chosen.template, spec.template ?? null)) {
      ctx.stdout(
        successLine(
          type,
          object.metadata.name,
          `skipped rollback (current template already matches revision ${chosen.number})`,
        ),
      );
      return 0;
    }
    if (dryRun === "none") {
      ctx.env.cluster.api.update({
        ...object,
        spec: { ...(object.spec as object), template: chosen.template },
      });
    }
    ctx.stdout(successLine(type, object.metadata.name, "rolled back", { dryRun }));
    return 0;
  },
);

/** Stamps the pod template with restartedAt; a second restart within the same second is refused. */
const restart = subcommand([DRY_RUN_FLAG], (invocation, target) => {
  const { ctx } = invocation;
  const { object, type } = target;
  if (type.kind !== "Deployment" && type.kind !== "StatefulSet") {
    return fail(invocation, `restarting is not supported`);
  }
  const spec = structuredClone(object.spec ?? {}) as {
    template?: { metadata?: { annotations?: Record<string, string> } };
  };
  const template = spec.template ?? {};
  const now = ctx.env.cluster.api.timestamp();
  if (template.metadata?.annotations?.[RESTARTED_AT] === now) {
    return fail(
      invocation,
      `failed to create patch for ${object.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    );
  }
  template.metadata = {
    ...template.metadata,
    annotations: { ...template.metadata?.annotations, [RESTARTED_AT]: now },
  };
  spec.template = template;
  const dryRun = parseDryRun(invocation.flags.string("dry-run"));
  if (typeof dryRun === "object") return fail(invocation, dryRun.error);
  if (dryRun !== "client") ctx.env.cluster.api.update({ ...object, spec }, { dryRun: dryRun === "server" });
  ctx.stdout(successLine(type, object.metadata.name, "restarted", { dryRun }));
  return 0;
});

function pauser(paused: boolean): KubectlVerb {
  const word = paused ? "paused" : "resumed";
  return subcommand([DRY_RUN_FLAG], (invocation, target) => {
    const { object, type } = target;
    if (type.kind !== "Deployment") {
      return fail(
        invocation,
        `${qualifiedResource(type)} "${object.metadata.name}" ${paused ? "pausing" : "resuming"} is not supported`,
      );
    }
    const spec = (object.spec ?? {}) as { paused?: boolean };
    if ((spec.paused ?? false) === paused) {
      invocation.ctx.stdout(successLine(type, object.metadata.name, `already ${word}`));
      return 0;
    }
    invocation.ctx.env.cluster.api.update({ ...object, spec: { ...spec, paused } });
    invocation.ctx.stdout(successLine(type, object.metadata.name, word));
    return 0;
  });
}

/** `kubectl rollout` alone prints its help, as cobra does for a command group. */
export const rollout: KubectlVerb = {
  flags: [],
  help: HELP,
  async run(invocation) {
    invocation.ctx.stdout(HELP);
    return 0;
  },
  subcommands: {
    status,
    history,
    undo,
    restart,
    pause: pauser(true),
    resume: pauser(false),
  },
};
