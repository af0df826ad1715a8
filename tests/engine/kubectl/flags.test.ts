import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FlagSpec, parseFlags, parseGoDuration } from "../../../sandbox/engine/kubectl/flags.ts";
import { harness } from "./harness.ts";

const run1 = (line: string) => harness().kubectl(line);

const SPECS: FlagSpec[] = [
  { name: "watch", shorthand: "w", type: "bool", default: false, usage: "" },
  { name: "output", shorthand: "o", type: "string", default: "", usage: "" },
  { name: "stdin", shorthand: "i", type: "bool", default: false, usage: "" },
  { name: "tty", shorthand: "t", type: "bool", default: false, usage: "" },
  { name: "replicas", type: "int", default: 0, usage: "" },
  { name: "filename", shorthand: "f", type: "stringSlice", default: [], usage: "" },
  { name: "env", shorthand: "e", type: "stringArray", default: [], usage: "" },
  { name: "timeout", type: "duration", default: 30_000, usage: "" },
];

function ok(argv: string[]) {
  const result = parseFlags(argv, SPECS);
  if (!result.ok) throw new Error(result.error);
  return result.flags;
}

function err(argv: string[]) {
  const result = parseFlags(argv, SPECS);
  if (result.ok) throw new Error("expected an error");
  return result.error;
}

describe("parseFlags accepts every pflag spelling", () => {
  it.each([[["-n", "dev"]], [["-ndev"]], [["-n=dev"]], [["--namespace", "dev"]], [["--namespace=dev"]]])(
    "%j sets the namespace",
    (argv) => {
      expect(ok(argv).string("namespace")).toBe("dev");
    },
  );

  it("reads -oyaml, -o=yaml and -o yaml alike", () => {
    for (const argv of [["-oyaml"], ["-o=yaml"], ["-o", "yaml"], ["--output=yaml"]]) {
      expect(ok(argv).string("output")).toBe("yaml");
    }
  });

  it("treats bools as switches, with =false to turn them off", () => {
    expect(ok(["--watch"]).bool("watch")).toBe(true);
    expect(ok(["--watch=false"]).bool("watch")).toBe(false);
    expect(ok(["-w=F"]).bool("watch")).toBe(false);
    expect(ok([]).bool("watch")).toBe(false);
    // A bool never takes the next word: "false" stays an argument.
    expect(ok(["--watch", "false"]).args).toEqual(["false"]);
  });

  it("splits combined short bools and lets the last one take a value", () => {
    const flags = ok(["-it", "-wo", "json"]);
    expect([flags.bool("stdin"), flags.bool("tty"), flags.bool("watch")]).toEqual([true, true, true]);
    expect(flags.string("output")).toBe("json");
    expect(ok(["-itoyaml"]).string("output")).toBe("yaml");
  });

  it("intersperses flags and arguments and stops at --", () => {
    const flags = ok(["pods", "-w", "web-0", "--", "-n", "x"]);
    expect(flags.args).toEqual(["pods", "web-0", "-n", "x"]);
    expect(flags.argsLenAtDash).toBe(2);
    expect(flags.changed.has("namespace")).toBe(false);
  });

  it("takes the next word as a value even when it looks like a flag, as pflag does", () => {
    expect(ok(["-n", "--watch"]).string("namespace")).toBe("--watch");
  });

  it("appends repeated list flags and splits slices on commas", () => {
    const flags = ok(["-f", "a.yaml,b.yaml", "-f", "c.yaml", "-e", "A=1,B=2", "-e", "C=3"]);
    expect(flags.strings("filename")).toEqual(["a.yaml", "b.yaml", "c.yaml"]);
    expect(flags.strings("env")).toEqual(["A=1,B=2", "C=3"]);
  });

  it("parses ints and durations like Go", () => {
    expect(ok(["--replicas=0x10"]).int("replicas")).toBe(16);
    expect(ok(["--timeout=1m30s"]).duration("timeout")).toBe(90_000);
    expect(ok([]).duration("timeout")).toBe(30_000);
    expect(parseGoDuration("1.5s")).toBe(1500);
    expect(parseGoDuration("0")).toBe(0);
    expect(parseGoDuration("5")).toBeUndefined();
  });
});

describe("parseFlags errors are pflag's", () => {
  it.each([
    [["--bogus"], "unknown flag: --bogus"],
    [["-x"], "unknown shorthand flag: 'x' in -x"],
    [["-wz"], "unknown shorthand flag: 'z' in -z"],
    [["-n"], "flag needs an argument: 'n' in -n"],
    [["--namespace"], "flag needs an argument: --namespace"],
    [
      ["--replicas=abc"],
      'invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    ],
    [
      ["--watch=maybe"],
      'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
    [["--timeout=abc"], 'invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"'],
    [
      ["-v", "abc"],
      'invalid argument "abc" for "-v, --v" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    ],
  ])("%j → %s", (argv, message) => {
    expect(err(argv)).toBe(message);
  });

  it("never throws, whatever the words", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom("-n", "-w", "--", "-it", "--output", "-"))),
        (argv) => {
          const result = parseFlags(argv, SPECS);
          if (result.ok) {
            // Every word is either an argument, a flag, or a flag's value: never more arguments than words.
            expect(result.flags.args.length).toBeLessThanOrEqual(argv.length);
          } else {
            expect(result.error.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});

describe("kubectl prints flag errors the way cobra does", () => {
  it("unknown flag", async () => {
    expect(await run1("kubectl get --bogus")).toEqual({
      stdout: "",
      stderr: "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
      status: 1,
    });
  });

  it("missing value at the end", async () => {
    expect((await run1("kubectl get pods -n")).stderr).toBe(
      "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
    );
  });

  it("bad bool value names both spellings", async () => {
    expect((await run1("kubectl get pods -A=x")).stderr).toBe(
      'Error: invalid argument "x" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n',
    );
  });

  it("accepts global flags before the verb", async () => {
    const r = await run1("kubectl -n kube-system get pods");
    expect(r.stderr).toBe("No resources found in kube-system namespace.\n");
  });

  it("refuses unknown flags before the verb", async () => {
    expect((await run1("kubectl --bogus get pods")).stderr).toBe(
      "Error: flags cannot be placed before plugin name: --bogus\n",
    );
  });

  it("prints kubectl's own help with no verb", async () => {
    const r = await run1("kubectl");
    expect(r.status).toBe(0);
    expect(
      r.stdout.startsWith(
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n",
      ),
    ).toBe(true);
  });

  it("prints the verb's real help for --help and -h", async () => {
    const long = await run1("kubectl get --help");
    const short = await run1("kubectl get pods -h");
    expect(long.stdout.startsWith("Display one or many resources.\n")).toBe(true);
    expect(
      long.stdout.endsWith(
        'Use "kubectl options" for a list of global command-line options (applies to all commands).\n',
      ),
    ).toBe(true);
    expect(short).toEqual(long);
  });
});
