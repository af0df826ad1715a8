import type { LabelSelector } from "kubernetes-types/meta/v1";

/**
 * Whether a structured LabelSelector (objects.md §4) selects a label set, as
 * metav1.LabelSelectorAsSelector does: matchLabels and matchExpressions are ANDed, an empty
 * selector selects everything and a missing one selects nothing.
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(have, key);
    const value = have[key];
    switch (operator) {
      case "In":
        if (!present || !values.includes(value!)) return false;
        break;
      case "NotIn":
        if (present && values.includes(value!)) return false;
        break;
      case "Exists":
        if (!present) return false;
        break;
      case "DoesNotExist":
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
