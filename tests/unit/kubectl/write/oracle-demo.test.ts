// The kubectl-oracle demo recordings of the changing commands and generators (tests/golden/kubectl-oracle
// 45–59, 67–69), now through the single entry runKubectl: byte for byte on the demo store in a simulation
// without controllers (the oracle's fake server runs none either).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../../../src/engine/api/objects.ts';
import { runKubectl } from '../../../../src/engine/kubectl/index.ts';
import type { KubectlContext } from '../../../../src/engine/kubectl/context.ts';
import { kindNamed } from '../../../../src/engine/schema/index.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { oracleRecorded, recording } from './oracle-store.ts';

function demo(): KubectlContext {
  const sim = new Simulation({ startMs: Date.UTC(2026, 2, 1, 12, 30) });
  const doc = parse(readFileSync(join(oracleRecorded, '../store.yaml'), 'utf8'), { merge: true }) as { objects: KubeObject[] };
  for (const o of doc.objects) if (kindNamed(o.kind) && o.kind !== 'Node') expect(sim.api.createInternal(o, { uid: o.metadata.uid }).ok).toBe(true);
  return { sim };
}

function replay(ctx: KubectlContext, id: string): void {
  const rec = recording(id, oracleRecorded);
  const r = runKubectl(ctx, rec.command);
  r.stream?.stop();
  expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, rec.command).toEqual({ stdout: rec.stdout, stderr: rec.stderr, exitCode: rec.exitCode });
}

describe('kubectl-oracle recordings through runKubectl', () => {
  it('generators with --dry-run=client -o yaml (47–52)', () => {
    const ctx = demo();
    for (const id of ['47', '48', '49', '50', '51', '52']) replay(ctx, id);
  });

  it('scale: negative replicas refused (45), a deployment scaled (54); create job --from a missing CronJob (46)', () => {
    const ctx = demo();
    for (const id of ['45', '46', '54']) replay(ctx, id);
    expect(ctx.sim.api.get<KubeObject<{ replicas: number }>>('Deployment', 'default', 'web')!.spec!.replicas).toBe(5);
  });

  it('create job --from, set image, rollout restart and history, undo (53, 55–59), label and annotate (67–69)', () => {
    const ctx = demo();
    for (const id of ['53', '55', '56', '57']) replay(ctx, id);
    const again = demo();
    for (const id of ['58', '59']) replay(again, id);
    const third = demo();
    for (const id of ['67', '68', '69']) replay(third, id);
  });

  it('the unknown resource type and NotFound texts (40–44)', () => {
    const ctx = demo();
    for (const id of ['40', '41', '42', '43']) replay(ctx, id);
  });
});
