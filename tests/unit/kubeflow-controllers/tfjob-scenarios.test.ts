// The TFJob scenarios of the kubeflow-training reference §9 (1–14) on the simulated default cluster. Expected
// names, conditions, messages and events are the reference's (from release-1.9 code and tests, as cited there).
import { describe, expect, it } from 'vitest';
import { trainingJobState } from '../../../src/engine/kubectl/printers/kubeflow-columns.ts';
import {
  apply, behave, cluster, condition, conditions, conditionShape, corpusManifest, duration, envOf, eventReasons, events, job, names, pod, pods,
  replicaStatuses, runUntil, services, tfjob,
} from './helpers.ts';

const FOREVER = duration('forever');

describe('§9.1 two workers, no chief, default success policy (tensorflow_simple.yaml)', () => {
  it('creates pods and headless Services, runs, succeeds on worker 0 and leaves worker 1 running', () => {
    const sim = cluster();
    const m = behave(corpusManifest('tensorflow_simple.yaml'), 'Worker', duration('0=30s,*=forever'));
    apply(sim, m);
    sim.runFor(1_000);
    expect(names(pods(sim, 'kubeflow'))).toEqual(['tfjob-simple-worker-0', 'tfjob-simple-worker-1']);
    expect(names(services(sim, 'kubeflow'))).toEqual(['tfjob-simple-worker-0', 'tfjob-simple-worker-1']);
    const svc = services(sim, 'kubeflow')[0]!;
    expect(svc.spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'tfjob-port', port: 2222, protocol: 'TCP', targetPort: 2222 }] });
    expect(pod(sim, 'tfjob-simple-worker-0', 'kubeflow')!.metadata.labels).toEqual({
      'training.kubeflow.org/operator-name': 'tfjob-controller',
      'training.kubeflow.org/job-name': 'tfjob-simple',
      'training.kubeflow.org/replica-type': 'worker',
      'training.kubeflow.org/replica-index': '0',
      'training.kubeflow.org/job-role': 'master',
    });
    expect(pod(sim, 'tfjob-simple-worker-1', 'kubeflow')!.metadata.labels?.['training.kubeflow.org/job-role']).toBeUndefined();
    expect(envOf(pod(sim, 'tfjob-simple-worker-1', 'kubeflow'))).toEqual([{
      name: 'TF_CONFIG',
      value: '{"cluster":{"worker":["tfjob-simple-worker-0.kubeflow.svc:2222","tfjob-simple-worker-1.kubeflow.svc:2222"]},"task":{"type":"worker","index":1},"environment":"cloud"}',
    }]);

    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'tfjob-simple', 'kubeflow'), 'Running'))).toBe(true);
    expect(condition(job(sim, 'TFJob', 'tfjob-simple', 'kubeflow'), 'Running')).toMatchObject({ status: 'True', reason: 'TFJobRunning', message: 'TFJob kubeflow/tfjob-simple is running.' });

    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'tfjob-simple', 'kubeflow'), 'Succeeded'))).toBe(true);
    const done = job(sim, 'TFJob', 'tfjob-simple', 'kubeflow');
    expect(condition(done, 'Succeeded')).toMatchObject({ status: 'True', reason: 'TFJobSucceeded', message: 'TFJob kubeflow/tfjob-simple successfully completed.' });
    expect((done!.status as { completionTime?: string }).completionTime).toBeDefined();
    expect(pod(sim, 'tfjob-simple-worker-1', 'kubeflow')!.status!.phase).toBe('Running');
    sim.runFor(5_000);
    const later = job(sim, 'TFJob', 'tfjob-simple', 'kubeflow');
    expect(replicaStatuses(later)).toEqual({ Worker: { succeeded: 2 } });
    expect(conditionShape(later)).toEqual(['Created=True', 'Running=False', 'Succeeded=True']);
    expect(condition(later, 'Created')).toMatchObject({ reason: 'TFJobCreated', message: 'TFJob tfjob-simple is created.' });
    // cleanPodPolicy None: worker 1 keeps running, its Service stays.
    expect(pod(sim, 'tfjob-simple-worker-1', 'kubeflow')!.status!.phase).toBe('Running');
    expect(services(sim, 'kubeflow')).toHaveLength(2);
  });
});

