// Snapshots cross from the worker to the page as patches: top-level sections that did not change are left out,
// and in array sections every item the page already has (the same object as in the previous snapshot: the
// recorder shares unchanged items between snapshots) is sent as its index in the previous array. With 500 pods
// playing, a frame then carries the few pods that changed instead of all of them, which keeps structured
// cloning and the page's message handling small, and keeps unchanged items identical on the page (cheap
// memoised rendering). Pure: no worker globals.
import type { PictureSnapshot } from './protocol.ts';

type Section = keyof PictureSnapshot;

/** An array section: each entry is a new item, or `{ ref: i }` for item i of the previous snapshot's array. */
export type ArrayPatch = ({ ref: number } | { item: unknown })[];

export interface SnapshotPatch {
  /** A full snapshot (the page has none to build on), or only what changed. */
  full: boolean;
  /** Sections replaced as they are. */
  set: Partial<Record<Section, unknown>>;
  /** Array sections rebuilt from the previous ones. */
  arrays: Partial<Record<Section, ArrayPatch>>;
}

/** What to send so that the page, holding `prev`, ends up with `next`. */
export function diffSnapshot(prev: PictureSnapshot | null, next: PictureSnapshot): SnapshotPatch {
  if (!prev) return { full: true, set: { ...next }, arrays: {} };
  const patch: SnapshotPatch = { full: false, set: {}, arrays: {} };
  for (const key of Object.keys(next) as Section[]) {
    const a = prev[key] as unknown;
    const b = next[key] as unknown;
    if (a === b) continue;
    if (Array.isArray(a) && Array.isArray(b) && b.length > 0) {
      const index = new Map<unknown, number>();
      a.forEach((item, i) => {
        if (typeof item === 'object' && item !== null) index.set(item, i);
      });
      let reused = 0;
      const entries: ArrayPatch = b.map((item) => {
        const i = index.get(item);
        if (i === undefined) return { item };
        reused++;
        return { ref: i };
      });
      if (reused > 0) {
        patch.arrays[key] = entries;
        continue;
      }
    }
    patch.set[key] = b;
  }
  return patch;
}

/** The page's side: the snapshot the patch describes, given the one the page holds. */
export function applySnapshotPatch(prev: PictureSnapshot | null, patch: SnapshotPatch): PictureSnapshot {
  if (patch.full || !prev) return patch.set as unknown as PictureSnapshot;
  const out: Record<string, unknown> = { ...prev, ...patch.set };
  for (const [key, entries] of Object.entries(patch.arrays) as [Section, ArrayPatch][]) {
    const old = prev[key] as unknown as unknown[];
    out[key] = entries.map((e) => ('ref' in e ? old[e.ref] : e.item));
  }
  return out as unknown as PictureSnapshot;
}
