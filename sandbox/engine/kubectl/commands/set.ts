/**
 * kubectl set image (pkg/cmd/set/set_image.go): `set image TYPE/NAME container=image…` (or `*=image`
 * for every container) on pods and pod templates; prints `<kind>[.<group>]/<name> image updated`.
 * Other `set` subcommands are not in this sandbox yet.
 */
import { DRY_RUN_FLAG, parseDryRun, successLine } from "../apply/write-options.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import { errorsText } from "../errors.ts";
import { COMMON_FLAGS } from "../flags.ts";
import { HELP } from "../help/set.ts";
import { liveTargets } from "../manifests/targets.ts";
import { resourcesAndPairs } from "./label.ts";

interface Container {
  name: string;
  image?: string;
}
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}

async function runImage(invocation: KubectlInvocation): Promise<number> {
  const { ctx, flags } = invocation;
  const fail = (message: string) => {
    ctx.stderr(`error: ${message}\n`);
    return 1;
  };
  const split = resourcesAndPairs(flags.args, "image");
  if ("error" in split) return fail(split.error);
  if (split.pairs.length === 0) return fail("at least one image update is required");
  const images = new Map<string, string>();
  for (const pair of split.pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) return fail(`invalid image update: ${pair}`);
    images.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const dryRun = parseDryRun(flags.string("dry-run"));
  if (typeof dryRun === "object") return fail(dryRun.error);
  const resolved = liveTargets(invocation, { args: split.resources, all: flags.bool("all") });
  if (!resolved.ok) return fail(resolved.error);
  const errors = [...resolved.errors];
  for (const { type, object } of resolved.targets) {
    const spec = structuredClone(object.spec ?? {}) as PodSpec & { template?: { spec?: PodSpec } };
    const podSpec = object.kind === "Pod" ? spec : spec.template?.spec;
    if (!podSpec) {
      errors.push(new Error(`error: ${type.plural}/${object.metadata.name} has no pod template`));
      continue;
    }
    const all = [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])];
    let missing: string | undefined;
    for (const [container, image] of images) {
      const matches = container === "*" ? all : all.filter((c) => c.name === container);
      if (matches.length === 0) missing ??= container;
      for (const c of matches) c.image = image;
    }
    if (missing !== undefined) {
      errors.push(new Error(`unable to find container named "${missing}"`));
      continue;
    }
    try {
      if (dryRun !== "client")
        ctx.env.cluster.api.update({ ...object, spec }, { dryRun: dryRun === "server" });
      ctx.stdout(
        successLine(type, object.metadata.name, "image updated", { dryRun, output: flags.string("output") }),
      );
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) ctx.stderr(errorsText(errors));
  return errors.length > 0 ? 1 : 0;
}

const image: KubectlVerb = {
  flags: [
    { name: "all", type: "bool", default: false, usage: "" },
    DRY_RUN_FLAG,
    COMMON_FLAGS.filename,
    COMMON_FLAGS.output,
    COMMON_FLAGS.recursive,
    COMMON_FLAGS.selector,
    { name: "local", type: "bool", default: false, usage: "" },
  ],
  help: HELP,
  run: runImage,
};

export const set: KubectlVerb = {
  flags: [],
  help: HELP,
  async run(invocation) {
    invocation.ctx.stdout(HELP);
    return 0;
  },
  subcommands: { image },
};
