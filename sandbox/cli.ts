/**
 * The engine on a terminal or a pipe.
 *
 *   npm run cli                     an interactive prompt; simulated time follows the wall clock
 *   npm run cli < session.txt       runs each line; sleep is instant; exits with the last status
 *
 * Piped output is exactly what the browser terminal shows for the same lines, minus the prompt:
 * this is what the golden transcripts replay.
 */
import { createInterface } from "node:readline";
import { createSandbox, type OutputChunk } from "./engine/index.ts";

const PROMPT = "$ ";
const TICK_MS = 100;

const write = (chunk: OutputChunk) =>
  (chunk.stream === "stdout" ? process.stdout : process.stderr).write(chunk.text);

async function runPiped(): Promise<number> {
  const sandbox = createSandbox({ timeMode: "instant" });
  let status = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) status = await sandbox.exec(line, write);
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
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT });
  let running: AbortController | undefined;
  let status = 0;
  rl.on("SIGINT", () => {
    if (running) running.abort();
    else {
      process.stdout.write("^C\n");
      rl.prompt();
    }
  });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === "exit") break;
    running = new AbortController();
    status = await sandbox.exec(line, write, running.signal);
    running = undefined;
    rl.prompt();
  }
  clearInterval(ticker);
  rl.close();
  return status;
}

process.exitCode = await (process.stdin.isTTY ? runInteractive() : runPiped());
