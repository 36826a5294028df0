// apimachinery `metav1.FormatLabelSelector`: a LabelSelector as the selector string kubectl prints in
// the wide SELECTOR column (requirements sorted by key; `<none>` when it selects everything).
import type { LabelSelector } from '../../api/kinds.ts';

export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${values})` :
      e.operator === 'NotIn' ? `${e.key} notin (${values})` :
      e.operator === 'Exists' ? e.key :
      e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator} (${values})`;
    reqs.push({ key: e.key, text });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const s = reqs.map((r) => r.text).join(',');
  return s === '' ? '<none>' : s;
}

/** `--show-labels`: labels as `k=v` sorted by key, joined with commas; `<none>` when there are none. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}
