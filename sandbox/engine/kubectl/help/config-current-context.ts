// Copied verbatim from the real client: `kubectl config current-context --help` (v1.32; not yet diffed against v1.34).
export const HELP = `Display the current-context.

Examples:
  # Display the current-context
  kubectl config current-context

Usage:
  kubectl config current-context [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
