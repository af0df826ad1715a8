/**
 * kubectl api-resources (pkg/cmd/apiresources): the resources this cluster serves, from
 * cluster/kinds.ts, sorted stably by API group (core first) in discovery's by-name order.
 */
import { apiVersionOf, RESOURCE_TYPES, type ResourceType } from "../../cluster/kinds.ts";
import type { KubectlInvocation, KubectlVerb } from "../command.ts";
import type { FlagSpec } from "../flags.ts";
import { HELP } from "../help/api-resources.ts";
import { alignColumns } from "../printers/tabwriter.ts";

const FLAGS: readonly FlagSpec[] = [
  { name: "api-group", type: "string", default: "", usage: "" },
  { name: "cached", type: "bool", default: false, usage: "" },
  { name: "categories", type: "stringSlice", default: [], usage: "" },
  { name: "namespaced", type: "bool", default: true, usage: "" },
  { name: "no-headers", type: "bool", default: false, usage: "" },
  { name: "output", shorthand: "o", type: "string", default: "", usage: "" },
  { name: "sort-by", type: "string", default: "", usage: "" },
  { name: "verbs", type: "stringSlice", default: [], usage: "" },
];

/** Discovery's verbs: every served kind supports all of them except namespaces' deletecollection. */
const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
/** The kinds discovery puts in the `all` category. */
const IN_ALL = new Set(["pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets"]);

const verbsOf = (t: ResourceType) =>
  t.plural === "namespaces" ? ALL_VERBS.filter((v) => v !== "deletecollection") : ALL_VERBS;
const categoriesOf = (t: ResourceType) => (IN_ALL.has(t.plural) ? ["all"] : []);

export const apiResources: KubectlVerb = { flags: FLAGS, help: HELP, run };

async function run({ ctx, flags }: KubectlInvocation): Promise<number> {
  const output = flags.string("output");
  if (output !== "" && output !== "wide" && output !== "name") {
    ctx.stderr(`error: --output ${output} is not available\n`);
    return 1;
  }
  const sortBy = flags.string("sort-by");
  if (sortBy !== "" && sortBy !== "name" && sortBy !== "kind") {
    ctx.stderr("error: --sort-by accepts only name or kind\n");
    return 1;
  }
  let types = [...RESOURCE_TYPES].sort((a, b) => compare(a.plural, b.plural));
  if (flags.changed.has("api-group")) types = types.filter((t) => t.group === flags.string("api-group"));
  if (flags.changed.has("namespaced")) {
    const namespaced = flags.bool("namespaced");
    types = types.filter((t) => t.namespaced === namespaced);
  }
  const verbs = flags.strings("verbs");
  if (verbs.length > 0) types = types.filter((t) => verbs.every((v) => verbsOf(t).includes(v)));
  const categories = flags.strings("categories");
  if (categories.length > 0)
    types = types.filter((t) => categories.every((c) => categoriesOf(t).includes(c)));
  const key = (t: ResourceType) => (sortBy === "name" ? t.plural : sortBy === "kind" ? t.kind : t.group);
  types = types.sort((a, b) => compare(key(a), key(b)));

  if (output === "name") {
    ctx.stdout(types.map((t) => `${t.group ? `${t.plural}.${t.group}` : t.plural}\n`).join(""));
    return 0;
  }
  const wide = output === "wide";
  const rows = types.map((t) => {
    const row = [t.plural, t.shortNames.join(","), apiVersionOf(t), String(t.namespaced), t.kind];
    if (wide) row.push(verbsOf(t).join(","), categoriesOf(t).join(","));
    return row;
  });
  const header = [
    "NAME",
    "SHORTNAMES",
    "APIVERSION",
    "NAMESPACED",
    "KIND",
    ...(wide ? ["VERBS", "CATEGORIES"] : []),
  ];
  ctx.stdout(alignColumns(flags.bool("no-headers") ? rows : [header, ...rows]));
  return 0;
}

/** Go's string ordering (bytewise), which sort.Stable uses here. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
