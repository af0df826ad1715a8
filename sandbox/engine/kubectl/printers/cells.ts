/** Cell formatters several kinds' printers share (printers.go helpers and metav1 formatting). */
import type { LabelSelector } from "kubernetes-types/meta/v1";

interface ContainerLike {
  name?: string;
  image?: string;
}

/** layoutContainerCells: names and images comma-joined, no spaces. */
export function containerCells(containers: readonly ContainerLike[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? "").join(","), list.map((c) => c.image ?? "").join(",")];
}

/** labels.Selector.String() of a LabelSelector: requirements sorted by key; "" when it selects all. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return "";
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    parts.push({ key, text: `${key}=${value}` });
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort();
    const text =
      expr.operator === "In"
        ? `${expr.key} in (${values.join(",")})`
        : expr.operator === "NotIn"
          ? `${expr.key} notin (${values.join(",")})`
          : expr.operator === "Exists"
            ? expr.key
            : `!${expr.key}`;
    parts.push({ key: expr.key, text });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.map((p) => p.text).join(",");
}

/** metav1.FormatLabelSelector: the selector string, or `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const text = selectorString(selector);
  return text === "" ? "<none>" : text;
}

/** labels.FormatLabels of a plain map: `k=v,...` with sorted keys, or `<none>`. */
export function formatLabelMap(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? "<none>" : keys.map((k) => `${k}=${labels![k]}`).join(",");
}

const ACCESS_MODE_SHORT: [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, comma-joined. */
export function accessModes(modes: readonly string[] | undefined): string {
  const list = modes ?? [];
  return ACCESS_MODE_SHORT.filter(([mode]) => list.includes(mode))
    .map(([, short]) => short)
    .join(",");
}

/** A number cell as Go prints an int64 (missing counts are 0). */
export function count(value: unknown): string {
  return String(typeof value === "number" ? value : 0);
}

/** At most 3 entries then ` + N more...` (printers.go listWithMoreString); empty gives `<unset>`. */
export function listWithMore(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(",");
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === "" ? "<unset>" : shown;
}
