import { createSandbox, type Sandbox, type SandboxOptions } from "../../sandbox/engine/index.ts";

/** Runs command lines in a fresh instant-time sandbox and returns what each printed. */
export async function run(lines: string[], options: SandboxOptions = {}) {
  const sandbox = createSandbox({ timeMode: "instant", ...options });
  const results: { stdout: string; stderr: string; status: number }[] = [];
  for (const line of lines) results.push(await sh(sandbox, line));
  return results;
}

/** Runs one command line in a sandbox the test keeps, and returns what it printed. */
export async function sh(sandbox: Sandbox, line: string) {
  let stdout = "";
  let stderr = "";
  const status = await sandbox.exec(line, (chunk) => {
    if (chunk.stream === "stdout") stdout += chunk.text;
    else stderr += chunk.text;
  });
  return { stdout, stderr, status };
}

/** The result of a single line. */
export async function run1(line: string, options: SandboxOptions = {}) {
  const [result] = await run([line], options);
  return result!;
}
