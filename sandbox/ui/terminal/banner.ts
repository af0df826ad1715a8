/**
 * The terminal's opening lines, as runs of plain or bold text: written to xterm as escape
 * sequences, and rendered by the server into the early terminal (early-terminal.ts) so that the
 * page shows them, and takes keys, before xterm has loaded.
 */
export type BannerLine = readonly (readonly [text: string, bold: boolean])[];

export const BANNER_LINES: readonly BannerLine[] = [
  [
    ["Stateful Lab", true],
    [" — a Kubernetes 1.34 cluster running in your browser.", false],
  ],
  [
    ["Type ", false],
    ["help", true],
    [" to see what works here, or try ", false],
    ["kubectl get nodes", true],
    [".", false],
  ],
  [],
];

/** The banner as xterm is given it. */
export const BANNER = BANNER_LINES.map(
  (line) => `${line.map(([text, bold]) => (bold ? `\x1b[1m${text}\x1b[0m` : text)).join("")}\r\n`,
).join("");
