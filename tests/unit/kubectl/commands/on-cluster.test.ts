// The changing verbs on a full simulated cluster (default controllers): the Deployment controller turns
// kubectl's edits into rollouts. Expectations from reference §3.10 (pause), §3.11 (revisions, history,
// undo, restart), §5.12 (create job --from), §7.3/§7.4 (texts); where the reference is silent, from
// kubectl 1.35's source (file named in the test).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../../../src/engine/api/kinds.ts';
import type { KubeObject } from '../../../../src/engine/api/objects.ts';
import { annotate, createJob, label, rolloutHistory, rolloutPause, rolloutRestart, rolloutResume, rolloutUndo, setImage } from '../../../../src/engine/kubectl/commands/index.ts';
import { defaultControllers } from '../../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { readManifests } from '../../../../src/engine/yaml/index.ts';

const corpus = join(import.meta.dirname, '../../../../../shared/corpus/kubernetes-website');
const NAME = 'nginx-deployment';
const REF = 'deployment.apps/nginx-deployment';

function cluster(): Simulation {
  const sim = new Simulation({ controllers: defaultControllers() });
  for (const doc of readManifests(readFileSync(join(corpus, 'nginx-deployment.yaml'), 'utf8')).documents) {
    expect(sim.apply(doc.value as Record<string, unknown>).error).toBeUndefined();
  }
  sim.runFor(60_000);
  return sim;
}

const out = (stdout: string) => ({ exitCode: 0, stdout, stderr: '' });
const err = (stderr: string) => ({ exitCode: 1, stdout: '', stderr: `${stderr}\n` });
const deployment = (sim: Simulation) => sim.api.get<Deployment>('Deployment', 'default', NAME)!;
const replicaSets = (sim: Simulation) => sim.api.list<ReplicaSet>('ReplicaSet', { namespace: 'default' });
const revisionOf = (rs: ReplicaSet) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
const rsWithImage = (sim: Simulation, image: string) => replicaSets(sim).find((rs) => rs.spec!.template.spec!.containers[0]!.image === image)!;
const history = (...revisions: number[]) => `${REF} \nREVISION  CHANGE-CAUSE\n${revisions.map((r) => `${String(r).padEnd(10)}<none>\n`).join('')}\n`;

