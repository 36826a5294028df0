// Revisions, history cleanup and rollback (§3.11, §3.6 step 3): revisionHistoryLimit, the renumbering of
// a reused ReplicaSet, kubectl's history/undo lookups, and the controller-side legacy rollback.
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../../src/engine/api/kinds.ts';
import { findRollbackRevision, listRevisions, rollbackChange } from '../../../../src/engine/controllers/deployment/revisions.ts';
import type { Simulation } from '../../../../src/engine/sim/simulation.ts';
import {
  apply, condition, deploymentManifest, editDeployment, getDeployment, newSim, recordEvents, replicaSetsOf, rsWithImage, setImage,
} from './helpers.ts';

function revisions(sim: Simulation): number[] {
  return listRevisions(getDeployment(sim, 'web'), sim.api.list<ReplicaSet>('ReplicaSet')).map((r) => r.revision);
}

/** `kubectl rollout undo deployment/web [--to-revision=N]`, with the helper kubectl will use. */
function undo(sim: Simulation, toRevision = 0): ReturnType<typeof rollbackChange> | string {
  const d = getDeployment(sim, 'web');
  const found = findRollbackRevision(d, sim.api.list<ReplicaSet>('ReplicaSet'), toRevision);
  if (!found.ok) return found.error;
  const change = rollbackChange(d, found.replicaSet, found.revision);
  if (!change.skipped) {
    editDeployment(sim, 'web', (dep) => {
      dep.spec!.template = change.template;
      dep.metadata.annotations = change.annotations;
    });
  }
  return change;
}

describe('Revisions and history (§3.11)', () => {
  it('numbers each template 1, 2, 3 … and mirrors the newest on the Deployment', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 2));
    sim.runFor(10_000);
    for (const image of ['nginx:1.28', 'nginx:1.29']) {
      setImage(sim, 'web', image);
      sim.runFor(30_000);
    }
    expect(revisions(sim)).toEqual([1, 2, 3]);
    expect(getDeployment(sim, 'web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(listRevisions(getDeployment(sim, 'web'), sim.api.list<ReplicaSet>('ReplicaSet')).map((r) => r.template.spec.containers[0].image)).toEqual(['nginx:1.27', 'nginx:1.28', 'nginx:1.29']);
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the lowest revisions first', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 2, { revisionHistoryLimit: 2 }));
    sim.runFor(10_000);
    for (const image of ['nginx:1.28', 'nginx:1.29', 'nginx:1.30', 'nginx:1.31']) {
      setImage(sim, 'web', image);
      sim.runFor(30_000);
    }
    expect(revisions(sim)).toEqual([3, 4, 5]);
    expect(replicaSetsOf(sim, 'web').map((rs) => rs.spec!.replicas)).toEqual([0, 0, 2]);
  });

  it('renumbers a reused ReplicaSet on undo: 1, 2, 3 → undo to 2 → 1, 3, 4 with revision-history "2"', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 2));
    sim.runFor(10_000);
    for (const image of ['nginx:1.28', 'nginx:1.29']) {
      setImage(sim, 'web', image);
      sim.runFor(30_000);
    }
    const rev2 = rsWithImage(sim, 'web', 'nginx:1.28');
    const events = recordEvents(sim, 'Deployment', 'web');
    const change = undo(sim, 2);
    expect(change).toMatchObject({ skipped: false, revision: 2 });
    sim.runFor(30_000);
    expect(revisions(sim)).toEqual([1, 3, 4]);
    const reused = rsWithImage(sim, 'web', 'nginx:1.28');
    expect(reused.metadata.name).toBe(rev2.metadata.name); // no new ReplicaSet: the old one is new again
    expect(reused.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '4', 'deployment.kubernetes.io/revision-history': '2' });
    expect(replicaSetsOf(sim, 'web')).toHaveLength(3);
    expect(events[0].message).toBe(`Scaled up replica set ${reused.metadata.name} from 0 to 1`);
    expect(getDeployment(sim, 'web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('4');
    // a second undo goes back to revision 3's template, which becomes 5; history keeps growing
    undo(sim);
    sim.runFor(30_000);
    expect(revisions(sim)).toEqual([1, 4, 5]);
    // undo once more to 4 (the 1.28 ReplicaSet): its history now records 2 and 4
    undo(sim);
    sim.runFor(30_000);
    expect(rsWithImage(sim, 'web', 'nginx:1.28').metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '6', 'deployment.kubernetes.io/revision-history': '2,4' });
  });

  it('gives kubectl its errors and the skip case', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 1));
    sim.runFor(10_000);
    expect(undo(sim)).toBe('no rollout history found for deployment "web"');
    expect(undo(sim, 7)).toBe('unable to find specified revision 7 in history');
    expect(undo(sim, 1)).toEqual({ skipped: true, revision: 1 });
  });

  it('lists change causes from kubernetes.io/change-cause', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 1));
    sim.runFor(10_000);
    editDeployment(sim, 'web', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'kubernetes.io/change-cause': 'kubectl set image deployment/web web=nginx:1.28' };
      d.spec!.template.spec.containers[0].image = 'nginx:1.28';
    });
    sim.runFor(30_000);
    const entries = listRevisions(getDeployment(sim, 'web'), sim.api.list<ReplicaSet>('ReplicaSet'));
    expect(entries.map((e) => [e.revision, e.changeCause])).toEqual([[1, undefined], [2, 'kubectl set image deployment/web web=nginx:1.28']]);
  });
});

describe('Legacy controller-side rollback (§3.4 step 6, §3.11)', () => {
  it('rolls back to the previous revision and clears the annotation', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 1));
    sim.runFor(10_000);
    setImage(sim, 'web', 'nginx:1.28');
    sim.runFor(30_000);
    const events = recordEvents(sim, 'Deployment', 'web');
    editDeployment(sim, 'web', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '0' };
    });
    sim.runFor(30_000);
    const d: Deployment = getDeployment(sim, 'web');
    expect(d.spec!.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(d.metadata.annotations!['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(events[0]).toMatchObject({ type: 'Normal', reason: 'DeploymentRollback', message: 'Rolled back deployment "web" to revision 1' });
    expect(revisions(sim)).toEqual([2, 3]);
    expect(condition(d.status, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('warns when the revision does not exist', () => {
    const sim = newSim();
    apply(sim, deploymentManifest('web', 1));
    sim.runFor(10_000);
    const events = recordEvents(sim, 'Deployment', 'web');
    editDeployment(sim, 'web', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '9' };
    });
    sim.runFor(10_000);
    expect(events[0]).toMatchObject({ type: 'Warning', reason: 'DeploymentRollbackRevisionNotFound', message: 'Unable to find the revision to rollback to.' });
    expect(getDeployment(sim, 'web').metadata.annotations!['deprecated.deployment.rollback.to']).toBeUndefined();
  });
});
