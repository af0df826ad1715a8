/**
 * kubectl config (pkg/cmd/config): the sandbox's kubeconfig is kind's (one kind-kind context);
 * view prints it with certificate data redacted, and use-context / set-context change the
 * session's copy. From kubectl 1.34 `preferences: {}` is no longer printed.
 */
import type { KubeObject } from "../../cluster/types.ts";
import type { KubectlVerb } from "../command.ts";
import { usageError } from "../errors.ts";
import { HELP as CONFIG_HELP } from "../help/config.ts";
import { HELP as CURRENT_CONTEXT_HELP } from "../help/config-current-context.ts";
import { HELP as GET_CONTEXTS_HELP } from "../help/config-get-contexts.ts";
import { HELP as SET_CONTEXT_HELP } from "../help/config-set-context.ts";
import { HELP as USE_CONTEXT_HELP } from "../help/config-use-context.ts";
import { HELP as VIEW_HELP } from "../help/config-view.ts";
import { type KubeContext, kubeconfigOf } from "../kubeconfig.ts";
import { parseOutputFormat, printObjects } from "../printers/output.ts";
import { toJson, toYaml } from "../printers/serialize.ts";
import { alignColumns } from "../printers/tabwriter.ts";

/** What `--raw` shows instead of DATA+OMITTED: kind's PEM data is long and opaque anyway. */
const RAW_CERT_DATA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==";

const view: KubectlVerb = {
  flags: [
    { name: "allow-missing-template-keys", type: "bool", default: true, usage: "" },
    { name: "flatten", type: "bool", default: false, usage: "" },
    { name: "merge", type: "bool", default: true, usage: "" },
    { name: "minify", type: "bool", default: false, usage: "" },
    { name: "output", shorthand: "o", type: "string", default: "yaml", usage: "" },
    { name: "raw", type: "bool", default: false, usage: "" },
    { name: "show-managed-fields", type: "bool", default: false, usage: "" },
    { name: "template", type: "string", default: "", usage: "" },
  ],
  help: VIEW_HELP,
  async run({ ctx, flags }) {
    const config = kubeconfigOf(ctx.env.cluster);
    const data = flags.bool("raw") ? RAW_CERT_DATA : "DATA+OMITTED";
    const contexts = flags.bool("minify")
      ? config.contexts.filter((c) => c.name === config.currentContext)
      : config.contexts;
    const clusters = [...new Set(contexts.map((c) => c.cluster))];
    const users = [...new Set(contexts.map((c) => c.user))];
    const document = {
      apiVersion: "v1",
      clusters: clusters.map((name) => ({
        cluster: { "certificate-authority-data": data, server: config.server },
        name,
      })),
      contexts: contexts.map((c) => ({
        context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user },
        name: c.name,
      })),
      "current-context": config.currentContext,
      kind: "Config",
      users: users.map((name) => ({
        name,
        user: { "client-certificate-data": data, "client-key-data": data },
      })),
    };
    const output = flags.string("output");
    if (output === "json") ctx.stdout(toJson(document));
    else if (output === "yaml") ctx.stdout(toYaml(document));
    else if (output.startsWith("jsonpath=")) {
      // `config view --minify -o jsonpath='{..namespace}'`: the usual way to read the current namespace.
      const format = parseOutputFormat(output);
      const printed =
        "error" in format ? format : printObjects(format, [document as unknown as KubeObject], true);
      if ("error" in printed) {
        ctx.stderr(`error: ${printed.error}\n`);
        return 1;
      }
      ctx.stdout(printed.text);
    } else {
      ctx.stderr(`error: output format "${output}" is not supported by config view in this sandbox\n`);
      return 1;
    }
    return 0;
  },
};

const currentContext: KubectlVerb = {
  flags: [],
  help: CURRENT_CONTEXT_HELP,
  async run({ ctx }) {
    const config = kubeconfigOf(ctx.env.cluster);
    if (!config.currentContext) {
      ctx.stderr("error: current-context is not set\n");
      return 1;
    }
    ctx.stdout(`${config.currentContext}\n`);
    return 0;
  },
};

const getContexts: KubectlVerb = {
  flags: [
    { name: "no-headers", type: "bool", default: false, usage: "" },
    { name: "output", shorthand: "o", type: "string", default: "", usage: "" },
  ],
  help: GET_CONTEXTS_HELP,
  async run({ ctx, flags }) {
    const config = kubeconfigOf(ctx.env.cluster);
    const wanted = flags.args;
    const missing = wanted.filter((name) => !config.contexts.some((c) => c.name === name));
    const shown =
      wanted.length === 0 ? config.contexts : config.contexts.filter((c) => wanted.includes(c.name));
    if (flags.string("output") === "name") {
      ctx.stdout(shown.map((c) => `${c.name}\n`).join(""));
    } else {
      const rows = shown.map((c: KubeContext) => [
        c.name === config.currentContext ? "*" : "",
        c.name,
        c.cluster,
        c.user,
        c.namespace ?? "",
      ]);
      const header = ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"];
      ctx.stdout(alignColumns(flags.bool("no-headers") ? rows : [header, ...rows]));
    }
    if (missing.length > 0) {
      ctx.stderr(`error: context ${missing[0]} not found\n`);
      return 1;
    }
    return 0;
  },
};

const useContext: KubectlVerb = {
  flags: [],
  help: USE_CONTEXT_HELP,
  async run({ ctx, flags }) {
    const name = flags.args[0];
    if (name === undefined || flags.args.length !== 1) {
      return usageError(ctx, "config use-context", `Unexpected args: [${flags.args.join(" ")}]`);
    }
    const config = kubeconfigOf(ctx.env.cluster);
    if (!config.contexts.some((c) => c.name === name)) {
      ctx.stderr(`error: no context exists with the name: "${name}"\n`);
      return 1;
    }
    config.currentContext = name;
    ctx.stdout(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: KubectlVerb = {
  flags: [
    { name: "cluster", type: "string", default: "", usage: "" },
    { name: "current", type: "bool", default: false, usage: "" },
    { name: "user", type: "string", default: "", usage: "" },
  ],
  help: SET_CONTEXT_HELP,
  async run({ ctx, flags }) {
    const config = kubeconfigOf(ctx.env.cluster);
    const name = flags.bool("current") ? config.currentContext : flags.args[0];
    if (!name) {
      ctx.stderr("error: you must specify a non-empty context name or --current\n");
      return 1;
    }
    let context = config.contexts.find((c) => c.name === name);
    const created = context === undefined;
    if (!context) {
      context = { name, cluster: "", user: "" };
      config.contexts.push(context);
    }
    if (flags.changed.has("namespace")) context.namespace = flags.string("namespace");
    if (flags.changed.has("cluster")) context.cluster = flags.string("cluster");
    if (flags.changed.has("user")) context.user = flags.string("user");
    ctx.stdout(`Context "${name}" ${created ? "created" : "modified"}.\n`);
    return 0;
  },
};

export const config: KubectlVerb = {
  flags: [],
  help: CONFIG_HELP,
  subcommands: {
    "current-context": currentContext,
    "get-contexts": getContexts,
    "set-context": setContext,
    "use-context": useContext,
    view,
  },
  async run({ ctx, flags }) {
    if (flags.args.length > 0) {
      return usageError(ctx, "config", `unknown command "${flags.args[0]}"`);
    }
    // Bare `kubectl config` prints its help on stderr and fails, as cobra does for a missing subcommand.
    ctx.stderr(CONFIG_HELP);
    return 1;
  },
};
