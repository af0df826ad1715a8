/**
 * The engine on a terminal or a pipe.
 *
 *   npm run cli                     an interactive prompt; simulated time follows the wall clock
 *   npm run cli < session.txt       runs each command; sleep is instant; exits with the last status
 *
 * Lines are gathered until they make a whole command (a heredoc up to its delimiter, a quote up
 * to its closing quote, a line ending in `|` or `\`), as bash does; interactively the `> `
 * prompt asks for the rest. Piped output is exactly what the browser terminal shows for the same
 * input, minus the prompts: this is what the golden transcripts replay.
 */
import { createInterface } from "node:readline";
import { createSandbox, type OutputChunk } from "./engine/index.ts";

const CONTINUATION_PROMPT = "> ";
const TICK_MS = 100;

const write = (chunk: OutputChunk) =>
  (chunk.stream === "stdout" ? process.stdout : process.stderr).write(chunk.text);

async function runPiped(): Promise<number> {
  const sandbox = createSandbox({ timeMode: "instant" });
  let status = 0;
  let pending: string | undefined;
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    pending = pending === undefined ? line : `${pending}\n${line}`;
    if (!sandbox.isComplete(pending)) continue;
    status = await sandbox.exec(pending, write);
    pending = undefined;
  }
  // What is left at end of input runs as bash runs it at end of file (with its warnings).
  if (pending !== undefined) status = await sandbox.exec(pending, write);
  return status;
}

async function runInteractive(): Promise<number> {
  const sandbox = createSandbox({ timeMode: "realtime", startMs: Date.now() });
  let last = Date.now();
  const ticker = setInterval(() => {
    const now = Date.now();
    sandbox.advance(now - last);
    last = now;
  }, TICK_MS);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: sandbox.prompt() });
  let running: AbortController | undefined;
  let pending: string | undefined;
  let status = 0;
  rl.on("SIGINT", () => {
    if (running) running.abort();
    else {
      pending = undefined;
      process.stdout.write("^C\n");
      rl.setPrompt(sandbox.prompt());
      rl.prompt();
    }
  });
  rl.prompt();
  for await (const line of rl) {
    pending = pending === undefined ? line : `${pending}\n${line}`;
    if (!sandbox.isComplete(pending)) {
      rl.setPrompt(CONTINUATION_PROMPT);
      rl.prompt();
      continue;
    }
    const text = pending;
    pending = undefined;
    if (text.trim() === "exit" && sandbox.prompt() === "$ ") break;
    running = new AbortController();
    status = await sandbox.exec(text, write, running.signal);
    running = undefined;
    rl.setPrompt(sandbox.prompt());
    rl.prompt();
  }
  clearInterval(ticker);
  rl.close();
  return status;
}

process.exitCode = await (process.stdin.isTTY ? runInteractive() : runPiped());
