/**
 * Golden transcripts: a terminal session written down. `$ ` starts a command, `> ` continues it
 * (heredoc lines, open quotes), and every other line is output (stdout and stderr, merged in the
 * order written), exactly as the browser terminal shows it. Lines starting with `#` before the
 * first command are comments; a comment `# scenario: NAME` starts the session from that named
 * scenario instead of the default cluster. Output that does not end in a newline is followed by
 * the marker line below, so the next `$ ` can still start a line.
 */
import { createSandbox } from "../../sandbox/engine/index.ts";

export const NO_NEWLINE = "\\ No newline at end of output";

export interface Step {
  /** What was typed, lines joined by "\n". */
  input: string;
  output: string;
}

export interface Transcript {
  comments: string[];
  steps: Step[];
}

export function parseTranscript(text: string): Transcript {
  const comments: string[] = [];
  const steps: Step[] = [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let current: { input: string[]; output: string[] } | undefined;
  const finish = () => {
    if (!current) return;
    let output = current.output.map((l) => `${l}\n`).join("");
    if (output.endsWith(`${NO_NEWLINE}\n`)) output = output.slice(0, -(NO_NEWLINE.length + 2));
    steps.push({ input: current.input.join("\n"), output });
  };
  for (const line of lines) {
    if (line.startsWith("$ ")) {
      finish();
      current = { input: [line.slice(2)], output: [] };
    } else if (!current) {
      comments.push(line);
    } else if (line.startsWith("> ") && current.output.length === 0) {
      current.input.push(line.slice(2));
    } else {
      current.output.push(line);
    }
  }
  finish();
  return { comments, steps };
}

export function renderTranscript(transcript: Transcript): string {
  let out = transcript.comments.map((c) => `${c}\n`).join("");
  for (const step of transcript.steps) {
    const [first, ...rest] = step.input.split("\n");
    out += `$ ${first}\n${rest.map((l) => `> ${l}\n`).join("")}`;
    out += step.output;
    if (step.output !== "" && !step.output.endsWith("\n")) out += `\n${NO_NEWLINE}\n`;
  }
  return out;
}

/** Replays the commands in a fresh instant-time sandbox (as `npm run cli` does) and records the output. */
export async function replay(transcript: Transcript): Promise<Transcript> {
  const scenario = transcript.comments
    .map((c) => /^# scenario: (\S+)$/.exec(c)?.[1])
    .find((name) => name !== undefined);
  const sandbox = createSandbox({ timeMode: "instant", scenario });
  const steps: Step[] = [];
  for (const { input } of transcript.steps) {
    let output = "";
    await sandbox.exec(input, (chunk) => {
      output += chunk.text;
    });
    steps.push({ input, output });
  }
  return { comments: transcript.comments, steps };
}
