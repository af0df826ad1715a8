/**
 * bash's brace expansion, the first of its expansions: `web-{0..2}` is three words, `{a,b}c` two,
 * `{01..10}` ten padded to two digits. Only characters typed bare take part: a quoted or escaped
 * `{`, `,` or `}` is text, and an expansion (`$x`, `$(…)`) is carried along as it is, to be expanded
 * afterwards in each word. A brace pair with neither a comma nor a valid sequence stays as typed.
 * dash and BusyBox ash have no brace expansion.
 */
import type { Word, WordPart } from "./ast.ts";
import { BadSubstitution } from "./expansion-errors.ts";

/** One character of a word's text, or a whole expansion part. */
type Atom = { ch: string; quoted: boolean } | { part: Exclude<WordPart, { type: "text" }> };

/** More words than this from one word is refused, as bash refuses what it cannot allocate. */
const MAX_WORDS = 1_000_000;

function tooMany(count: number): void {
  if (count > MAX_WORDS)
    throw new BadSubstitution("brace expansion", `failed to allocate memory for ${count} elements`);
}

/** The words `word` brace-expands to: `[word]` itself when it has no brace expansion. */
export function braceExpand(word: Word): Word[] {
  if (!word.parts.some((p) => p.type === "text" && !p.quoted && p.value.includes("{"))) return [word];
  const atoms: Atom[] = word.parts.flatMap((part): Atom[] =>
    part.type === "text" ? [...part.value].map((ch) => ({ ch, quoted: part.quoted })) : [{ part }],
  );
  // A word that expanded to nothing at all (`{,a}`'s first word) is no word, as in bash.
  return expand(atoms)
    .filter((result) => result.length > 0)
    .map((result) => ({ parts: toParts(result), raw: word.raw }));
}

const bare = (atom: Atom | undefined, ch: string) =>
  atom !== undefined && "ch" in atom && !atom.quoted && atom.ch === ch;

function expand(atoms: Atom[]): Atom[][] {
  for (let open = 0; open < atoms.length; open++) {
    if (!bare(atoms[open], "{")) continue;
    const close = matchingBrace(atoms, open);
    if (close < 0) continue;
    const inner = atoms.slice(open + 1, close);
    const alternatives = splitAtCommas(inner);
    const items =
      alternatives.length > 1
        ? alternatives.flatMap(expand)
        : (sequence(inner) ??
          // Not a sequence after all: bash 5.2 drops the braces of `{1..{a,b}}` and expands what
          // they hold, and leaves `{1..a}` as typed.
          (inner.some((a) => bare(a, "{")) ? expand(inner) : [atoms.slice(open, close + 1)]));
    const before = atoms.slice(0, open);
    const afters = expand(atoms.slice(close + 1));
    tooMany(items.length * afters.length);
    return items.flatMap((item) => afters.map((after) => [...before, ...item, ...after]));
  }
  return [atoms];
}

/**
 * Where the `}` closing the `{` at `open` is, as bash's brace_gobbler finds it: counting bare braces
 * between, and only once a bare comma or `..` has been seen at its own level (`p{x}a,}` is the
 * pair `{x}a,}`, whose first `}` is text); -1 when there is none.
 */
function matchingBrace(atoms: Atom[], open: number): number {
  let depth = 0;
  let separators = 0;
  for (let i = open + 1; i < atoms.length; i++) {
    if (bare(atoms[i], "{")) depth++;
    else if (bare(atoms[i], "}")) {
      if (depth > 0) depth--;
      else if (separators > 0) return i;
    } else if (depth === 0 && bare(atoms[i], ",")) separators++;
    else if (depth === 0 && bare(atoms[i], ".") && bare(atoms[i + 1], ".") && !bare(atoms[i + 2], "}"))
      separators++;
  }
  return -1;
}

/** The brace's contents split at its own bare commas (not those of a brace inside it). */
function splitAtCommas(atoms: Atom[]): Atom[][] {
  const pieces: Atom[][] = [[]];
  let depth = 0;
  for (const atom of atoms) {
    if (bare(atom, "{")) depth++;
    // A `}` with no `{` open before it inside the pair is text (see matchingBrace).
    else if (bare(atom, "}") && depth > 0) depth--;
    if (depth === 0 && bare(atom, ",")) pieces.push([]);
    else pieces[pieces.length - 1]!.push(atom);
  }
  return pieces;
}

/**
 * `{X..Y[..INCR]}` of integers or of single letters, as bash counts it: from X to Y whichever way,
 * by |INCR| (0 counts as 1); integers are zero-padded to the wider end when either is written
 * with a leading zero. Undefined for anything else.
 */
function sequence(atoms: Atom[]): Atom[][] | undefined {
  if (!atoms.every((a) => "ch" in a && !a.quoted)) return undefined;
  const text = atoms.map((a) => ("ch" in a ? a.ch : "")).join("");
  const numbers = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  const letters = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  const match = numbers ?? letters;
  if (!match) return undefined;
  const [from, to] = numbers
    ? [Number(match[1]), Number(match[2])]
    : [match[1]!.charCodeAt(0), match[2]!.charCodeAt(0)];
  const step = Math.abs(Number(match[3] ?? 1)) || 1;
  const count = Math.floor(Math.abs(to - from) / step) + 1;
  tooMany(count);
  const padded = (numbers && /^-?0\d/.test(match[1]!)) || (numbers && /^-?0\d/.test(match[2]!));
  const width = padded ? Math.max(match[1]!.length, match[2]!.length) : 0;
  const words: Atom[][] = [];
  const direction = to >= from ? 1 : -1;
  for (let i = 0, n = from; i < count; i++, n += direction * step) {
    const item = numbers ? pad(n, width) : String.fromCharCode(n);
    words.push([...item].map((ch) => ({ ch, quoted: false })));
  }
  return words;
}

/** C's `%0*d`: the sign first, then zeros up to the width. */
function pad(n: number, width: number): string {
  const digits = String(Math.abs(n));
  const sign = n < 0 ? "-" : "";
  return sign + digits.padStart(width - sign.length, "0");
}

/**
 * Atoms back into word parts, neighbouring characters of one quoting joined into one text part.
 * bash reads names after brace expansion, so a `$NAME` now followed by bare name characters
 * takes them into its name: `$X{1,2}` is `$X1 $X2`.
 */
function toParts(atoms: Atom[]): WordPart[] {
  const parts: WordPart[] = [];
  for (const atom of atoms) {
    const last = parts[parts.length - 1];
    if ("part" in atom)
      parts.push(atom.part.type === "param" && atom.part.bare ? { ...atom.part } : atom.part);
    else if (last?.type === "param" && last.bare && !last.quoted && !atom.quoted && /\w/.test(atom.ch))
      last.name += atom.ch;
    else if (last?.type === "text" && last.quoted === atom.quoted) last.value += atom.ch;
    else parts.push({ type: "text", value: atom.ch, quoted: atom.quoted });
  }
  return parts;
}