describe('set image and rollout on a simulated cluster', () => {
  it('set image rolls out a new ReplicaSet as revision 2; history lists 1 and 2 (§3.11)', () => {
    const sim = cluster();
    expect(setImage(sim, [`deployment/${NAME}`, 'nginx=nginx:1.16.1'])).toEqual(out(`${REF} image updated\n`));
    sim.runFor(120_000);
    const d = deployment(sim);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(revisionOf(rsWithImage(sim, 'nginx:1.16.1'))).toBe('2');
    expect(rsWithImage(sim, 'nginx:1.14.2').spec!.replicas).toBe(0);
    const pods = sim.api.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp);
    expect(pods.map((p) => p.spec!.containers[0]!.image)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1']);
    expect(rolloutHistory(sim, [`deployment/${NAME}`])).toEqual(out(history(1, 2)));
  });

  it('undo returns to revision 1 as revision 3 with revision-history "1"; undo --to-revision=2 gives 4 (§3.11)', () => {
    const sim = cluster();
    setImage(sim, ['deployment', NAME, 'nginx=nginx:1.16.1']);
    sim.runFor(120_000);
    expect(rolloutUndo(sim, [`deployment/${NAME}`])).toEqual(out(`${REF} rolled back\n`));
    sim.runFor(120_000);
    const old = rsWithImage(sim, 'nginx:1.14.2');
    expect(revisionOf(old)).toBe('3');
    expect(old.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(old.spec!.replicas).toBe(3);
    expect(deployment(sim).spec!.template.spec!.containers[0]!.image).toBe('nginx:1.14.2');
    expect(rolloutHistory(sim, [`deployment/${NAME}`])).toEqual(out(history(2, 3)));

    expect(rolloutUndo(sim, [`deployment/${NAME}`, '--to-revision=2'])).toEqual(out(`${REF} rolled back\n`));
    sim.runFor(120_000);
    const again = rsWithImage(sim, 'nginx:1.16.1');
    expect(revisionOf(again)).toBe('4');
    expect(again.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('2');
    expect(rolloutHistory(sim, [`deployment/${NAME}`])).toEqual(out(history(3, 4)));
  });

  it('undo refusals and skips print kubectl\'s texts (§3.11)', () => {
    const sim = cluster();
    expect(rolloutUndo(sim, [`deployment/${NAME}`])).toEqual(err(`error: no rollout history found for deployment "${NAME}"`));
    expect(rolloutUndo(sim, [`deployment/${NAME}`, '--to-revision', '7'])).toEqual(err('error: unable to find specified revision 7 in history'));
    expect(rolloutUndo(sim, [`deployment/${NAME}`, '--to-revision=1'])).toEqual(out(`${REF} skipped rollback (current template already matches revision 1)\n`));
    expect(rolloutUndo(sim, ['deployment/nope'])).toEqual(err('Error from server (NotFound): deployments.apps "nope" not found'));
  });

  it('restart stamps kubectl.kubernetes.io/restartedAt and rolls out revision 2 (§3.11)', () => {
    const sim = cluster();
    const at = sim.now();
    expect(rolloutRestart(sim, [`deployment/${NAME}`])).toEqual(out(`${REF} restarted\n`));
    expect(deployment(sim).spec!.template.metadata!.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': new Date(at).toISOString().replace('.000Z', 'Z') });
    sim.runFor(120_000);
    const rss = replicaSets(sim);
    expect(rss).toHaveLength(2);
    const fresh = rss.find((rs) => revisionOf(rs) === '2')!;
    expect(fresh.spec!.template.metadata!.annotations).toMatchObject({ 'kubectl.kubernetes.io/restartedAt': expect.any(String) });
    expect(fresh.status).toMatchObject({ replicas: 3, availableReplicas: 3 });
  });

  it('pause holds a set image back; undo/restart/pause are refused while paused; resume rolls out (§3.10, §3.11)', () => {
    const sim = cluster();
    expect(rolloutPause(sim, [`deployment/${NAME}`])).toEqual(out(`${REF} paused\n`));
    expect(deployment(sim).spec!.paused).toBe(true);
    // kubectl objectpauser.go / objectrestarter.go, printed as `error: <resource> "<name>" <message>`.
    expect(rolloutPause(sim, [`deployment/${NAME}`])).toEqual(err(`error: deployments.apps "${NAME}" is already paused`));
    expect(rolloutRestart(sim, [`deployment/${NAME}`])).toEqual(err(`error: deployments.apps "${NAME}" can't restart paused deployment (run rollout resume first)`));
    expect(rolloutUndo(sim, [`deployment/${NAME}`])).toEqual(err("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"));
    setImage(sim, [`deployment/${NAME}`, 'nginx=nginx:1.16.1']);
    sim.runFor(60_000);
    expect(replicaSets(sim)).toHaveLength(1);
    expect(rolloutResume(sim, [`deployment/${NAME}`])).toEqual(out(`${REF} resumed\n`));
    expect(rolloutResume(sim, [`deployment/${NAME}`])).toEqual(err(`error: deployments.apps "${NAME}" is not paused`));
    sim.runFor(120_000);
    expect(revisionOf(rsWithImage(sim, 'nginx:1.16.1'))).toBe('2');
    expect(deployment(sim).status).toMatchObject({ updatedReplicas: 3, availableReplicas: 3 });
  });

  it('set image: unknown container, unchanged image, missing object (kubectl set_image.go; §7.3)', () => {
    const sim = cluster();
    expect(setImage(sim, [`deployment/${NAME}`, 'web=nginx:1.16.1'])).toEqual(err('error: unable to find container named "web"'));
    // No change, no patch, nothing printed.
    expect(setImage(sim, [`deployment/${NAME}`, 'nginx=nginx:1.14.2'])).toEqual(out(''));
    expect(deployment(sim).metadata.generation).toBe(1);
    expect(setImage(sim, ['deployment/nope', 'nginx=nginx:1'])).toEqual(err('Error from server (NotFound): deployments.apps "nope" not found'));
  });
});

describe('create job --from=cronjob on a simulated cluster (§5.12)', () => {
  const cronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello' },
    spec: {
      schedule: '0 0 1 1 *',
      jobTemplate: {
        metadata: { labels: { team: 'a' } },
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['sh', '-c', 'date'] }] } } },
      },
    },
  };

  it('creates the Job with the instantiate annotation and an owner reference, and its pod runs', () => {
    const sim = cluster();
    expect(sim.apply(cronJob).error).toBeUndefined();
    expect(createJob(sim, ['manual', '--from=cronjob/hello'])).toEqual(out('job.batch/manual created\n'));
    const job = sim.api.get<KubeObject>('Job', 'default', 'manual')!;
    const cj = sim.api.get<KubeObject>('CronJob', 'default', 'hello')!;
    expect(job.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(job.metadata.labels).toMatchObject({ team: 'a' });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true }]);
    sim.runFor(30_000);
    const pods = sim.api.list<Pod>('Pod').filter((p) => p.metadata.labels?.['job-name'] === 'manual');
    expect(pods).toHaveLength(1);
    // create_job.go wraps the create error (`failed to create job: %v`), so checkErr prints it as a plain error,
    // as kubectl 1.35.2 does for create deployment (tests/golden/kubectl-write/recorded/77).
    expect(createJob(sim, ['manual', '--from=cronjob/hello'])).toEqual(err('error: failed to create job: jobs.batch "manual" already exists'));
  });
});

describe('label and annotate on a simulated cluster', () => {
  it('label sets, refuses without --overwrite, overwrites, removes (kubectl label.go texts)', () => {
    const sim = cluster();
    const pod = sim.api.list<Pod>('Pod')[0]!.metadata.name;
    expect(label(sim, ['pod', pod, 'tier=web'])).toEqual(out(`pod/${pod} labeled\n`));
    expect(label(sim, [`pod/${pod}`, 'tier=db'])).toEqual(err("error: 'tier' already has a value (web), and --overwrite is false"));
    expect(label(sim, [`pod/${pod}`, 'tier=db', '--overwrite'])).toEqual(out(`pod/${pod} labeled\n`));
    expect(sim.api.get<Pod>('Pod', 'default', pod)!.metadata.labels).toMatchObject({ tier: 'db' });
    expect(label(sim, [`pod/${pod}`, 'tier-'])).toEqual(out(`pod/${pod} unlabeled\n`));
    expect(sim.api.get<Pod>('Pod', 'default', pod)!.metadata.labels).not.toHaveProperty('tier');
  });

  it('annotate sets and refuses a different value without --overwrite (kubectl annotate.go texts)', () => {
    const sim = cluster();
    expect(annotate(sim, ['deployment', NAME, 'note=hello'])).toEqual(out(`${REF} annotated\n`));
    expect(annotate(sim, [`deployment/${NAME}`, 'note=bye'])).toEqual(err("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)"));
    expect(annotate(sim, [`deployment/${NAME}`, 'note=bye', '--overwrite'])).toEqual(out(`${REF} annotated\n`));
    expect(deployment(sim).metadata.annotations).toMatchObject({ note: 'bye' });
  });
});
