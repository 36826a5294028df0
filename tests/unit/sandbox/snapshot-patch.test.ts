// Snapshot patches between the simulator worker and the page (src/islands/sandbox/worker/snapshot-patch.ts):
// whatever the page holds plus the patch must equal the worker's snapshot, sending unchanged items by reference.
import { describe, expect, it } from 'vitest';
import { applySnapshotPatch, diffSnapshot } from '../../../src/islands/sandbox/worker/snapshot-patch.ts';
import { SandboxSession } from '../../../src/engine/sandbox/session.ts';
import type { PictureSnapshot } from '../../../src/engine/picture/types.ts';
import { parallelJob } from './lesson-files.ts';

/** Structured clone, as postMessage does: the page never shares objects with the worker. */
const post = <T>(x: T): T => structuredClone(x);

describe('snapshot patches', () => {
  it('rebuild every snapshot of a playing Job exactly, on the page side', () => {
    const s = new SandboxSession();
    s.apply([parallelJob]);
    let sent: PictureSnapshot | null = null;
    let page: PictureSnapshot | null = null;
    let refs = 0;
    for (let i = 0; i < 150; i++) {
      s.advance(700);
      const snapshot = s.snapshot();
      const patch = post(diffSnapshot(sent, snapshot));
      refs += Object.values(patch.arrays).reduce((n, a) => n + a!.filter((e) => 'ref' in e).length, 0);
      page = applySnapshotPatch(page, patch);
      sent = snapshot;
      expect(page).toEqual(snapshot);
    }
    expect(refs).toBeGreaterThan(0); // unchanged items did travel by reference
  });

  it('leaves out unchanged sections and keeps the page\'s unchanged items identical', () => {
    const s = new SandboxSession();
    s.apply([parallelJob]);
    s.advance(15_000);
    const first = s.snapshot();
    const page = applySnapshotPatch(null, post(diffSnapshot(null, first)));
    s.advance(1);
    const second = s.snapshot();
    const patch = diffSnapshot(first, second);
    expect(Object.keys(patch.set)).not.toContain('nodes');
    const next = applySnapshotPatch(page, post(patch));
    expect(next).toEqual(second);
    if (second.nodes === first.nodes) expect(next.nodes).toBe(page.nodes);
  });

  it('a full patch replaces whatever the page held', () => {
    const s = new SandboxSession();
    const snap = s.snapshot();
    const patch = diffSnapshot(null, snap);
    expect(patch.full).toBe(true);
    expect(applySnapshotPatch({ ...snap, nodes: [] }, post(patch))).toEqual(snap);
  });
});