describe('§9.2 successPolicy AllWorkers, 4 workers', () => {
  it('stays Running while worker 0 alone succeeded; Succeeded once all 4 did', () => {
    const sim = cluster();
    apply(sim, tfjob('all', { Worker: { replicas: 4, annotations: duration('0=10s,*=40s') } }, { successPolicy: 'AllWorkers' }));
    expect(runUntil(sim, () => pod(sim, 'all-worker-0')?.status?.phase === 'Succeeded')).toBe(true);
    sim.runFor(1_000);
    const mid = job(sim, 'TFJob', 'all');
    expect(replicaStatuses(mid)).toEqual({ Worker: { active: 3, succeeded: 1 } });
    expect(conditionShape(mid)).toEqual(['Created=True', 'Running=True']);
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'all'), 'Succeeded'))).toBe(true);
    expect(replicaStatuses(job(sim, 'TFJob', 'all'))).toEqual({ Worker: { succeeded: 4 } });
  });
});

describe('§9.3 Chief + PS + 2 workers, cleanPodPolicy Running', () => {
  const m = (policy?: string) =>
    tfjob('chief', {
      Chief: { restartPolicy: 'Never', annotations: duration('60s') },
      PS: { annotations: FOREVER },
      Worker: { replicas: 2, annotations: FOREVER },
    }, policy ? { runPolicy: { cleanPodPolicy: policy } } : {});

  it('succeeds with the chief, then deletes the running PS and workers with their Services', () => {
    const sim = cluster();
    apply(sim, m('Running'));
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'chief'), 'Succeeded'))).toBe(true);
    sim.runFor(60_000);
    expect(names(pods(sim))).toEqual(['chief-chief-0']);
    expect(names(services(sim))).toEqual(['chief-chief-0']);
    expect(pod(sim, 'chief-chief-0')!.status!.phase).toBe('Succeeded');
    expect(replicaStatuses(job(sim, 'TFJob', 'chief'))).toEqual({ Chief: { succeeded: 1 }, PS: { succeeded: 1 }, Worker: { succeeded: 2 } });
    const reasons = eventReasons(sim, 'chief');
    expect(reasons.filter((r) => r === 'SuccessfulDeletePod')).toHaveLength(3);
    expect(reasons.filter((r) => r === 'SuccessfulDeleteService')).toHaveLength(3);
    expect(events(sim, 'chief').filter((e) => e.reason === 'SuccessfulDeletePod').map((e) => e.message).sort()).toEqual(['Deleted pod: chief-ps-0', 'Deleted pod: chief-worker-0', 'Deleted pod: chief-worker-1']);
  });

  it('with the default None, the PS and workers keep running', () => {
    const sim = cluster();
    apply(sim, m());
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'chief'), 'Succeeded'))).toBe(true);
    sim.runFor(120_000);
    expect(pods(sim).map((p) => `${p.metadata.name}:${p.status?.phase}`)).toEqual(['chief-chief-0:Succeeded', 'chief-ps-0:Running', 'chief-worker-0:Running', 'chief-worker-1:Running']);
    expect(eventReasons(sim, 'chief')).not.toContain('SuccessfulDeletePod');
  });
});

describe('§9.4 a worker fails under Never while the chief runs', () => {
  it('fails the job with the replica-failed message; Running turns False', () => {
    const sim = cluster();
    apply(sim, tfjob('f', {
      Chief: { annotations: FOREVER },
      Worker: { replicas: 2, annotations: { ...duration('0=forever,1=20s'), 'sim.workload-lab.dev/exit-code': '1' } },
    }));
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'f'), 'Failed'))).toBe(true);
    const j = job(sim, 'TFJob', 'f');
    expect(condition(j, 'Failed')).toMatchObject({ status: 'True', reason: 'TFJobFailed', message: 'TFJob default/f has failed because 1 Worker replica(s) failed.' });
    expect(condition(j, 'Running')?.status).toBe('False');
    expect(conditionShape(j)).toEqual(['Created=True', 'Running=False', 'Failed=True']);
  });
});

