import { byteLength, type HttpResponse } from "../../cluster/network/http-server.ts";
import { httpRequest, parseUrl, type RequestOptions } from "../../cluster/network/traffic.ts";
import { resolvePath } from "../../fs/file-tree.ts";
import type { PodTool } from "./pod-tool.ts";
import { CONNECT_TIMEOUT_MS } from "./wget.ts";

/**
 * curl inside a pod (Debian bookworm's 7.88.1): the body on stdout, `-s`, `-I` (HEAD, headers
 * with CRLF), `-i`, `-v` (the request and response lines), `-o FILE`, `-f`, `-m`/`--connect-timeout`,
 * and its `curl: (N) ...` errors. Without `-s`, when stdout is not a terminal (a pipe, `-o`,
 * `kubectl exec` without -t), curl draws its progress meter on stderr.
 */

export const CURL_VERSION = "7.88.1";

export function createCurl(options: RequestOptions = {}): PodTool {
  return async (ctx, pod) => {
    let head = false;
    let include = false;
    let verbose = false;
    let fail = false;
    let silent = false;
    let showError = false;
    let output: string | undefined;
    let timeoutSec: number | undefined;
    const urls: string[] = [];
    const args = ctx.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const long: Record<string, () => void> = {
        "--head": () => {
          head = true;
        },
        "--include": () => {
          include = true;
        },
        "--verbose": () => {
          verbose = true;
        },
        "--silent": () => {
          silent = true;
        },
        "--fail": () => {
          fail = true;
        },
        "--show-error": () => {
          showError = true;
        },
      };
      if (long[arg]) long[arg]!();
      else if (
        arg === "-o" ||
        arg === "--output" ||
        arg === "-m" ||
        arg === "--max-time" ||
        arg === "--connect-timeout"
      ) {
        const value = args[++i];
        if (value === undefined) {
          ctx.stderr(
            `curl: option ${arg}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
          );
          return 2;
        }
        if (arg === "-o" || arg === "--output") output = value;
        else timeoutSec = Number(value);
      } else if (/^-[IivsSfL]+$/.test(arg)) {
        for (const letter of arg.slice(1)) {
          if (letter === "I") head = true;
          if (letter === "i") include = true;
          if (letter === "v") verbose = true;
          if (letter === "s") silent = true;
          if (letter === "S") showError = true;
          if (letter === "f") fail = true;
        }
      } else if (arg.startsWith("-")) {
        ctx.stderr(
          `curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
        );
        return 2;
      } else urls.push(arg);
    }
    const error = (code: number, message: string) => {
      if (!silent || showError) ctx.stderr(`curl: (${code}) ${message}\n`);
      return code;
    };
    const first = urls[0];
    if (first === undefined) {
      ctx.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const url = parseUrl(first);
    if (!url) return error(3, "URL using bad/illegal format or missing URL");
    if (url.scheme !== "http" && url.scheme !== "https") {
      return error(1, `Protocol "${url.scheme}" not supported or disabled in libcurl`);
    }
    const method = head ? "HEAD" : "GET";
    const outcome = httpRequest(ctx.env.cluster, pod, url, { ...options, method });
    if (outcome.kind === "bad-address") return error(6, `Could not resolve host: ${url.host}`);
    if (verbose) ctx.stderr(`*   Trying ${outcome.ip}:${outcome.port}...\n`);
    if (outcome.kind === "refused") {
      return error(
        7,
        `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`,
      );
    }
    if (outcome.kind === "timeout") {
      if (timeoutSec !== undefined && timeoutSec * 1000 < CONNECT_TIMEOUT_MS) {
        await ctx.env.time.wait(timeoutSec * 1000, ctx.signal);
        return error(28, `Connection timed out after ${timeoutSec * 1000 + 1} milliseconds`);
      }
      await ctx.env.time.wait(CONNECT_TIMEOUT_MS, ctx.signal);
      return error(
        28,
        `Failed to connect to ${url.host} port ${url.port} after ${CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`,
      );
    }
    if (verbose) ctx.stderr(`* Connected to ${url.host} (${outcome.ip}) port ${outcome.port} (#0)\n`);
    if (outcome.kind === "not-http") return error(52, "Empty reply from server");
    const { response } = outcome;
    if (verbose) {
      const hostHeader = url.port === 80 ? url.host : `${url.host}:${url.port}`;
      ctx.stderr(
        `> ${method} ${url.path} HTTP/1.1\r\n> Host: ${hostHeader}\r\n> User-Agent: curl/${CURL_VERSION}\r\n> Accept: */*\r\n> \r\n`,
      );
      ctx.stderr(statusAndHeaders(response, "< "));
    }
    if (fail && response.status >= 400) {
      return error(22, `The requested URL returned error: ${response.status}`);
    }
    const shown = (head || include ? statusAndHeaders(response, "") : "") + (head ? "" : response.body);
    const toFile = output !== undefined && output !== "-";
    if (!silent && !verbose && (toFile || ctx.stdoutIsTerminal === false)) {
      // The meter redraws itself with CR: the engine's own control, not user data.
      if (ctx.control) ctx.control(progressMeter(byteLength(shown)), "stderr");
      else ctx.stderr(progressMeter(byteLength(shown)));
    }
    if (toFile && output !== undefined) {
      const shell = ctx.shell;
      try {
        if (!shell) throw new Error("no filesystem");
        shell.fs.writeFile(resolvePath(shell.cwd, output), shown, ctx.env.cluster.clock.now());
      } catch {
        return error(23, "Failure writing output to destination");
      }
    } else ctx.stdout(shown);
    if (verbose) ctx.stderr(`* Connection #0 to host ${url.host} left intact\n`);
    return 0;
  };
}

export const curl: PodTool = createCurl();

/** The status line and headers as they come over the wire (CRLF), with a blank line after them. */
function statusAndHeaders(response: HttpResponse, prefix: string): string {
  const lines = [
    `HTTP/1.1 ${response.status} ${response.reason}`,
    ...response.headers.map(([k, v]) => `${k}: ${v}`),
    "",
  ];
  return lines.map((line) => `${prefix}${line}\r\n`).join("");
}

const METER_HEADER =
  "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
  "                                 Dload  Upload   Total   Spent    Left  Speed\n";

/**
 * curl's progress meter for a finished download: the header, the first (empty) update and the
 * last one, each drawn over the previous with `\r`. The simulated transfer takes about a
 * millisecond, so the speed is the size per millisecond (615 bytes → 600k, as real runs show).
 */
export function progressMeter(bytes: number): string {
  const idle = "--:--:--";
  const line = (percent: number, size: number, speed: number) =>
    `\r${String(percent).padStart(3)} ${max5(size)}  ${String(percent).padStart(3)} ${max5(size)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} ${idle} ${idle} ${idle} ${max5(speed)}`;
  return `${METER_HEADER}${line(0, 0, 0)}${line(100, bytes, bytes * 1000)}\n`;
}

/** curl's max5data: a number in 5 columns, scaled to k/M/G (1024s) with one decimal when short. */
function max5(value: number): string {
  const ONE_K = 1024;
  const ONE_M = ONE_K * ONE_K;
  const ONE_G = ONE_M * ONE_K;
  if (value < 100000) return String(value).padStart(5);
  if (value < 10000 * ONE_K) {
    const k = Math.floor(value / ONE_K);
    return k < 100 ? `${k}.${Math.floor(((value % ONE_K) * 10) / ONE_K)}k`.padStart(5) : `${k}k`.padStart(5);
  }
  if (value < 100 * ONE_M)
    return `${Math.floor(value / ONE_M)}.${Math.floor(((value % ONE_M) * 10) / ONE_M)}M`;
  if (value < 10000 * ONE_M) return `${Math.floor(value / ONE_M)}M`.padStart(5);
  return `${Math.floor(value / ONE_G)}G`.padStart(5);
}
