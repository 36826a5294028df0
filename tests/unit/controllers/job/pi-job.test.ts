// The docs' `pi` Job (corpus job.yaml) from creation to completion, its clean-up by ttlSecondsAfterFinished,
// and the tracking finalizers of a deleted Job (reference §0.3, §4.2, §4.5, §4.8, §4.12, §4.13, §6).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/engine/api/kinds.ts';
import type { Job } from '../../../../src/engine/controllers/job/job-types.ts';
import { applyJob, condition, corpusJob, getJob, jobCluster, jobEventLines, ms, podsOf, record, simpleJob } from './helpers.ts';

describe('the pi Job (job.yaml)', () => {
  it('runs one pod and completes with the 1.35 status, conditions and events', () => {
    const sim = jobCluster();
    const created = applyJob(sim, corpusJob('job.yaml'));
    const jobStream = record(sim, ['Job']);
    sim.runFor(3_000);

    // §4.2 / §0.1 / §0.2: one pod named pi-<5 chars>, the Job's labels, the tracking finalizer, a controller ref.
    const [pod] = podsOf(sim, 'pi');
    expect(podsOf(sim, 'pi')).toHaveLength(1);
    expect(pod!.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod!.metadata.generateName).toBe('pi-');
    expect(pod!.metadata.labels).toEqual({
      'batch.kubernetes.io/controller-uid': created.metadata.uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': created.metadata.uid,
      'job-name': 'pi',
    });
    expect(pod!.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod!.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // §4.13 while running: startTime set at the first sync, one active pod.
    expect(getJob(sim, 'pi')!.status).toMatchObject({ startTime: '2026-01-01T00:00:00Z', active: 1, terminating: 0, uncountedTerminatedPods: {} });

    sim.runUntilIdle();
    const job = getJob(sim, 'pi')!;
    const finished = sim.api.get<Pod>('Pod', 'default', pod!.metadata.name)!;
    expect(finished.status!.phase).toBe('Succeeded');
    // §4.2: the finalizer goes once the outcome is counted; the completed pod stays.
    expect(finished.metadata.finalizers).toBeUndefined();

    // §4.8: SuccessCriteriaMet then Complete, both CompletionsReached / "Reached expected number of succeeded pods".
    const reason = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', status: 'True' };
    expect(job.status!.conditions!.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(condition(job, 'SuccessCriteriaMet')).toMatchObject(reason);
    expect(condition(job, 'Complete')).toMatchObject(reason);
    // With a single pod that exits 0 both conditions get the same timestamp; completionTime is Complete's time.
    expect(condition(job, 'Complete')!.lastTransitionTime).toBe(condition(job, 'SuccessCriteriaMet')!.lastTransitionTime);
    expect(job.status!.completionTime).toBe(condition(job, 'Complete')!.lastTransitionTime);
    // §4.13: a just-finished Job shows ready 0, terminating 0 and an empty uncountedTerminatedPods.
    expect(job.status).toEqual({
      conditions: job.status!.conditions,
      startTime: '2026-01-01T00:00:00Z',
      completionTime: job.status!.completionTime,
      succeeded: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(ms(job.status!.completionTime)).toBeGreaterThanOrEqual(ms(finished.status!.containerStatuses![0]!.state.terminated!.finishedAt) - 1000);

    // §0.3 and §4.8: the describe event stream.
    expect(jobEventLines(sim, 'pi')).toEqual([`Normal SuccessfulCreate: Created pod: ${pod!.metadata.name}`, 'Normal Completed: Job completed']);

    // §4.5: the pod's UID passes through status.uncountedTerminatedPods before it is counted.
    const statuses = jobStream.map((e) => (e.object as Job).status ?? {});
    const uncounted = statuses.findIndex((s) => s.uncountedTerminatedPods?.succeeded?.includes(pod!.metadata.uid));
    const counted = statuses.findIndex((s) => s.succeeded === 1);
    expect(uncounted).toBeGreaterThanOrEqual(0);
    expect(counted).toBeGreaterThan(uncounted);
    expect(statuses[uncounted]!.succeeded).toBeUndefined();
    // §4.8: the interim condition is written before the final one.
    const firstMet = statuses.findIndex((s) => s.conditions?.some((c) => c.type === 'SuccessCriteriaMet'));
    const firstComplete = statuses.findIndex((s) => s.conditions?.some((c) => c.type === 'Complete'));
    expect(firstMet).toBeGreaterThanOrEqual(0);
    expect(firstComplete).toBeGreaterThan(firstMet);
  });

  it('ttlSecondsAfterFinished deletes the finished Job that long after Complete, in the foreground (§4.12, §6)', () => {
    const sim = jobCluster();
    const manifest = corpusJob('job.yaml');
    manifest.spec.ttlSecondsAfterFinished = 100;
    applyJob(sim, manifest);
    const stream = record(sim, ['Job', 'Pod']);
    sim.runUntilIdle();
    expect(getJob(sim, 'pi')).toBeUndefined();
    expect(podsOf(sim, 'pi')).toHaveLength(0);

    const completeAt = stream.find((e) => e.object.kind === 'Job' && condition(e.object as Job, 'Complete'))!;
    const finishedAt = ms(condition(completeAt.object as Job, 'Complete')!.lastTransitionTime);
    const marked = stream.find((e) => e.object.kind === 'Job' && e.object.metadata.deletionTimestamp !== undefined)!;
    // Foreground propagation: the Job stays, with the foregroundDeletion finalizer, until its pods are gone.
    expect(marked.time).toBe(finishedAt + 100_000);
    expect(marked.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    const podGone = stream.findIndex((e) => e.object.kind === 'Pod' && e.type === 'DELETED');
    const jobGone = stream.findIndex((e) => e.object.kind === 'Job' && e.type === 'DELETED');
    expect(podGone).toBeGreaterThan(stream.indexOf(marked));
    expect(jobGone).toBeGreaterThan(podGone);
  });

  it('ttlSecondsAfterFinished: 0 deletes the Job right after it finishes (§4.12)', () => {
    const sim = jobCluster();
    const manifest = corpusJob('job.yaml');
    manifest.spec.ttlSecondsAfterFinished = 0;
    applyJob(sim, manifest);
    const stream = record(sim, ['Job']);
    sim.runUntilIdle();
    const complete = stream.find((e) => condition(e.object as Job, 'Complete'))!;
    const marked = stream.find((e) => e.object.metadata.deletionTimestamp !== undefined)!;
    expect(marked.time - complete.time).toBeLessThan(1_000);
    expect(getJob(sim, 'pi')).toBeUndefined();
  });

  it('a Job deleted while running leaves no pod stuck on its tracking finalizer (§6)', () => {
    const sim = jobCluster();
    applyJob(sim, simpleJob('sleeper', { parallelism: 2, completions: 2 }, { command: ['sleep', '600'] }));
    sim.runFor(20_000);
    expect(podsOf(sim, 'sleeper').map((p) => p.metadata.finalizers)).toEqual([['batch.kubernetes.io/job-tracking'], ['batch.kubernetes.io/job-tracking']]);
    sim.api.delete('Job', 'default', 'sleeper'); // kubectl delete job: Background propagation
    sim.runUntilIdle();
    expect(getJob(sim, 'sleeper')).toBeUndefined();
    expect(podsOf(sim, 'sleeper')).toHaveLength(0);
  });
});
