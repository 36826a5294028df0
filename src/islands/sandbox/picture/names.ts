// Long generated names (`web-7fd845f59b-pfkdz`) shortened for small boxes, keeping the distinctive end.

export function shortName(name: string, max = 24): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) * 0.6);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(-tail)}`;
}

/** kubectl's lowercase resource word for a kind, as in `pod/web` (kubectl get events OBJECT column). */
export function kindWord(kind: string): string {
  return kind.toLowerCase();
}
