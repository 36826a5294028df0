// The requests kubectl 1.35.2 sent for `apply`, `create -f` and `replace -f` (requests.jsonl of the recordings):
// the POST body of a create (the manifest with its last-applied annotation), the strategic-merge patch of a
// built-in kind (`$setElementOrder`, `null` for removed fields, the annotation) and the JSON merge patch of a
// custom resource, checked against what the simulator computes at the same point of the same session.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyObject, applyPatchFor } from '../../../../src/engine/kubectl/apply/apply-object.ts';
import { modifiedConfiguration, pruneNulls, withApplyAnnotation } from '../../../../src/engine/kubectl/apply/last-applied.ts';
import type { JsonMap } from '../../../../src/engine/kubectl/apply/json-values.ts';
import { readFileObjects } from '../../../../src/engine/kubectl/manifest-files.ts';
import { runKubectl } from '../../../../src/engine/kubectl/index.ts';
import type { KubectlContext } from '../../../../src/engine/kubectl/context.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { kindNamed } from '../../../../src/engine/schema/index.ts';
import type { KubeObject } from '../../../../src/engine/api/objects.ts';
import { parse } from 'yaml';
import { context, oracleRecorded, recording, type Recording } from './oracle-store.ts';

/**
 * Applies the objects of `apply -f …` one after the other as the command does, collecting what each request
 * carried: the POST body of a create, the patch of an update (none when unchanged).
 */
function applyBodies(ctx: KubectlContext, command: string, refusal?: string): { method: 'POST' | 'PATCH'; body: unknown }[] {
  const files = [...command.matchAll(/-f (\S+)/g)].map((m) => ({ name: m[1]!, text: ctx.files!.get(m[1]!)! }));
  const read = readFileObjects(files, { namespace: 'default', explicitNamespace: false });
  const out: { method: 'POST' | 'PATCH'; body: unknown }[] = [];
  for (const o of read.objects) {
    const live = ctx.sim.api.get(o.entry.kind, o.namespace, o.name);
    if (!live) out.push({ method: 'POST', body: pruneNulls(withApplyAnnotation(o.value)) });
    else {
      const { patch } = applyPatchFor(o.entry, live as unknown as JsonMap, modifiedConfiguration(o.value, true).object);
      if (Object.keys(patch).length) out.push({ method: 'PATCH', body: patch });
    }
    const r = applyObject(ctx.sim.api, o.entry, o.value, { namespace: o.namespace });
    if (r.error && refusal) expect(r.error.message).toContain(refusal);
    else expect(r.error).toBeUndefined();
  }
  return out;
}

const sent = (rec: Recording) => rec.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH' || r.method === 'PUT').map((r) => ({ method: r.method, body: r.body }));

/**
 * Recordings whose patch a real API server refuses though the oracle's fake server (no validation) took it. 75:
 * ns-job.yaml drops the container's command, a change to a Job's pod template (batch ValidateJobSpecUpdate:
 * spec.template is immutable). kubectl sends the same body either way; only the server's answer differs.
 */
const REAL_SERVER_REFUSES: Record<string, string> = { '75': 'spec.template: Invalid value: ' };

/** Replays recordings in one session; apply lines that reach the server are applied object by object, checking each body. */
function session(ctx: KubectlContext, ids: string[], root?: string): void {
  for (const id of ids) {
    const rec = recording(id, root);
    const files = [...rec.command.matchAll(/-f (\S+)/g)].map((m) => m[1]!);
    if (/^kubectl apply /.test(rec.command) && !rec.command.includes('--dry-run') && files.every((f) => ctx.files!.has(f)) && rec.exitCode === 0) {
      expect(applyBodies(ctx, rec.command, REAL_SERVER_REFUSES[id]), rec.command).toEqual(sent(rec));
      continue;
    }
    const r = runKubectl(ctx, rec.command);
    r.stream?.stop();
    expect(r.exitCode, rec.command).toBe(rec.exitCode);
  }
}

describe('apply request bodies (tests/golden/kubectl-write)', () => {
  it('create, then apply over it (missing annotation), multi-document files, unchanged (49–53)', () => {
    session(context(), ['49', '50', '51', '52', '53']);
  });

  it('a Deployment patched through three versions and back: labels, annotations, strategy, containers, ports, env (61–66)', () => {
    session(context(), ['49', '50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '60', '61', '62', '63', '64', '65', '66']);
  });

  it('a PyTorchJob (custom resource) created and changed: a JSON merge patch (67–68)', () => {
    session(context(), ['67', '68']);
  });

  it('two files naming the same Job: the second patch is computed after the first was applied (75)', () => {
    session(context(), Array.from({ length: 27 }, (_, i) => String(49 + i)));
  });
});

describe('apply request bodies (tests/golden/kubectl-oracle 60–66)', () => {
  const demo = join(import.meta.dirname, '../../../golden/kubectl-oracle');
  function demoContext(): KubectlContext {
    const sim = new Simulation({ startMs: Date.UTC(2026, 2, 1, 12, 30) });
    const doc = parse(readFileSync(join(demo, 'store.yaml'), 'utf8'), { merge: true }) as { objects: KubeObject[] };
    for (const o of doc.objects) if (kindNamed(o.kind) && o.kind !== 'Node') expect(sim.api.createInternal(o, { uid: o.metadata.uid }).ok).toBe(true);
    const files = new Map(['hello-job.yaml', 'web-deployment.yaml', 'web-deployment-v2.yaml', 'pytorchjob.yaml'].map((f) => [`manifests/${f}`, readFileSync(join(demo, 'manifests', f), 'utf8')]));
    return { sim, files };
  }

  it('60 POST hello, 61 unchanged, 63 annotation-only patch with the warning, 64 the v2 patch, 66 POST ddp — outputs byte for byte', () => {
    // One session computes the bodies, a twin session runs the same lines through runKubectl.
    const ctx = demoContext();
    const twin = demoContext();
    for (const id of ['60', '61', '63', '64', '66']) {
      const rec = recording(id, oracleRecorded);
      expect(applyBodies(ctx, rec.command), rec.command).toEqual(sent(rec));
      const r = runKubectl(twin, rec.command);
      expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, rec.command).toEqual({ stdout: rec.stdout, stderr: rec.stderr, exitCode: rec.exitCode });
    }
    // 62: the stored Job carries the annotation kubectl sent.
    const annotation = twin.sim.api.get('Job', 'default', 'hello')!.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
    expect(annotation).toBe((sent(recording('60', oracleRecorded))[0]!.body as { metadata: { annotations: Record<string, string> } }).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
  });

  it('70–73: replace, delete, delete -l — outputs byte for byte; replace drops the last-applied annotation', () => {
    const ctx = demoContext();
    for (const id of ['63', '70', '71', '72', '73']) {
      const rec = recording(id, oracleRecorded);
      const r = runKubectl(ctx, rec.command);
      r.stream?.stop();
      expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, rec.command).toEqual({ stdout: rec.stdout, stderr: rec.stderr, exitCode: rec.exitCode });
    }
    const put = sent(recording('70', oracleRecorded))[0]!.body as { metadata: Record<string, unknown> };
    expect(put.metadata.annotations).toBeUndefined();
    expect(ctx.sim.api.get('Deployment', 'default', 'web')!.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });
});

