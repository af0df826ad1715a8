/**
 * Fuzzing the terminal: random and mutated command lines (quotes, pipes, heredocs, unicode,
 * control characters, huge arguments). Whatever is typed, the command returns (or is cancelled
 * through its AbortSignal), nothing throws, no JavaScript error reaches the screen, and the
 * sandbox still answers afterwards. fast-check prints the seed and the shrunk line on failure.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusLines, freshSandbox, jsLeak, runLine, runs } from "./harness.ts";

let corpus: string[] = [];
beforeAll(async () => {
  corpus = await corpusLines();
});

const SPECIAL = [
  "'",
  '"',
  "\\",
  "|",
  "||",
  "&&",
  ";",
  "&",
  ">",
  ">>",
  "<",
  "<<EOF\n",
  "<<-'X'\n\tx\n",
  "\nEOF\n",
  "$(",
  ")",
  "`",
  "${",
  "}",
  "$((",
  "))",
  "*",
  "?",
  "[",
  "]",
  "{",
  "(",
  "#",
  "~",
  "=",
  "-",
  "--",
  "-o",
  "jsonpath={.items[*].metadata.name}",
  "go-template={{range .items}}{{.metadata.name}}{{end}}",
  "\n",
  "\t",
  "\r",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u001b]0;x\u0007",
  "\u007f",
  "é",
  "日本",
  "🙂",
  "\u202e",
  "\ud800",
];

const WORDS = [
  "kubectl",
  "get",
  "describe",
  "apply",
  "create",
  "delete",
  "scale",
  "rollout",
  "exec",
  "logs",
  "edit",
  "label",
  "annotate",
  "patch",
  "explain",
  "run",
  "wait",
  "config",
  "pods",
  "po",
  "sts",
  "statefulset",
  "pvc",
  "pv",
  "svc",
  "deploy",
  "nodes",
  "all",
  "web",
  "web-0",
  "-f",
  "web.yaml",
  "-n",
  "kube-system",
  "-A",
  "-l",
  "app=web",
  "-o",
  "yaml",
  "json",
  "wide",
  "name",
  "--replicas=3",
  "--all",
  "-w",
  "--dry-run=client",
  "--",
  "sh",
  "-c",
  "echo",
  "cat",
  "grep",
  "awk",
  "sed",
  "head",
  "ls",
  "cd",
  "for",
  "in",
  "do",
  "done",
  "while",
  "if",
  "then",
  "fi",
  "case",
  "esac",
  "sleep",
  "1",
  "$?",
  "$HOME",
  "x=1",
  // Names Object.prototype also has: a lookup in a plain object must not find its members.
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: "binary" }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: "grapheme" }) },
  // A huge argument: a pasted file, a runaway paste.
  { weight: 1, arbitrary: fc.nat(60_000).map((n) => "x".repeat(n + 1000)) },
);

const randomLine = fc.array(fragment, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(" "));

type Mutation = { at: number; cut: number; insert: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  cut: fc.nat(6),
  insert: fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...WORDS), fc.string({ maxLength: 4 })),
});

/** A valid line from the transcripts with a few edits: the typo'd, half-pasted lines learners send. */
const mutatedLine = fc
  .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([pick, edits]) => {
    let line = corpus[pick % corpus.length]!;
    for (const { at, cut, insert } of edits) {
      const i = at % (line.length + 1);
      line = line.slice(0, i) + insert + line.slice(i + cut);
    }
    return line;
  });

async function checkLine(line: string) {
  const sandbox = freshSandbox();
  const ran = await runLine(sandbox, line, 300);
  expect(Number.isInteger(ran.status)).toBe(true);
  expect(ran.status).toBeGreaterThanOrEqual(0);
  expect(ran.status).toBeLessThanOrEqual(255);
  expect(jsLeak(ran.stdout + ran.stderr, line)).toBeUndefined();
  // Still alive: the cluster draws and kubectl answers.
  sandbox.picture();
  const after = await runLine(sandbox, "kubectl get nodes -o name", 5000);
  expect(after.cancelled).toBe(false);
  expect(after.stderr).toBe("");
}

describe("command lines (fuzz)", () => {
  it("random command lines never throw, always return and leave the sandbox working", async () => {
    await fc.assert(fc.asyncProperty(randomLine, checkLine), { numRuns: runs(250) });
  }, 600_000);

  it("mutated lines from the golden transcripts never throw, always return and leave the sandbox working", async () => {
    await fc.assert(fc.asyncProperty(mutatedLine, checkLine), { numRuns: runs(250) });
  }, 600_000);

  it("a kubectl command that fails says why on stderr, in kubectl's words", async () => {
    const kubectlLine = fc
      .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, fc.string({ maxLength: 8 })), {
        minLength: 1,
        maxLength: 6,
      })
      // Words only: one command, so its status and stderr are kubectl's own.
      .map((words) => `kubectl ${words.map((w) => `'${w.replace(/'/g, "")}'`).join(" ")}`);
    await fc.assert(
      fc.asyncProperty(kubectlLine, async (line) => {
        const ran = await runLine(freshSandbox(), line, 300);
        if (ran.cancelled || ran.status === 0) return;
        expect(jsLeak(ran.stdout + ran.stderr, line)).toBeUndefined();
        expect(ran.stderr).toMatch(KUBECTL_ERROR);
      }),
      // Bounded in time as well as in runs, so that a slow CI machine stays within its budget.
      { numRuns: runs(150), interruptAfterTimeLimit: 15_000 * Number(process.env.FUZZ_SCALE ?? 1) },
    );
  }, 600_000);
});

/**
 * How kubectl's failures read: its own `error:` / `Error:` lines, the API server's answers, a
 * container's exit, a tool's name in `kubectl exec`'s output (`ls: …`), or a command group's
 * help with its Usage (`kubectl config` alone prints it on stderr and exits 1).
 */
const KUBECTL_ERROR =
  /^(error: |Error: |Error from server|Unable to |The \S+ "|[a-z][\w.-]*: |.*\bcommand terminated with exit code \d+|Usage:$)/m;