describe('§9.5 ExitCode with a retryable code (137)', () => {
  it('deletes the failed pod, sets Restarting, recreates it under the same name, and Running replaces Restarting', () => {
    const sim = cluster();
    apply(sim, tfjob('ec', {
      Worker: { restartPolicy: 'ExitCode', annotations: { ...duration('20s'), 'sim.workload-lab.dev/exit-code': '137', 'sim.workload-lab.dev/fail-attempts': '1' } },
    }));
    expect(runUntil(sim, () => !!pod(sim, 'ec-worker-0')?.spec?.nodeName)).toBe(true);
    const firstUid = pod(sim, 'ec-worker-0')!.metadata.uid;
    expect(pod(sim, 'ec-worker-0')!.spec!.restartPolicy).toBe('Never');
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'ec'), 'Restarting'))).toBe(true);
    expect(condition(job(sim, 'TFJob', 'ec'), 'Restarting')).toMatchObject({ status: 'True', reason: 'TFJobRestarting', message: 'job ec is restarting because Worker replica(s) failed.' });
    const restarting = events(sim, 'ec').find((e) => e.reason === 'TFJobRestarting')!;
    expect(restarting).toMatchObject({ type: 'Warning', message: 'job ec is restarting because Worker replica(s) failed.' });
    expect(events(sim, 'ec').find((e) => e.reason === 'ExitedWithCode')?.message).toBe('Pod: default.ec-worker-0 exited with code 137');
    expect(runUntil(sim, () => pod(sim, 'ec-worker-0')?.status?.phase === 'Running')).toBe(true);
    expect(pod(sim, 'ec-worker-0')!.metadata.uid).not.toBe(firstUid);
    sim.runFor(1_000);
    expect(conditionShape(job(sim, 'TFJob', 'ec'))).toEqual(['Created=True', 'Running=True']);
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'ec'), 'Succeeded'))).toBe(true);
  });
});

describe('§9.6 ExitCode with a permanent code (1)', () => {
  it('fails the job from ReconcilePods and keeps the failed pod', () => {
    const sim = cluster();
    apply(sim, tfjob('perm', { Worker: { restartPolicy: 'ExitCode', annotations: { ...duration('10s'), 'sim.workload-lab.dev/exit-code': '1' } } }));
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'perm'), 'Failed'))).toBe(true);
    expect(condition(job(sim, 'TFJob', 'perm'), 'Failed')).toMatchObject({ reason: 'TFJobFailed', message: 'job "perm" is failing because "Worker" replica(s) failed.' });
    expect(events(sim, 'perm').find((e) => e.reason === 'TFJobFailed' && e.type === 'Warning')?.message).toBe('job "perm" is failing because "Worker" replica(s) failed.');
    sim.runFor(30_000);
    expect(pod(sim, 'perm-worker-0')!.status!.phase).toBe('Failed');
  });
});

describe('§9.7 OnFailure crash loop with backoffLimit 4', () => {
  it('fails with the backoff message once the restarts of running pods add up to 4, and deletes every pod and Service', () => {
    const sim = cluster();
    apply(sim, tfjob('crash', {
      Worker: { replicas: 4, restartPolicy: 'OnFailure', annotations: { ...duration('10s'), 'sim.workload-lab.dev/exit-code': '1', 'sim.workload-lab.dev/fail-attempts': '1' } },
      PS: { replicas: 2, annotations: FOREVER },
    }, { runPolicy: { backoffLimit: 4 } }));
    let sawRestarting = false;
    const failed = runUntil(sim, () => {
      if (condition(job(sim, 'TFJob', 'crash'), 'Restarting')) sawRestarting = true;
      return !!condition(job(sim, 'TFJob', 'crash'), 'Failed');
    });
    expect(failed).toBe(true);
    expect(sawRestarting).toBe(false);
    expect(condition(job(sim, 'TFJob', 'crash'), 'Failed')).toMatchObject({ reason: 'TFJobFailed', message: 'Job crash has failed because it has reached the specified backoff limit' });
    sim.runFor(60_000);
    expect(pods(sim)).toEqual([]);
    expect(services(sim)).toEqual([]);
    expect(eventReasons(sim, 'crash').filter((r) => r === 'SuccessfulDeletePod')).toHaveLength(6);
    expect(eventReasons(sim, 'crash').filter((r) => r === 'SuccessfulDeleteService')).toHaveLength(6);
  });
});

describe('§9.8 ExitCode + backoffLimit 3, a worker that keeps exiting 137', () => {
  it('is deleted and recreated again and again; the job never fails', () => {
    const sim = cluster();
    apply(sim, tfjob('loop', { Worker: { restartPolicy: 'ExitCode', annotations: { ...duration('5s'), 'sim.workload-lab.dev/exit-code': '137' } } }, { runPolicy: { backoffLimit: 3 } }));
    sim.runFor(5 * 60_000);
    const j = job(sim, 'TFJob', 'loop');
    expect(condition(j, 'Failed')).toBeUndefined();
    expect(events(sim, 'loop').find((e) => e.reason === 'SuccessfulDeletePod')!.count).toBeGreaterThan(5);
    expect(events(sim, 'loop').find((e) => e.reason === 'TFJobRestarting')!.count).toBeGreaterThan(5);
  });
});

