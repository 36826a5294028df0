// kubectl 1.35.2's own answers, replayed: tests/golden/kubectl-write/commands.txt run against the same store
// (loaded into a simulation without controllers, like the oracle's fake API server) through runKubectl, in
// the recorded order (the store persists between lines; `@reset` reloads it). stdout, stderr and exit code
// must match byte for byte, except where the recording shows the fake server rather than kubectl (each
// exception below says why, and checks what can be checked). The oracle's fake server removes deleted pods
// at once; to stay in step, pods left terminating (there are no kubelets here) are finished after each line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runKubectl } from '../../../../src/engine/kubectl/index.ts';
import type { KubectlContext, KubectlResult } from '../../../../src/engine/kubectl/context.ts';
import { context, golden, recording, type Recording } from './oracle-store.ts';

interface Replayed {
  rec: Recording;
  got: KubectlResult;
  /** The simulation's clock when the command ran (the stream tests advance it). */
  ctx: KubectlContext;
}

const replayed = new Map<string, Replayed>();

function finishTerminatingPods(ctx: KubectlContext): void {
  for (const p of ctx.sim.api.list('Pod')) {
    if (!p.metadata.deletionTimestamp) continue;
    // The orphan/foreground finalizers of a pod without dependents are the garbage collector's to drop at once.
    for (const f of p.metadata.finalizers ?? []) ctx.sim.api.removeFinalizer('Pod', p.metadata.namespace, p.metadata.name, f);
    ctx.sim.api.finishPodDeletion(p.metadata.namespace!, p.metadata.name);
  }
}

beforeAll(() => {
  const lines = readFileSync(join(golden, 'commands.txt'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  let ctx = context();
  let n = 0;
  for (const line of lines) {
    if (line === '@reset') {
      ctx = context();
      continue;
    }
    const rec = recording(String(++n).padStart(2, '0'));
    expect(rec.command).toBe(line);
    const got = runKubectl(ctx, rec.command);
    // Streams are exercised below on their own simulations; here only the first output counts.
    got.stream?.stop();
    replayed.set(rec.dir.slice(0, rec.dir.indexOf('-')), { rec, got, ctx });
    finishTerminatingPods(ctx);
  }
});

/** Recordings where the fake server, not kubectl, shaped part of the output (checked separately below). */
const SERVER_SHAPED = new Set(['54', '65', '73', '110', '60', '104', '119', '120', '121', '75']);

describe('kubectl 1.35.2 recordings (tests/golden/kubectl-write) replayed through runKubectl', () => {
  const all = Array.from({ length: 126 }, (_, i) => String(i + 1).padStart(2, '0'));
  for (const id of all.filter((x) => !SERVER_SHAPED.has(x))) {
    it(`${id}: byte for byte`, () => {
      const r = replayed.get(id)!;
      expect({ stdout: r.got.stdout, stderr: r.got.stderr, exitCode: r.got.exitCode }, r.rec.command).toEqual({ stdout: r.rec.stdout, stderr: r.rec.stderr, exitCode: r.rec.exitCode });
    });
  }

  it('54, 65, 73: -o yaml after apply/create --save-config: the last-applied annotation is kubectl\'s (the rest of the object is the server\'s)', () => {
    for (const id of ['54', '65', '73']) {
      const r = replayed.get(id)!;
      const annotation = (s: string) => s.split('\n').slice(s.split('\n').findIndex((l) => l.includes('last-applied-configuration')), undefined).slice(0, 2).join('\n');
      expect(annotation(r.got.stdout), r.rec.command).toBe(annotation(r.rec.stdout));
    }
  });

  it('75: the second file changes the Job\'s pod template, which a real API server refuses (the fake server took it)', () => {
    // batch ValidateJobSpecUpdate: spec.template is immutable (the oracle's server validates nothing). kubectl
    // prints the first object's line, then checkErr's single-error form `The Job "hello" is invalid: …`.
    const r = replayed.get('75')!;
    expect(r.rec.stdout.split('\n')[0]).toBe('job.batch/hello unchanged');
    expect(r.got.stdout).toBe('job.batch/hello unchanged\n');
    expect(r.got.stderr).toMatch(/^The Job "hello" is invalid: spec\.template: Invalid value: \{.*\}: field is immutable\n$/);
    expect(r.got.exitCode).toBe(1);
  });

  it('110: cordon sets spec.unschedulable (the node object itself is the store\'s)', () => {
    const r = replayed.get('110')!;
    expect(r.got.stdout).toContain('  unschedulable: true\n');
    expect(r.rec.stdout).toContain('  unschedulable: true\n');
  });

  it('60: an unknown kind is a resource-mapping error for that document only (§8.1.6); the others are applied', () => {
    // The fake server publishes no OpenAPI for unknown kinds, so the recorded kubectl failed earlier, on validation.
    const r = replayed.get('60')!;
    expect(r.got).toMatchObject({
      exitCode: 1,
      stdout: 'job.batch/hello2 created\n',
      stderr: 'error: resource mapping not found for name: "pi" namespace: "" from "manifests/bad-kind.yaml": no matches for kind "Jobb" in version "batch/v1"\nensure CRDs are installed first\n',
    });
  });

  it('104: --dry-run without a value warns through klog (the header carries the time and pid)', () => {
    const r = replayed.get('104')!;
    expect(r.got.stdout).toBe(r.rec.stdout);
    const klog = /^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ helpers\.go:719\] /;
    expect(r.rec.stderr).toMatch(klog);
    expect(r.got.stderr).toMatch(klog);
    expect(r.got.stderr.replace(klog, '')).toBe(r.rec.stderr.replace(klog, ''));
  });

  it('119, 120: drain cordons, warns, and evicts every pod of the node (evictions run in parallel: any order)', () => {
    for (const id of ['119', '120']) {
      const r = replayed.get(id)!;
      const evicting = (s: string) => s.split('\n').filter((l) => l.startsWith('evicting pod ')).sort();
      expect(r.got.stdout.split('\n')[0]).toBe(r.rec.stdout.split('\n')[0]);
      expect(evicting(r.got.stdout)).toEqual(evicting(r.rec.stdout));
      expect(r.got.stderr).toBe(r.rec.stderr);
      // The fake server answered the evictions 404 (no eviction subresource), so kubectl did not wait and
      // printed `drained` at once; a real API server evicts, kubectl prints `pod/x evicted` as each pod goes and
      // `drained` after the last — which the behaviour tests check on a running cluster.
      expect(r.rec.stdout.trimEnd().split('\n').at(-1)).toMatch(/ drained$/);
    }
  });

  it('121: rollout status prints the waiting line, then times out after --timeout of simulated time', () => {
    const { rec } = replayed.get('121')!;
    const ctx = context();
    const r = runKubectl(ctx, rec.command);
    expect(r.stdout).toBe(rec.stdout);
    expect(r.stream).toBeDefined();
    ctx.sim.runFor(1000);
    expect(r.stream!.done()).toBe(true);
    expect(r.stream!.exitCode()).toBe(rec.exitCode);
    expect(r.stream!.poll()).toBe('');
    expect(r.stream!.pollStderr!()).toBe(rec.stderr);
  });
});
