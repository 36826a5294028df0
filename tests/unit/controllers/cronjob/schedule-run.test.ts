// The CronJob controller creating Jobs on schedule (reference §5.6, §5.9, §5.10, §5.11).
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/engine/controllers/cronjob/types.ts';
import { applyCronJob, eventsFor, getCronJob, jobName, jobNames, MINUTE, newSim, T0 } from './cronjob-helpers.ts';

describe('a */1 * * * * CronJob over its first ten minutes (§5.6, §5.9)', () => {
  const sim = newSim();
  const cj = applyCronJob(sim, { templateLabels: { app: 'hello' }, templateAnnotations: { team: 'batch' } });
  // §5.6 step 9: the Job for a schedule time is created when the controller wakes 100 ms after it.
  sim.runUntil(T0 + 10 * MINUTE + 100);
  const jobs = sim.api.list<Job>('Job');

  it('creates exactly one Job per minute, named <cronjob>-<scheduled time in Unix minutes>', () => {
    expect(jobNames(sim)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => jobName(m)));
    expect(jobName(1)).toBe('hello-29453761');
  });

  it('annotates each Job with its scheduled time (RFC 3339, UTC without timeZone) and copies the template metadata', () => {
    jobs.forEach((job, i) => {
      const minute = String(i + 1).padStart(2, '0');
      expect(job.metadata.annotations).toEqual({ team: 'batch', 'batch.kubernetes.io/cronjob-scheduled-timestamp': `2026-01-01T00:${minute}:00Z` });
      expect(job.metadata.labels).toEqual({ app: 'hello' });
      expect(job.metadata.creationTimestamp).toBe(`2026-01-01T00:${minute}:00Z`);
    });
  });

  it('gives each Job a controller reference to the CronJob', () => {
    for (const job of jobs) {
      expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
  });

  it('creates the Jobs as the API server stores them: Job defaults and the generated selector (§4.1, §4.2)', () => {
    const spec = jobs[0]!.spec as unknown as Record<string, unknown> & { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
    expect(spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' });
    const uid = spec.selector.matchLabels['batch.kubernetes.io/controller-uid'];
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    // the pod template had no labels: only the generated ones (the Job's own labels come from jobTemplate.metadata)
    expect(spec.template.metadata.labels).toEqual({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': jobName(1),
      'controller-uid': uid,
      'job-name': jobName(1),
    });
    expect((spec.template as unknown as { spec: { containers: { imagePullPolicy: string }[] } }).spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
  });

  it('records SuccessfulCreate `Created job <name>` for each Job, from cronjob-controller', () => {
    expect(eventsFor(sim, 'hello', 'SuccessfulCreate')).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => ({ type: 'Normal', reason: 'SuccessfulCreate', message: `Created job ${jobName(m)}`, count: 1, component: 'cronjob-controller' })),
    );
  });

  it('lists the running Jobs in status.active and the last scheduled (not actual) time (§5.10)', () => {
    const status = getCronJob(sim).status!;
    expect(status.lastScheduleTime).toBe('2026-01-01T00:10:00Z');
    expect(status.active!.map((r) => r.name)).toEqual(jobNames(sim));
    expect(status.active![0]).toEqual({ kind: 'Job', namespace: 'default', name: jobName(1), uid: jobs[0]!.metadata.uid, apiVersion: 'batch/v1', resourceVersion: expect.any(String) });
    expect(status.lastSuccessfulTime).toBeUndefined();
  });
});

describe('when the first Job runs', () => {
  it('is the first schedule time strictly after creation', () => {
    const sim = newSim({ startMs: T0 + 5 * MINUTE });
    applyCronJob(sim, { schedule: '*/5 * * * *' });
    sim.runUntil(T0 + 5 * MINUTE + 60_000);
    expect(jobNames(sim)).toEqual([]);
    sim.runUntil(T0 + 10 * MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(10)]);
  });

  it('waits for the next minute when created mid-minute', () => {
    const sim = newSim({ startMs: T0 + 30_000 });
    applyCronJob(sim, { schedule: '* * * * *' });
    sim.runUntil(T0 + MINUTE + 99);
    expect(jobNames(sim)).toEqual([]);
    sim.runUntil(T0 + MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(1)]);
  });

  it('@every 90s counts from creation; names still use the scheduled minute', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '@every 90s' });
    sim.runUntil(T0 + 3 * MINUTE + 100);
    const jobs = sim.api.list<Job>('Job');
    expect(jobs.map((j) => j.metadata.name)).toEqual([jobName(1), jobName(3)]);
    expect(jobs.map((j) => j.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'])).toEqual(['2026-01-01T00:01:30Z', '2026-01-01T00:03:00Z']);
  });
});