describe('§9.9 backoffLimit 0 with Never', () => {
  it('the first failed worker fails the job with the backoff message, and every pod and Service goes', () => {
    const sim = cluster();
    apply(sim, tfjob('zero', { Worker: { replicas: 2, annotations: { ...duration('0=10s,*=forever'), 'sim.workload-lab.dev/exit-code': '1' } } }, { runPolicy: { backoffLimit: 0 } }));
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'zero'), 'Failed'))).toBe(true);
    expect(condition(job(sim, 'TFJob', 'zero'), 'Failed')!.message).toBe('Job zero has failed because it has reached the specified backoff limit');
    sim.runFor(60_000);
    expect(pods(sim)).toEqual([]);
    expect(services(sim)).toEqual([]);
  });
});

describe('§9.10 activeDeadlineSeconds', () => {
  it('2 s: the first pass 2 s after startTime fails the job and deletes every pod and Service', () => {
    const sim = cluster();
    apply(sim, tfjob('dl', { Worker: { replicas: 4, annotations: FOREVER }, PS: { replicas: 2, annotations: FOREVER } }, { runPolicy: { activeDeadlineSeconds: 2 } }));
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'dl'), 'Failed'), 60_000)).toBe(true);
    expect(condition(job(sim, 'TFJob', 'dl'), 'Failed')!.message).toBe('Job dl has failed because it was active longer than specified deadline');
    sim.runFor(60_000);
    expect(pods(sim)).toEqual([]);
    expect(services(sim)).toEqual([]);
  });

  it('nothing requeues the deadline: a quiet job fails only at the next pass something else triggers', () => {
    const sim = cluster();
    apply(sim, tfjob('quiet', { Worker: { annotations: FOREVER } }, { runPolicy: { activeDeadlineSeconds: 30 } }));
    sim.runFor(5 * 60_000);
    expect(condition(job(sim, 'TFJob', 'quiet'), 'Failed')).toBeUndefined();
    // Any update of the job (here an annotation, as `kubectl annotate` would do) triggers a pass.
    sim.api.patch('TFJob', 'default', 'quiet', (o) => {
      o.metadata.annotations = { note: 'poke' };
    });
    sim.runFor(1_000);
    expect(condition(job(sim, 'TFJob', 'quiet'), 'Failed')!.message).toBe('Job quiet has failed because it was active longer than specified deadline');
  });
});

describe('§9.11 suspend and resume', () => {
  it('suspending deletes pods and Services; resuming recreates them with a new startTime', () => {
    const sim = cluster();
    const m = tfjob('sus', { Chief: { annotations: FOREVER }, Worker: { annotations: FOREVER } });
    apply(sim, m);
    expect(runUntil(sim, () => !!condition(job(sim, 'TFJob', 'sus'), 'Running'))).toBe(true);
    const firstStart = (job(sim, 'TFJob', 'sus')!.status as { startTime: string }).startTime;
    sim.runFor(5_000);
    apply(sim, { ...m, spec: { ...m.spec, runPolicy: { suspend: true } } });
    sim.runFor(60_000);
    const suspended = job(sim, 'TFJob', 'sus');
    expect(pods(sim)).toEqual([]);
    expect(services(sim)).toEqual([]);
    expect(conditions(suspended).map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Created', 'True', 'TFJobCreated'], ['Running', 'False', 'TFJobSuspended'], ['Suspended', 'True', 'TFJobSuspended'],
    ]);
    expect(condition(suspended, 'Suspended')!.message).toBe('TFJob sus is suspended.');
    expect(trainingJobState(suspended!)).toBe('Suspended');
    expect(events(sim, 'sus').find((e) => e.reason === 'TFJobSuspended')).toMatchObject({ type: 'Normal', message: 'TFJob sus is suspended.' });

    apply(sim, { ...m, spec: { ...m.spec, runPolicy: { suspend: false } } });
    sim.runFor(20);
    expect(condition(job(sim, 'TFJob', 'sus'), 'Suspended')).toMatchObject({ status: 'False', reason: 'TFJobResumed', message: 'TFJob sus is resumed.' });
    expect(trainingJobState(job(sim, 'TFJob', 'sus')!)).toBe('Suspended');
    expect((job(sim, 'TFJob', 'sus')!.status as { startTime: string }).startTime).not.toBe(firstStart);
    expect(runUntil(sim, () => condition(job(sim, 'TFJob', 'sus'), 'Running')?.status === 'True')).toBe(true);
    expect(conditionShape(job(sim, 'TFJob', 'sus'))).toEqual(['Created=True', 'Suspended=False', 'Running=True']);
    expect(names(pods(sim))).toEqual(['sus-chief-0', 'sus-worker-0']);
  });

  it('a job created suspended shows Created and Suspended and never gets pods', () => {
    const sim = cluster();
    apply(sim, tfjob('held', { Worker: { annotations: FOREVER } }, { runPolicy: { suspend: true } }));
    sim.runFor(60_000);
    expect(pods(sim)).toEqual([]);
    expect(conditionShape(job(sim, 'TFJob', 'held'))).toEqual(['Created=True', 'Suspended=True']);
    expect((job(sim, 'TFJob', 'held')!.status as { startTime?: string }).startTime).toBeUndefined();
  });
});

