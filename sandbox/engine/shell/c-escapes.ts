/** The one-letter backslash escapes that echo -e, dash's echo and bash's `$'…'` share (C's, plus \e). */
export const C_ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};
