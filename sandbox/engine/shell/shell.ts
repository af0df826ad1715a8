import type { ExitStatus, OnOutput } from "../output.ts";
import { isAbortError } from "../time-driver.ts";
import { BUILTINS } from "./builtins.ts";
import type { SandboxEnv } from "./command.ts";
import { splitWords } from "./words.ts";

/** Runs one line typed at the prompt and returns its exit status, as bash would set `$?`. */
export async function runLine(
  line: string,
  env: SandboxEnv,
  onOutput: OnOutput,
  signal: AbortSignal,
): Promise<ExitStatus> {
  const split = splitWords(line);
  if ("error" in split) {
    onOutput({ stream: "stderr", text: `bash: ${split.error}\n` });
    return 2;
  }
  const { words } = split;
  const name = words[0];
  if (name === undefined) return 0;
  const command = BUILTINS[name];
  if (!command) {
    onOutput({ stream: "stderr", text: `bash: ${name}: command not found\n` });
    return 127;
  }
  try {
    return await command({
      argv: words,
      stdin: "",
      stdout: (text) => onOutput({ stream: "stdout", text }),
      stderr: (text) => onOutput({ stream: "stderr", text }),
      signal,
      env,
    });
  } catch (error) {
    // Ctrl-C: bash reports 130 (128 + SIGINT) for an interrupted command.
    if (isAbortError(error)) return 130;
    throw error;
  }
}
