// Incremental updates: applying every update in order rebuilds exactly the recorder's snapshot, including
// pods deleted and re-created under the same name, lanes and events dropped at the memory caps, and a quiet
// step sends nothing but the clock.
import { describe, expect, it } from 'vitest';
import { applyPictureUpdate } from '../../../src/engine/picture/update.ts';
import type { PictureSnapshot } from '../../../src/engine/picture/types.ts';
import { applyOrThrow, recordedCluster } from './helpers.ts';

function web(image: string, replicas: number) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
  };
}

const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };

describe('PictureRecorder.update + applyPictureUpdate', () => {
  it('rebuild the snapshot exactly, step after step, with the memory caps biting', () => {
    const { sim, rec } = recordedCluster({ maxLanes: 8, maxEvents: 15 });
    let built: PictureSnapshot | null = null;
    const check = () => {
      const u = rec.update();
      built = applyPictureUpdate(built, u);
      expect(JSON.parse(JSON.stringify(u))).toEqual(u);
      expect(built).toEqual(rec.snapshot());
      return u;
    };
    expect(check().full).toBe(true);
    applyOrThrow(sim, web('nginx:1.27', 4));
    applyOrThrow(sim, bare);
    applyOrThrow(sim, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash', annotations: { 'sim.workload-lab.dev/duration': '2s', 'sim.workload-lab.dev/exit-code': '1' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } });
    for (let i = 0; i < 20; i++) {
      sim.runFor(3_000);
      expect(check().full).toBe(false);
    }
    const firstSolo = rec.snapshot().pods.find((p) => p.name === 'solo')!.uid;
    applyOrThrow(sim, web('nginx:1.28', 4));
    // The bare pod deleted and created again between two updates: a new uid under the same key.
    sim.api.delete('Pod', 'default', 'solo', { gracePeriodSeconds: 0 });
    applyOrThrow(sim, bare);
    for (let i = 0; i < 40; i++) {
      sim.runFor(5_000);
      check();
    }
    const s = rec.snapshot();
    expect(s.lanesDropped).toBeGreaterThan(0);
    expect(s.eventsDropped).toBeGreaterThan(0);
    expect(s.pods.find((p) => p.name === 'solo')!.uid).not.toBe(firstSolo);
  });

  it('a quiet step carries only the clock, and unchanged parts keep their identity', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, web('nginx:1.27', 3));
    sim.runFor(60_000);
    const first = applyPictureUpdate(null, rec.update());
    sim.runFor(1_000);
    const u = rec.update();
    expect(u.pods).toEqual({ upsert: [], removed: [] });
    expect(u.lanes).toEqual({ upsert: [], removed: [] });
    expect(u.events.upsert).toEqual([]);
    expect(['nodes', 'unscheduled', 'totals', 'owners', 'training'].filter((k) => k in u)).toEqual([]);
    const next = applyPictureUpdate(first, u);
    expect(next.now).toBe(first.now + 1_000);
    expect(next.lanes).toBe(first.lanes);
    expect(next.pods).toBe(first.pods);
    expect(next.events).toBe(first.events);
  });
});
