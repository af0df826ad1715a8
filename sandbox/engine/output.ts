/** What a command writes. The terminal shows both streams; the CLI sends them to stdout/stderr. */
export type Stream = "stdout" | "stderr";

export interface OutputChunk {
  stream: Stream;
  text: string;
}

export type OnOutput = (chunk: OutputChunk) => void;

/** Exit status of a command line, as `$?` would show it. */
export type ExitStatus = number;
