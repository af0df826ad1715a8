/**
 * What stops a word's expansion, and with it the command: the shell prints the message after its
 * own prefix (interpreter.ts) and the command does not run. Apart from expand.ts so that the
 * expansions in other modules (braces.ts, parameters.ts) can raise them without an import cycle.
 */

/**
 * `${x y}`: bash's message when a `${...}` is not a name; with a second argument, any expansion's
 * own error (`brace expansion: failed to allocate memory for … elements`).
 */
export class BadSubstitution extends Error {
  /** A `${…}` the shell cannot read at all: dash words it "Bad substitution". */
  readonly unreadable: boolean;
  constructor(text: string, message?: string) {
    super(message ? `${text.trim()}: ${message}` : `\${${text}}: bad substitution`);
    this.name = "BadSubstitution";
    this.unreadable = message === undefined;
  }
}

/**
 * `${x:?message}`, `${1:=x}`, `${x:1:-9}`, set -u's unset variable: a parameter expansion
 * refused with its own message; `status` where the shell sets its own ($? is 127 after bash's
 * "unbound variable").
 */
export class ParameterError extends BadSubstitution {
  readonly status: number | undefined;
  constructor(text: string, message: string, status?: number) {
    super(text, message);
    this.status = status;
  }
}
