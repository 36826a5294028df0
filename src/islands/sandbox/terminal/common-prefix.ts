/** The longest prefix the candidates share. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let p = candidates[0]!;
  for (const c of candidates) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}
