import type { Tool } from "../shell/interpreter.ts";

/** The sequence `clear` writes: home, erase screen, erase scrollback. */
export const CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J";

export const clear: Tool = async (ctx) => {
  // Marked as the engine's own sequence when it reaches the terminal; `clear > f` stores the bytes.
  if (ctx.control) ctx.control(CLEAR_SCREEN);
  else ctx.stdout(CLEAR_SCREEN);
  return 0;
};
