/**
 * cobra's "Did you mean this?": commands within Levenshtein distance 2 of what was typed
 * (case-insensitive), or that start with it.
 */
export function suggestionsFor(typed: string, candidates: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  return candidates.filter((name) => levenshtein(lower, name.toLowerCase()) <= 2 || name.startsWith(lower));
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
