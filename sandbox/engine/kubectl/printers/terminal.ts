/**
 * cli-runtime's printers/terminal.go: kubectl's defence against terminal escape attacks
 * (kubernetes issue 101695, CVE-2021-25743). The human-readable printers (the table printer's
 * cells, everything `describe` writes) replace ESC with `^[` and CR with a literal `\r`; -o json
 * and -o yaml escape control characters by their own rules, and -o jsonpath, go-template and
 * `kubectl logs` pass bytes through as they are (the browser terminal neutralises those).
 */
export function escapeTerminal(text: string): string {
  if (!text.includes("\x1b") && !text.includes("\r")) return text;
  return text.replaceAll("\x1b", "^[").replaceAll("\r", "\\r");
}
