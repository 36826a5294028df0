// `kubectl create job NAME --from=cronjob/X` (reference §5.12, §0.2) and how the CronJob controller treats
// the Job it did not create (§5.6 step 3).
import { describe, expect, it } from 'vitest';
import { jobFromCronJob } from '../../../../src/engine/controllers/cronjob/job-from-cronjob.ts';
import type { Job } from '../../../../src/engine/controllers/cronjob/types.ts';
import { applyCronJob, eventsFor, finishJob, getCronJob, jobNames, MINUTE, newSim, T0 } from './cronjob-helpers.ts';

describe('the Job kubectl submits', () => {
  const sim = newSim();
  const cj = applyCronJob(sim, { schedule: '0 * * * *', templateLabels: { app: 'backup' }, templateAnnotations: { owner: 'ops' } });
  const body = jobFromCronJob(cj, 'manual-1');

  it('has the template’s labels and spec, the template’s annotations plus instantiate: manual', () => {
    expect(body.apiVersion).toBe('batch/v1');
    expect(body.kind).toBe('Job');
    expect(body.metadata.name).toBe('manual-1');
    expect(body.metadata.labels).toEqual({ app: 'backup' });
    expect(body.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual', owner: 'ops' });
    expect(body.spec).toEqual(cj.spec!.jobTemplate.spec);
    expect('status' in body).toBe(false);
  });

  it('references the CronJob as controller, without blockOwnerDeletion', () => {
    expect(body.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true }]);
  });

  it('sets a namespace only when one is enforced', () => {
    expect('namespace' in body.metadata).toBe(false);
    expect(jobFromCronJob(cj, 'x', { namespace: 'team-a' }).metadata.namespace).toBe('team-a');
  });

  it('is a copy: changing it leaves the CronJob alone', () => {
    body.metadata.annotations.extra = 'x';
    (body.spec.template.spec as { containers: { image: string }[] }).containers[0]!.image = 'other';
    expect(cj.spec!.jobTemplate.metadata!.annotations).toEqual({ owner: 'ops' });
    expect((cj.spec!.jobTemplate.spec.template.spec as { containers: { image: string }[] }).containers[0]!.image).toBe('busybox:1.28');
  });
});

describe('the CronJob controller and a manually created Job', () => {
  const sim = newSim();
  const cj = applyCronJob(sim, { schedule: '0 * * * *', successfulJobsHistoryLimit: 0 });
  sim.runUntil(T0 + MINUTE);
  const created = sim.api.create(jobFromCronJob(cj, 'manual-1'));
  sim.runUntil(T0 + 2 * MINUTE);

  it('is created by the API server with the Job defaults', () => {
    expect(created.ok).toBe(true);
    const job = sim.api.get<Job>('Job', 'default', 'manual-1')!;
    expect(job.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect((job.spec as Record<string, unknown>).backoffLimit).toBe(6);
  });

  it('reports UnexpectedJob while it runs and never lists it in status.active', () => {
    expect(eventsFor(sim, 'hello', 'UnexpectedJob').map((e) => [e.type, e.message])).toEqual([['Warning', 'Saw a job that the controller did not create or forgot: manual-1']]);
    expect(getCronJob(sim).status?.active).toBeUndefined();
  });

  it('once finished, it is subject to the history limits like the CronJob’s own Jobs', () => {
    finishJob(sim, 'manual-1', 'Complete');
    sim.runUntil(T0 + 3 * MINUTE);
    expect(jobNames(sim)).toEqual([]);
    expect(eventsFor(sim, 'hello', 'SuccessfulDelete').map((e) => e.message)).toEqual(['Deleted job manual-1']);
    // a finished Job that was never active gives no SawCompletedJob, but counts for lastSuccessfulTime
    expect(eventsFor(sim, 'hello', 'SawCompletedJob')).toEqual([]);
    expect(getCronJob(sim).status!.lastSuccessfulTime).toBe('2026-01-01T00:02:00Z');
  });
});