describe('§9.12 a single worker', () => {
  it('gets one pod and one headless Service, and no TF_CONFIG', () => {
    const sim = cluster();
    apply(sim, behave(corpusManifest('tensorflow_mnist_with_summaries_tf_job_mnist.yaml'), '*', duration('30s')));
    sim.runFor(1_000);
    expect(names(pods(sim, 'kubeflow'))).toEqual(['mnist-worker-0']);
    expect(names(services(sim, 'kubeflow'))).toEqual(['mnist-worker-0']);
    expect(envOf(pod(sim, 'mnist-worker-0', 'kubeflow'))).toBeUndefined();
  });
});

describe('§9.13 ttlSecondsAfterFinished: 3', () => {
  for (const [outcome, annotations] of [['succeeded', duration('10s')], ['failed', { ...duration('10s'), 'sim.workload-lab.dev/exit-code': '1' }]] as const) {
    it(`a ${outcome} job is deleted about 3 s after completionTime, its pods and Services collected`, () => {
      const sim = cluster();
      apply(sim, tfjob('ttl', { Worker: { replicas: 2, annotations } }, { runPolicy: { ttlSecondsAfterFinished: 3 } }));
      expect(runUntil(sim, () => !!(job(sim, 'TFJob', 'ttl')?.status as { completionTime?: string } | undefined)?.completionTime)).toBe(true);
      const completion = Date.parse((job(sim, 'TFJob', 'ttl')!.status as { completionTime: string }).completionTime);
      expect(runUntil(sim, () => !job(sim, 'TFJob', 'ttl'), 60_000, 10)).toBe(true);
      expect(sim.now() - completion).toBeGreaterThanOrEqual(3_000);
      expect(sim.now() - completion).toBeLessThan(4_100);
      expect(events(sim, 'ttl').find((e) => e.reason === 'SuccessfulDeleteJob')).toMatchObject({ type: 'Normal', message: 'Deleted job: ttl', source: { component: 'tfjob-controller' } });
      sim.runFor(60_000);
      expect(pods(sim)).toEqual([]);
      expect(services(sim)).toEqual([]);
    });
  }
});

describe('§9.14 validation rejections (TFJob webhook)', () => {
  const denial = (detail: string) => `admission webhook "validator.tfjob.training-operator.kubeflow.org" denied the request: ${detail}`;
  it('a Worker whose only container is named main', () => {
    const m = tfjob('bad', { Worker: {} });
    (m.spec.tfReplicaSpecs as { Worker: { template: { spec: { containers: { name: string }[] } } } }).Worker.template.spec.containers[0]!.name = 'main';
    const r = cluster().apply(m as unknown as Record<string, unknown>);
    expect(r.error?.message).toBe(denial('spec.tfReplicaSpecs[Worker].template.spec.containers: Required value: must have at least one container with name tensorflow'));
  });
  it('both Chief and Master', () => {
    const r = cluster().apply(tfjob('bad', { Chief: {}, Master: {} }) as unknown as Record<string, unknown>);
    expect(r.error?.message).toBe(denial('spec.tfReplicaSpecs: Forbidden: must not have more than 1 Chief or Master role'));
  });
  it('an empty image', () => {
    const m = tfjob('bad', { Worker: {} });
    (m.spec.tfReplicaSpecs as { Worker: { template: { spec: { containers: { image: string }[] } } } }).Worker.template.spec.containers[0]!.image = '';
    const r = cluster().apply(m as unknown as Record<string, unknown>);
    expect(r.error?.message).toBe(denial('spec.tfReplicaSpecs[Worker].template.spec.containers[0].image: Required value: must be required'));
  });
});