describe('waiting between schedule times', () => {
  it('sleeps until 100 ms after the next schedule time instead of ticking every minute', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 * * * *' });
    sim.runUntil(T0 + 1000);
    expect(sim.clock.nextAt()).toBe(T0 + 60 * MINUTE + 100);
    const before = sim.clock.executed;
    sim.runUntil(T0 + 24 * 60 * MINUTE + 100);
    expect(jobNames(sim)).toHaveLength(24);
    // a few tasks per hour (wake-up, the sync after its own status write, event expiry), not one per minute
    expect(sim.clock.executed - before).toBeLessThan(24 * 6);
  });

  it('a changed schedule re-aims the wake-up at the new schedule’s next time', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 * * * *' });
    sim.runUntil(T0 + 10 * MINUTE);
    applyCronJob(sim, { schedule: '*/15 * * * *' });
    sim.runUntil(T0 + 15 * MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(15)]);
  });
});

describe('schedules the controller cannot use (§5.4, §5.6 step 4, §5.11)', () => {
  it('0 0 30 2 * passes validation but is reported as InvalidSchedule and never runs', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 0 30 2 *' });
    sim.runUntil(T0 + 30 * MINUTE); // events expire after an hour (--event-ttl)
    expect(eventsFor(sim, 'hello')).toEqual([
      { type: 'Warning', reason: 'InvalidSchedule', message: 'invalid schedule: 0 0 30 2 * : time difference between two schedules is less than 1 second', count: 1, component: 'cronjob-controller' },
    ]);
    sim.runUntil(T0 + 366 * 24 * 60 * MINUTE);
    expect(jobNames(sim)).toEqual([]);
  });

  it('an unparseable schedule written past validation: UnParseableCronJobSchedule on the update, UnparseableSchedule on the sync', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 * * * *' });
    sim.runUntil(T0 + MINUTE);
    const cj = getCronJob(sim);
    expect(sim.api.update({ ...cj, spec: { ...cj.spec!, schedule: 'bogus' } }).ok).toBe(true);
    sim.runUntil(T0 + 60 * MINUTE + 1000);
    expect(jobNames(sim)).toEqual([]);
    expect(eventsFor(sim, 'hello').map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'UnParseableCronJobSchedule', 'unparseable schedule for cronjob: bogus'],
      // the wake-up still pending for 01:00 finds the bad schedule
      ['Warning', 'UnparseableSchedule', 'unparseable schedule: "bogus" : expected exactly 5 fields, found 1: [bogus]'],
    ]);
  });

  it('a time zone the controller cannot load: UnknownTimeZone, no Job', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '*/5 * * * *' });
    sim.runUntil(T0 + MINUTE);
    const cj = getCronJob(sim);
    expect(sim.api.update({ ...cj, spec: { ...cj.spec!, timeZone: 'Mars/Base' } }).ok).toBe(true);
    sim.runUntil(T0 + 6 * MINUTE);
    expect(jobNames(sim)).toEqual([]);
    expect(eventsFor(sim, 'hello', 'UnknownTimeZone').map((e) => [e.type, e.message])).toEqual([['Warning', 'invalid timeZone: "Mars/Base": unknown time zone Mars/Base']]);
  });

  it('a legacy schedule with TZ= still runs, with an UnsupportedSchedule warning on every sync', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 * * * *' });
    const cj = getCronJob(sim);
    expect(sim.api.update({ ...cj, spec: { ...cj.spec!, schedule: 'TZ=UTC */5 * * * *' } }).ok).toBe(true);
    sim.runUntil(T0 + 5 * MINUTE + 100);
    expect(jobNames(sim)).toEqual([jobName(5)]);
    const warnings = eventsFor(sim, 'hello', 'UnsupportedSchedule');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe('CRON_TZ or TZ used in schedule "TZ=UTC */5 * * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details');
    expect(warnings[0]!.count).toBeGreaterThan(1);
  });
});

describe('Jobs that go missing (§5.6 step 3)', () => {
  it('an active Job deleted by someone else: MissingJob, removed from status.active', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '0 * * * *' });
    sim.runUntil(T0 + 60 * MINUTE + 100);
    expect(getCronJob(sim).status!.active).toHaveLength(1);
    sim.api.delete('Job', 'default', jobName(60));
    sim.runUntil(T0 + 61 * MINUTE);
    expect(getCronJob(sim).status!.active).toBeUndefined();
    // the Job's deletion wakes the CronJob, which confirms with a GET that the Job is gone
    expect(eventsFor(sim, 'hello', 'MissingJob').map((e) => e.message)).toEqual([`Active job went missing: ${jobName(60)}`]);
  });
});
