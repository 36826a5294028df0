// A Job created by the CronJob controller carries its own uid in its generated selector and labels (§4.2), as the
// API server generates them from the uid it assigns.
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/engine/controllers/cronjob/types.ts';
import { applyCronJob, MINUTE, newSim, T0 } from './cronjob-helpers.ts';

describe('Jobs created by a CronJob', () => {
  it('have controller-uid labels and selector equal to their metadata.uid', () => {
    const sim = newSim();
    applyCronJob(sim, { schedule: '* * * * *' });
    sim.runUntil(T0 + 2 * MINUTE);
    const [job] = sim.api.list<Job>('Job');
    expect(job).toBeDefined();
    const uid = job.metadata.uid;
    expect(job.metadata.labels?.['batch.kubernetes.io/controller-uid']).toBe(uid);
    expect(job.metadata.labels?.['controller-uid']).toBe(uid);
    expect((job.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels).toEqual({ 'batch.kubernetes.io/controller-uid': uid });
  });
});
