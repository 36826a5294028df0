// `kubectl events` against kubectl 1.35.2 (tests/golden/kubectl-oracle 12, 13; tests/golden/kubectl-read-misc),
// with the store's events at the ages kubectl saw (store times shifted like the recording, plus the runner's
// elapsed time); and the server-side columns of `kubectl get events|services|all` (kubernetes
// pkg/printers/internalversion/printers.go printEvent, printService; the fake server of the recordings only
// sends NAME/AGE, golden 08 and 11 give the rows and their order).
import { describe, expect, it } from 'vitest';
import { events } from '../../../../src/engine/kubectl/commands/events.ts';
import { runGet } from '../../../../src/engine/kubectl/get.ts';
import { goSort } from '../../../../src/engine/kubectl/go-sort.ts';
import { defaultControllers } from '../../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { SHIFT_MS } from '../describe/oracle-store.ts';
import { loadOracleSim, readStore } from './oracle-sim.ts';
import { printed, recording, recordings } from './recordings.ts';
import type { Recording } from './recordings.ts';

function simAt(shiftMs: number, rec: Recording) {
  const { sim, nowMs } = loadOracleSim({ shiftMs });
  sim.runUntil(nowMs + rec.elapsedMs);
  return sim;
}

describe('kubectl events matches kubectl 1.35.2 (tests/golden/kubectl-oracle 12, 13)', () => {
  for (const prefix of ['12', '13']) {
    const rec = recording('kubectl-oracle', prefix);
    it(`${rec.command} (Go's unstable sort.Sort order of equal times included)`, () => {
      expect(printed(events(simAt(SHIFT_MS, rec), rec.args))).toEqual(printed(rec));
    });
  }
});

describe('kubectl events matches kubectl 1.35.2 (tests/golden/kubectl-read-misc)', () => {
  // This run's shift: recording 33 prints the first `pi` event's creationTimestamp (its store firstTimestamp).
  const json = JSON.parse(recording('kubectl-read-misc', '33').stdout) as { items: { metadata: { creationTimestamp: string } }[] };
  const stored = readStore().events.find((e) => (e.involvedObject as { name: string }).name === 'pi')!;
  const shift = Date.parse(json.items[0]!.metadata.creationTimestamp) - Date.parse(String(stored.firstTimestamp));
  // The oracle re-shifts its timestamps on every request and drops the milliseconds each time, so late in a run
  // ages drift by up to a few seconds and flip at minute boundaries (`29m`/`30m`); 12 and 13 above check the
  // ages exactly, here the LAST SEEN column is left out of the comparison.
  const withoutAges = (s: string) => s.replace(/^(NAMESPACE +|default +)?\S+( \(x\d+ over \S+\))? +/gm, '$1').replace(/ {2,}/g, '  ');
  for (const rec of recordings('kubectl-read-misc').filter((r) => r.verb === 'events')) {
    it(rec.command, () => {
      const r = events(simAt(shift, rec), rec.args);
      if (rec.args.includes('json')) {
        // uids and resourceVersions of events are the server's own; the rest of the EventList is kubectl's printing
        const norm = (s: string) => s.replace(/"(uid|resourceVersion)": "[^"]*"/g, '"$1": "…"');
        expect(norm(r.stdout)).toBe(norm(rec.stdout));
        return;
      }
      expect({ ...printed(r), stdout: withoutAges(r.stdout) }).toEqual({ ...printed(rec), stdout: withoutAges(rec.stdout) });
    });
  }
});

describe('kubectl get events|services|all columns (server-side tables, printers.go)', () => {
  const { sim } = loadOracleSim();
  const get = (args: string[]) => runGet(sim.api, sim.now(), args);

  it('get events: LAST SEEN, TYPE, REASON, OBJECT (kind/name, lower case), MESSAGE; one row per event in name order (golden 11)', () => {
    const lines = get(['events']).stdout.split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(lines).toContain(lines.find((l) => /^\S+ +Warning +BackOff +pod\/web-5f8c7d9b44-tv7lh +Back-off restarting failed container web in pod web-5f8c7d9b44-tv7lh_default\(/.test(l)));
    expect(lines.filter((l) => l !== '').length - 1).toBe(recording('kubectl-oracle', '11').stdout.split('\n').filter((l) => l !== '').length - 1);
  });

  it('get services: TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE', () => {
    const lines = get(['services']).stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/);
    expect(lines[1]).toMatch(/^mnist-ps-0 +ClusterIP +None +<none> +2222\/TCP +\d+m$/);
  });

  it('get all: pods, services, deployments, replica sets, cron jobs, jobs, each with its kind prefix (golden 08 order)', () => {
    const names = (s: string) => s.split('\n').filter((l) => l !== '' && !l.startsWith('NAME')).map((l) => l.split(/\s+/)[0]);
    expect(names(get(['all']).stdout)).toEqual(names(recording('kubectl-oracle', '08').stdout));
  });
});

describe('kubectl events --watch (events.go runWatch)', () => {
  it('prints the existing events, then each new one as it is recorded, each flushed on its own', () => {
    const sim = new Simulation({ controllers: defaultControllers() });
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.runFor(30_000);
    const r = events(sim, ['--watch', '--for', 'pod/b']);
    expect(r.stdout).toBe('');
    sim.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.runFor(30_000);
    const lines = r.stream!.poll().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(lines[1]).toMatch(/^0s +Normal +Scheduled +Pod\/b +Successfully assigned default\/b to node-\d$/);
    // alone in its flush, a row's cells are padded to their own width (tabwriter minwidth 6, padding 3)
    expect(lines[2]).toBe('0s    Normal   Pulling   Pod/b   Pulling image "nginx:1.27"');
    r.stream!.stop();
    expect(r.stream!.done()).toBe(true);
  });
});

describe("Go's sort.Sort (pdqsort), which kubectl events uses", () => {
  it('keeps the input order of equal elements for 12 or fewer (insertion sort)', () => {
    const items = [3, 1, 2, 1, 3].map((k, i) => ({ k, i }));
    expect(goSort(items, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([1, 3, 2, 0, 4]);
  });
  it('sorts longer inputs', () => {
    const items = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
    expect(goSort(items, (a, b) => a < b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
