import { byteLength } from "../../cluster/network/http-server.ts";
import { httpRequest, parseUrl, type RequestOptions } from "../../cluster/network/traffic.ts";
import { resolvePath } from "../../fs/file-tree.ts";
import type { PodTool } from "./pod-tool.ts";

/**
 * BusyBox wget inside a pod: `wget -qO- URL`, `wget -O- URL` with its progress line,
 * `--spider`, `-T SEC`, and its error lines (`bad address`, `can't connect to remote host`,
 * `server returned error`). Saving to a file writes into the pod shell's filesystem (its cwd);
 * run without a shell, only `-O-` is possible.
 */

/** How long an unanswered connect takes to fail (Linux's SYN retries): ~127 s. */
export const CONNECT_TIMEOUT_MS = 127_000;

export interface WgetOptions extends RequestOptions {
  /** Whether stderr is a terminal; when left out, an interactive session (`kubectl exec -it`) is one. */
  tty?: boolean;
}

const USAGE = `Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--no-check-certificate	Don't validate the server's certificate
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`;

export function createWget(options: WgetOptions = {}): PodTool {
  return async (ctx, pod) => {
    let quiet = false;
    let spider = false;
    let output: string | undefined;
    let timeoutSec: number | undefined;
    const urls: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === "--spider") spider = true;
      else if (arg === "-O" || arg === "-T") {
        const value = args[++i];
        if (value === undefined) {
          ctx.stderr(`wget: option requires an argument -- '${arg.slice(1)}'\n${USAGE}`);
          return 1;
        }
        if (arg === "-O") output = value;
        else timeoutSec = Number(value);
      } else if (/^-[qO]+/.test(arg) && arg !== "-") {
        // Bundled short options: -q, -qO-, -O-, -qO FILE.
        const letters = arg.slice(1);
        const at = letters.indexOf("O");
        if (letters.slice(0, at < 0 ? undefined : at).includes("q")) quiet = true;
        if (at >= 0) {
          const rest = letters.slice(at + 1);
          output = rest !== "" ? rest : args[++i];
        }
      } else if (arg.startsWith("-") && arg !== "-") {
        ctx.stderr(`wget: unrecognized option '${arg}'\n${USAGE}`);
        return 1;
      } else urls.push(arg);
    }
    const first = urls[0];
    if (first === undefined) {
      ctx.stderr(USAGE);
      return 1;
    }
    const url = parseUrl(first);
    if (!url) {
      ctx.stderr(`wget: bad address ''\n`);
      return 1;
    }
    const outcome = httpRequest(ctx.env.cluster, pod, url, options);
    if (outcome.kind === "bad-address") {
      ctx.stderr(`wget: bad address '${url.host}'\n`);
      return 1;
    }
    if (!quiet) ctx.stderr(`Connecting to ${url.host} (${outcome.ip}:${outcome.port})\n`);
    if (outcome.kind === "refused") {
      ctx.stderr(`wget: can't connect to remote host (${outcome.ip}): Connection refused\n`);
      return 1;
    }
    if (outcome.kind === "timeout") {
      if (timeoutSec !== undefined && timeoutSec * 1000 < CONNECT_TIMEOUT_MS) {
        await ctx.env.time.wait(timeoutSec * 1000, ctx.signal);
        ctx.stderr("wget: download timed out\n");
      } else {
        await ctx.env.time.wait(CONNECT_TIMEOUT_MS, ctx.signal);
        ctx.stderr(`wget: can't connect to remote host (${outcome.ip}): Connection timed out\n`);
      }
      return 1;
    }
    if (outcome.kind === "not-http") {
      ctx.stderr("wget: error getting response: Connection reset by peer\n");
      return 1;
    }
    const { response } = outcome;
    if (response.status >= 400) {
      ctx.stderr(`wget: server returned error: HTTP/1.1 ${response.status} ${response.reason}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) ctx.stderr("remote file exists\n");
      return 0;
    }
    const toStdout = output === "-";
    const fileName = output ?? (url.path.split("?")[0]!.split("/").pop() || "index.html");
    const shell = ctx.shell;
    if (!toStdout && !shell) {
      ctx.stderr(`wget: can't open '${fileName}': Read-only file system\n`);
      return 1;
    }
    if (!quiet) ctx.stderr(toStdout ? "writing to stdout\n" : `saving to '${fileName}'\n`);
    if (toStdout) ctx.stdout(response.body);
    else {
      try {
        shell!.fs.writeFile(resolvePath(shell!.cwd, fileName), response.body, ctx.env.cluster.clock.now());
      } catch {
        ctx.stderr(`wget: can't open '${fileName}': No such file or directory\n`);
        return 1;
      }
    }
    if (!quiet) {
      const tty = options.tty ?? ctx.stdinIsTerminal ?? false;
      // The progress line redraws itself with CR: the engine's own control, not user data.
      const progress = progressLine(toStdout ? "-" : fileName, byteLength(response.body), tty);
      if (ctx.control) ctx.control(progress, "stderr");
      else ctx.stderr(progress);
      ctx.stderr(toStdout ? "written to stdout\n" : `'${fileName}' saved\n`);
    }
    return 0;
  };
}

/** The default wget: not on a terminal (`kubectl exec pod -- wget ...`). */
export const wget: PodTool = createWget();

/**
 * busybox's bb_progress_update for a finished transfer: name in 20 columns, percent, a 32-star
 * bar (an 80-column terminal, or 80 assumed when not a terminal), the size in 5 columns, ETA.
 */
export function progressLine(name: string, bytes: number, tty: boolean): string {
  const bar = "*".repeat(32);
  const line = `${name.padEnd(20).slice(0, 20)} 100% |${bar}| ${sizeIn5(bytes)}  0:00:00 ETA\n`;
  return tty ? `\r${line}` : line;
}

/** smart_ulltoa5: up to 99999 as is, right-aligned in 5; then scaled with a k/M/G suffix. */
function sizeIn5(bytes: number): string {
  if (bytes < 100_000) return String(bytes).padStart(5);
  let value = bytes;
  let unit = 0;
  while (value >= 100_000 && unit < 4) {
    value = Math.floor(value / 1024);
    unit++;
  }
  return `${String(value).padStart(4)}${" kMGT"[unit]}`;
}
