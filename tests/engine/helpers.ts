import { createSandbox, type SandboxOptions } from "../../sandbox/engine/index.ts";

/** Runs command lines in a fresh instant-time sandbox and returns what each printed. */
export async function run(lines: string[], options: SandboxOptions = {}) {
  const sandbox = createSandbox({ timeMode: "instant", ...options });
  const results: { stdout: string; stderr: string; status: number }[] = [];
  for (const line of lines) {
    let stdout = "";
    let stderr = "";
    const status = await sandbox.exec(line, (chunk) => {
      if (chunk.stream === "stdout") stdout += chunk.text;
      else stderr += chunk.text;
    });
    results.push({ stdout, stderr, status });
  }
  return results;
}

/** The result of a single line. */
export async function run1(line: string, options: SandboxOptions = {}) {
  const [result] = await run([line], options);
  return result!;
}
