/**
 * Shared by the fuzz suites: a booted sandbox saved once and restored for every run (a restore
 * costs ~10 ms where booting the kind cluster costs ~200 ms), a runner that cancels a command
 * through its AbortSignal when it outlives a budget, and the marks of a JavaScript bug leaking
 * into what the learner sees.
 */
import fc from "fast-check";
import { createSandbox, type Sandbox } from "../../sandbox/engine/index.ts";
import { parseTranscript } from "../transcripts/transcript.ts";

/**
 * `npm test` fuzzes from a fixed seed so that CI is repeatable (a failure prints the seed and
 * the shrunk input); `FUZZ_SEED=random` or any number explores elsewhere.
 */
const seedSetting = process.env.FUZZ_SEED ?? "20261121";
if (seedSetting !== "random") fc.configureGlobal({ seed: Number(seedSetting) });

const booted = JSON.stringify(createSandbox({ timeMode: "instant" }).save());

/** A fresh default cluster, as a learner's first visit has it. */
export function freshSandbox(): Sandbox {
  return createSandbox({ timeMode: "instant", restore: booted });
}

export interface Ran {
  stdout: string;
  stderr: string;
  status: number;
  /** The command was still running after the budget and was cancelled through its AbortSignal. */
  cancelled: boolean;
}

/**
 * Runs one command line; when it has not finished after `budgetMs` of wall time (a watch, a
 * `sleep` in realtime, an endless loop) it is cancelled as Ctrl-C does, and must then return.
 * A command that ignores the signal makes the test time out instead of hanging the suite.
 */
export async function runLine(sandbox: Sandbox, line: string, budgetMs = 1000): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    const status = await sandbox.exec(
      line,
      (chunk) => {
        // Output is bounded too: a runaway loop must not fill the test's memory. The start is
        // kept, where an error message begins.
        if (chunk.stream === "stdout") stdout = (stdout + chunk.text).slice(0, 200_000);
        else stderr = (stderr + chunk.text).slice(0, 200_000);
      },
      controller.signal,
    );
    return { stdout, stderr, status, cancelled: controller.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What only a bug in the engine prints: a JavaScript exception's message caught by the shell's
 * last-resort handler, or an object printed without formatting. None of these is something
 * kubectl or bash says.
 */
const JS_LEAKS = [
  /Cannot read properties of/,
  /Cannot set properties of/,
  /is not a function/,
  /is not iterable/,
  /is not defined/,
  /Maximum call stack/,
  /Invalid array length/,
  /Invalid string length/,
  /\[object Object\]/,
  /\bTypeError\b/,
  /\bRangeError\b/,
  /\bReferenceError\b/,
  /\bSyntaxError: (?!syntax)/,
  /^\s+at .*\.ts:\d+/m,
];

/** The first JavaScript leak in `output` that the input line did not itself contain. */
export function jsLeak(output: string, input: string): string | undefined {
  for (const pattern of JS_LEAKS) {
    const found = output.match(pattern);
    if (found && !input.includes(found[0])) return found[0];
  }
  return undefined;
}

/** Every command line of the golden transcripts: valid input in all the shapes learners type. */
export async function corpusLines(): Promise<string[]> {
  const { readdir, readFile } = await import("node:fs/promises");
  const dir = new URL("../transcripts/", import.meta.url);
  const lines: string[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".txt")).sort()) {
    const transcript = parseTranscript(await readFile(new URL(name, dir), "utf8"));
    for (const step of transcript.steps) lines.push(step.input);
  }
  return lines;
}

/**
 * Runs per property: sized so that `npm test` fuzzes within its time budget on 2 cores;
 * `FUZZ_SCALE=20 npx vitest run tests/fuzz` hunts longer.
 */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * Number(process.env.FUZZ_SCALE ?? 1)));
}
