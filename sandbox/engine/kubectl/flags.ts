/**
 * A pflag/cobra-compatible flag parser. kubectl's flag grammar is pflag's: `-n ns`, `-nns`, `-n=ns`,
 * `--namespace ns`, `--namespace=ns`, `-oyaml`, bools as `--watch` / `--watch=false`, combined short
 * bools (`-it`), `--` ends flags, and flags may sit anywhere among the arguments (interspersed).
 * Error texts are pflag's own, so a learner's typo answers exactly as the real client does.
 */

export type FlagType = "bool" | "string" | "int" | "stringArray" | "stringSlice" | "duration";
export type FlagValue = boolean | string | number | string[];

export interface FlagSpec {
  /** The long name, without dashes: "namespace". */
  name: string;
  /** One letter, without the dash: "n". */
  shorthand?: string;
  type: FlagType;
  /** The value when the flag is not given; durations are milliseconds. */
  default?: FlagValue;
  usage: string;
}

export interface ParsedFlags {
  /** Non-flag words, in order (including those after `--`). */
  args: string[];
  /** How many of `args` came before `--`, or -1 without one (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
  /** Long names of the flags the user actually gave. */
  changed: ReadonlySet<string>;
  bool(name: string): boolean;
  string(name: string): string;
  int(name: string): number;
  strings(name: string): string[];
  /** Duration flags, in milliseconds. */
  duration(name: string): number;
}

export type ParseResult = { ok: true; flags: ParsedFlags } | { ok: false; error: string };

/**
 * The flags every kubectl command accepts (kubectl's persistent flags). -n, --context and -v are the
 * ones a learner uses; the others exist so that a pasted real command line parses.
 */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: "namespace",
    shorthand: "n",
    type: "string",
    default: "",
    usage: "If present, the namespace scope for this CLI request",
  },
  { name: "context", type: "string", default: "", usage: "The name of the kubeconfig context to use" },
  {
    name: "kubeconfig",
    type: "string",
    default: "",
    usage: "Path to the kubeconfig file to use for CLI requests.",
  },
  { name: "cluster", type: "string", default: "", usage: "The name of the kubeconfig cluster to use" },
  { name: "user", type: "string", default: "", usage: "The name of the kubeconfig user to use" },
  {
    name: "server",
    shorthand: "s",
    type: "string",
    default: "",
    usage: "The address and port of the Kubernetes API server",
  },
  { name: "token", type: "string", default: "", usage: "Bearer token for authentication to the API server" },
  { name: "as", type: "string", default: "", usage: "Username to impersonate for the operation." },
  { name: "as-group", type: "stringArray", default: [], usage: "Group to impersonate for the operation." },
  { name: "as-uid", type: "string", default: "", usage: "UID to impersonate for the operation." },
  {
    name: "insecure-skip-tls-verify",
    type: "bool",
    default: false,
    usage: "Skip TLS certificate verification.",
  },
  {
    name: "request-timeout",
    type: "string",
    default: "0",
    usage: "The length of time to wait before giving up on a single server request.",
  },
  { name: "v", shorthand: "v", type: "int", default: 0, usage: "number for the log level verbosity" },
  { name: "cache-dir", type: "string", default: "/root/.kube/cache", usage: "Default cache directory" },
  {
    name: "certificate-authority",
    type: "string",
    default: "",
    usage: "Path to a cert file for the certificate authority",
  },
  {
    name: "client-certificate",
    type: "string",
    default: "",
    usage: "Path to a client certificate file for TLS",
  },
  { name: "client-key", type: "string", default: "", usage: "Path to a client key file for TLS" },
  {
    name: "tls-server-name",
    type: "string",
    default: "",
    usage: "Server name to use for server certificate validation.",
  },
  {
    name: "match-server-version",
    type: "bool",
    default: false,
    usage: "Require server version to match client version",
  },
  {
    name: "disable-compression",
    type: "bool",
    default: false,
    usage: "If true, opt-out of response compression for all requests to the server",
  },
  {
    name: "warnings-as-errors",
    type: "bool",
    default: false,
    usage: "Treat warnings received from the server as errors and exit with a non-zero exit code",
  },
  {
    name: "username",
    type: "string",
    default: "",
    usage: "Username for basic authentication to the API server",
  },
  {
    name: "password",
    type: "string",
    default: "",
    usage: "Password for basic authentication to the API server",
  },
  { name: "profile", type: "string", default: "none", usage: "Name of profile to capture." },
  {
    name: "profile-output",
    type: "string",
    default: "profile.pprof",
    usage: "Name of the file to write the profile to",
  },
  { name: "kuberc", type: "string", default: "", usage: "Path to the kuberc file to use for preferences." },
  { name: "help", shorthand: "h", type: "bool", default: false, usage: "help for the command" },
];

/** Flags several verbs share, spelled once. */
export const COMMON_FLAGS = {
  allNamespaces: {
    name: "all-namespaces",
    shorthand: "A",
    type: "bool",
    default: false,
    usage:
      "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
  },
  selector: {
    name: "selector",
    shorthand: "l",
    type: "string",
    default: "",
    usage:
      "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
  },
  fieldSelector: {
    name: "field-selector",
    type: "string",
    default: "",
    usage:
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
  },
  output: {
    name: "output",
    shorthand: "o",
    type: "string",
    default: "",
    usage: "Output format.",
  },
  filename: {
    name: "filename",
    shorthand: "f",
    type: "stringSlice",
    default: [],
    usage: "Filename, directory, or URL to files identifying the resource.",
  },
  recursive: {
    name: "recursive",
    shorthand: "R",
    type: "bool",
    default: false,
    usage:
      "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
  },
} as const satisfies Record<string, FlagSpec>;

