import type { Tool } from "../shell/interpreter.ts";

/** The sequence `clear` writes: home, erase screen, erase scrollback. */
export const CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J";

export const clear: Tool = async (ctx) => {
  ctx.stdout(CLEAR_SCREEN);
  return 0;
};