/** Parses `argv` (the words after the verb) against the verb's flags plus the global ones. */
export function parseFlags(argv: readonly string[], verbFlags: readonly FlagSpec[]): ParseResult {
  const specs = [...verbFlags, ...GLOBAL_FLAGS];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const values = new Map<string, FlagValue>();
  const changed = new Set<string>();
  const args: string[] = [];
  let argsLenAtDash = -1;

  const set = (spec: FlagSpec, raw: string): string | undefined => {
    const parsed = convert(spec, raw);
    if (typeof parsed === "object" && !Array.isArray(parsed) && parsed !== null) {
      return `invalid argument "${raw}" for "${flagDisplayName(spec)}" flag: ${parsed.error}`;
    }
    if (spec.type === "stringArray" || spec.type === "stringSlice") {
      // Repeated list flags append; the first use replaces the default.
      const before = changed.has(spec.name) ? ((values.get(spec.name) as string[]) ?? []) : [];
      values.set(spec.name, [...before, ...(parsed as string[])]);
    } else {
      values.set(spec.name, parsed as FlagValue);
    }
    changed.add(spec.name);
    return undefined;
  };

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === "--") {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith("--")) {
      const body = word.slice(2);
      const eq = body.indexOf("=");
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let raw: string;
      if (eq >= 0) raw = body.slice(eq + 1);
      else if (spec.type === "bool") raw = "true";
      else if (i + 1 < argv.length) raw = argv[++i]!;
      else return { ok: false, error: `flag needs an argument: --${name}` };
      const error = set(spec, raw);
      if (error) return { ok: false, error };
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      let rest = word.slice(1);
      while (rest.length > 0) {
        const c = rest[0]!;
        const spec = byShort.get(c);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in -${rest}` };
        let raw: string;
        let consumedAll = false;
        if (rest.length > 2 && rest[1] === "=") {
          raw = rest.slice(2);
          consumedAll = true;
        } else if (spec.type === "bool") {
          raw = "true";
        } else if (rest.length > 1) {
          raw = rest.slice(1);
          consumedAll = true;
        } else if (i + 1 < argv.length) {
          raw = argv[++i]!;
          consumedAll = true;
        } else {
          return { ok: false, error: `flag needs an argument: '${c}' in -${rest}` };
        }
        const error = set(spec, raw);
        if (error) return { ok: false, error };
        rest = consumedAll ? "" : rest.slice(1);
      }
      continue;
    }
    args.push(word);
  }

  const current = (name: string): FlagValue | undefined => {
    if (values.has(name)) return values.get(name);
    return byName.get(name)?.default;
  };
  return {
    ok: true,
    flags: {
      args,
      argsLenAtDash,
      changed,
      bool: (name) => current(name) === true,
      string: (name) => String(current(name) ?? ""),
      int: (name) => Number(current(name) ?? 0),
      strings: (name) => [...((current(name) as string[] | undefined) ?? [])],
      duration: (name) => Number(current(name) ?? 0),
    },
  };
}

/** pflag names a flag in errors as `-w, --watch`, or `--chunk-size` when it has no shorthand. */
function flagDisplayName(spec: FlagSpec): string {
  return spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
}

function convert(spec: FlagSpec, raw: string): FlagValue | { error: string } {
  switch (spec.type) {
    case "bool":
      return parseGoBool(raw);
    case "int":
      return parseGoInt(raw);
    case "duration": {
      const ms = parseGoDuration(raw);
      return ms === undefined ? { error: `time: invalid duration "${raw}"` } : ms;
    }
    case "stringArray":
      return [raw];
    case "stringSlice":
      return raw === "" ? [] : raw.split(",");
    default:
      return raw;
  }
}

/** Go's strconv.ParseBool. */
export function parseGoBool(raw: string): boolean | { error: string } {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(raw)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(raw)) return false;
  return { error: `strconv.ParseBool: parsing "${raw}": invalid syntax` };
}

/** Go's strconv.ParseInt(s, 0, 64) as pflag's int flags use it (decimal, 0x, 0o, 0b, underscores). */
export function parseGoInt(raw: string): number | { error: string } {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(raw);
  if (!match || raw.includes("__") || raw.endsWith("_")) {
    return { error: `strconv.ParseInt: parsing "${raw}": invalid syntax` };
  }
  const sign = match[1] === "-" ? -1 : 1;
  let digits = match[2]!.replaceAll("_", "");
  let base = 10;
  if (/^0[xX]/.test(digits)) [base, digits] = [16, digits.slice(2)];
  else if (/^0[oO]/.test(digits)) [base, digits] = [8, digits.slice(2)];
  else if (/^0[bB]/.test(digits)) [base, digits] = [2, digits.slice(2)];
  else if (digits.length > 1 && digits.startsWith("0")) [base, digits] = [8, digits.slice(1)];
  const value = sign * Number.parseInt(digits, base);
  if (!Number.isSafeInteger(value))
    return { error: `strconv.ParseInt: parsing "${raw}": value out of range` };
  return value;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration ("1h30m", "90s", "1.5s", "0"), in milliseconds; undefined when invalid. */
export function parseGoDuration(raw: string): number | undefined {
  let rest = raw;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest[0] === "-") sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let total = 0;
  while (rest.length > 0) {
    const match = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!match || match[1] === "" || match[1] === ".") return undefined;
    total += Number(match[1]) * DURATION_UNITS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}

/** cobra's answer to a flag error: `Error: <msg>` and where to read the usage, exit 1. */
export function flagErrorText(commandPath: string, error: string): string {
  return `Error: ${error}\nSee '${commandPath} --help' for usage.\n`;
}
