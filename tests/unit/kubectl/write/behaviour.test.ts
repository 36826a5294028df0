// The changing commands on a running simulated cluster (default controllers, kubelets, scheduler): what
// learners see when apply, delete, scale, drain, the generators and the streaming commands act on it.
// Expectations come from the reference (sections named per test), kubectl 1.35's source where the reference is
// silent (file named), and the recordings in tests/golden/kubectl-write for the exact texts.
import { describe, expect, it } from 'vitest';
import type { Deployment, Pod } from '../../../../src/engine/api/kinds.ts';
import { runKubectl } from '../../../../src/engine/kubectl/index.ts';
import type { KubectlContext, KubectlResult } from '../../../../src/engine/kubectl/context.ts';
import { defaultControllers } from '../../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.26
`;

const PI = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  parallelism: -1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34.0
`;

const TYPO = `apiVersion: batch/v1
kind: Job
metadata:
  name: typo
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        cmmand: [sleep, "5"]
`;

function cluster(files: Record<string, string> = {}): KubectlContext {
  const sim = new Simulation({ controllers: defaultControllers(), startMs: Date.UTC(2026, 0, 1) });
  return { sim, files: new Map(Object.entries({ 'web.yaml': WEB, ...files })) };
}

const kubectl = (ctx: KubectlContext, line: string): KubectlResult => runKubectl(ctx, line);
const pods = (ctx: KubectlContext, selector = 'app=web') => ctx.sim.api.list<Pod>('Pod', { namespace: 'default', selector: { matchLabels: Object.fromEntries([selector.split('=') as [string, string]]) } });

describe('apply -f on a running cluster', () => {
  it('creates the Deployment, whose controllers then create the pods; the same file again is unchanged (§7.4, §3.4)', () => {
    const ctx = cluster();
    expect(kubectl(ctx, 'kubectl apply -f web.yaml')).toEqual({ exitCode: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    ctx.sim.runFor(30_000);
    expect(pods(ctx).filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    expect(kubectl(ctx, 'kubectl apply -f web.yaml')).toEqual({ exitCode: 0, stdout: 'deployment.apps/web unchanged\n', stderr: '' });
  });

  it('a changed image is a patch: configured, and the Deployment rolls out a new ReplicaSet (§3.5)', () => {
    const ctx = cluster({ 'web2.yaml': WEB.replace('nginx:1.26', 'nginx:1.27') });
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    expect(kubectl(ctx, 'apply -f web2.yaml').stdout).toBe('deployment.apps/web configured\n');
    ctx.sim.runFor(120_000);
    const images = pods(ctx).map((p) => p.spec!.containers[0]!.image);
    expect(images).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    expect(ctx.sim.api.list('ReplicaSet')).toHaveLength(2);
  });

  it('warns when the live object was not created by apply, then patches the annotation in (recording kubectl-oracle 63)', () => {
    const ctx = cluster();
    expect(kubectl(ctx, 'kubectl create -f web.yaml').stdout).toBe('deployment.apps/web created\n');
    const r = kubectl(ctx, 'kubectl apply -f web.yaml');
    expect(r.stderr).toBe('Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n');
    expect(r.stdout).toBe('deployment.apps/web configured\n');
    expect(ctx.sim.api.get('Deployment', 'default', 'web')!.metadata.annotations).toHaveProperty(['kubectl.kubernetes.io/last-applied-configuration']);
    expect(kubectl(ctx, 'kubectl apply -f web.yaml')).toMatchObject({ stdout: 'deployment.apps/web unchanged\n', stderr: '' });
  });

  it('one invalid object: kubectl rebuilds the Invalid error from its causes; the problem points at the field (§7.2)', () => {
    const ctx = cluster({ 'pi.yaml': PI });
    const r = kubectl(ctx, 'kubectl apply -f pi.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('The Job "pi" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0\n');
    expect(r.problems).toEqual([{ file: 'pi.yaml', line: 6, column: 3, message: 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0' }]);
    expect(ctx.sim.api.get('Job', 'default', 'pi')).toBeUndefined();
  });

  it('several refusals print one line each with the source file (§7.2, §7.3; kubectl checkErr MultipleErrors); the valid object is applied', () => {
    const ctx = cluster({ 'jobs.yaml': `${PI}---\n${TYPO}---\n${WEB}` });
    const r = kubectl(ctx, 'kubectl apply -f jobs.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('deployment.apps/web created\n');
    expect(r.stderr).toBe(
      'Error from server (Invalid): error when creating "jobs.yaml": Job.batch "pi" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0\n' +
        'Error from server (BadRequest): error when creating "jobs.yaml": Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.template.spec.containers[0].cmmand"\n',
    );
    expect(r.problems!.map((p) => [p.line, p.column])).toEqual([[6, 3], [25, 9]]);
  });

  it('a missing file, no -f, an empty file (§8.1.8; recordings 55, 56, 58)', () => {
    const ctx = cluster({ 'empty.yaml': '# nothing\n' });
    expect(kubectl(ctx, 'kubectl apply -f nope.yaml').stderr).toBe('error: the path "nope.yaml" does not exist\n');
    expect(kubectl(ctx, 'kubectl apply').stderr).toBe('error: must specify one of -f and -k\n');
    expect(kubectl(ctx, 'kubectl apply -f empty.yaml').stderr).toBe('error: no objects passed to apply\n');
  });
});

describe('create -f and replace -f', () => {
  it('create twice: AlreadyExists with the file (§7.3, recording 50)', () => {
    const ctx = cluster();
    expect(kubectl(ctx, 'kubectl create -f web.yaml').stdout).toBe('deployment.apps/web created\n');
    expect(kubectl(ctx, 'kubectl create -f web.yaml')).toEqual({
      exitCode: 1, stdout: '', stderr: 'Error from server (AlreadyExists): error when creating "web.yaml": deployments.apps "web" already exists\n',
    });
  });

  it('replace drops what the manifest leaves out and bumps the generation (replace.go PUT)', () => {
    const ctx = cluster({ 'web4.yaml': WEB.replace('replicas: 3', 'replicas: 4') });
    kubectl(ctx, 'apply -f web.yaml');
    expect(kubectl(ctx, 'replace -f web4.yaml').stdout).toBe('deployment.apps/web replaced\n');
    const d = ctx.sim.api.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.spec!.replicas).toBe(4);
    expect(d.metadata.generation).toBe(2);
    expect(d.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });
});

describe('delete', () => {
  it('waits for a pod to terminate: the prompt comes back when the object is gone (delete.go --wait, §1.9)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    const name = pods(ctx)[0]!.metadata.name;
    const r = kubectl(ctx, `kubectl delete pod ${name}`);
    expect(r.stdout).toBe(`pod "${name}" deleted from default namespace\n`);
    expect(r.stream?.done()).toBe(false);
    ctx.sim.runFor(1_000);
    // Graceful deletion: the pod is Terminating for its grace period (nginx stops on SIGTERM quickly in the lab, or after 30 s).
    ctx.sim.runFor(40_000);
    expect(r.stream!.done()).toBe(true);
    expect(r.stream!.exitCode()).toBe(0);
    expect(r.stream!.poll()).toBe('');
    expect(ctx.sim.api.get('Pod', 'default', name)).toBeUndefined();
    // The ReplicaSet replaced it.
    expect(pods(ctx)).toHaveLength(3);
  });

  it('--wait=false returns at once; --now is a 1 s grace period (delete_flags.go)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    const [a, b] = pods(ctx).map((p) => p.metadata.name);
    expect(kubectl(ctx, `kubectl delete pod ${a} --wait=false`).stream).toBeUndefined();
    kubectl(ctx, `kubectl delete pod ${b} --now`).stream?.stop();
    expect(ctx.sim.api.get('Pod', 'default', b!)!.metadata.deletionGracePeriodSeconds).toBe(1);
  });

  it('--cascade=orphan leaves the ReplicaSet and its pods running, without their owner (§6)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    const r = kubectl(ctx, 'kubectl delete deployment web --cascade=orphan');
    expect(r.stdout).toBe('deployment.apps "web" deleted from default namespace\n');
    ctx.sim.runFor(10_000);
    expect(r.stream?.done() ?? true).toBe(true);
    expect(ctx.sim.api.get('Deployment', 'default', 'web')).toBeUndefined();
    const rs = ctx.sim.api.list('ReplicaSet');
    expect(rs).toHaveLength(1);
    expect(rs[0]!.metadata.ownerReferences ?? []).toEqual([]);
    expect(pods(ctx).filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
  });

  it('background (the default): the Deployment goes at once and the garbage collector removes its ReplicaSet and pods (§6)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    kubectl(ctx, 'kubectl delete deployment web').stream?.stop();
    expect(ctx.sim.api.get('Deployment', 'default', 'web')).toBeUndefined();
    ctx.sim.runFor(60_000);
    expect(ctx.sim.api.list('ReplicaSet')).toHaveLength(0);
    expect(pods(ctx)).toHaveLength(0);
  });

  it('foreground: the Deployment stays, being deleted, until its dependents are gone (§6)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    const r = kubectl(ctx, 'kubectl delete deployment web --cascade=foreground');
    const d = ctx.sim.api.get('Deployment', 'default', 'web');
    expect(d?.metadata.finalizers).toContain('foregroundDeletion');
    expect(r.stream?.done()).toBe(false);
    ctx.sim.runFor(120_000);
    expect(ctx.sim.api.get('Deployment', 'default', 'web')).toBeUndefined();
    expect(r.stream!.done()).toBe(true);
  });

  it('the deprecated boolean --cascade values warn and map to background/orphan (recordings 35, 36)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    const r = kubectl(ctx, 'kubectl delete deployment web --cascade=false');
    expect(r.stderr).toBe('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
    r.stream?.stop();
  });

  it('-f deletes the file\'s objects; a missing one is NotFound with the file (recordings 69, 70)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    const r = kubectl(ctx, 'kubectl delete -f web.yaml');
    r.stream?.stop();
    expect(r.stdout).toBe('deployment.apps "web" deleted from default namespace\n');
    expect(kubectl(ctx, 'kubectl delete -f web.yaml').stderr).toBe('Error from server (NotFound): error when deleting "web.yaml": deployments.apps "web" not found\n');
  });
});

describe('scale', () => {
  it('changes the replicas; the ReplicaSet follows (§2.1); --current-replicas is a precondition (scale.go)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    expect(kubectl(ctx, 'kubectl scale deployment web --replicas=5 --current-replicas=2')).toEqual({ exitCode: 1, stdout: '', stderr: 'error: Expected replicas to be 2, was 3\n' });
    expect(kubectl(ctx, 'kubectl scale deployment web --replicas=5 --current-replicas=3').stdout).toBe('deployment.apps/web scaled\n');
    ctx.sim.runFor(30_000);
    expect(pods(ctx)).toHaveLength(5);
  });

  it('a Job has no scale subresource in 1.35 (recording 19)', () => {
    const ctx = cluster({ 'job.yaml': PI.replace('parallelism: -1', 'parallelism: 1') });
    kubectl(ctx, 'apply -f job.yaml');
    expect(kubectl(ctx, 'kubectl scale job pi --replicas=2')).toEqual({ exitCode: 1, stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource\n' });
  });
});

describe('cordon, uncordon, drain', () => {
  it('a cordoned node gets no new pods (§1.8 unschedulable)', () => {
    const ctx = cluster();
    for (const n of ['node-1', 'node-2']) expect(kubectl(ctx, `kubectl cordon ${n}`).stdout).toBe(`node/${n} cordoned\n`);
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    expect(new Set(pods(ctx).map((p) => p.spec!.nodeName))).toEqual(new Set(['node-3']));
    expect(kubectl(ctx, 'kubectl uncordon node-1').stdout).toBe('node/node-1 uncordoned\n');
    expect(kubectl(ctx, 'kubectl uncordon node-1').stdout).toBe('node/node-1 already uncordoned\n');
  });

  it('evicts every pod through the eviction API: marked DisruptionTarget, replaced elsewhere, then `drained` (drain.go, eviction.go)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    const onNode = pods(ctx).filter((p) => p.spec!.nodeName === 'node-1').map((p) => p.metadata.name).sort();
    expect(onNode.length).toBeGreaterThan(0);
    const r = kubectl(ctx, 'kubectl drain node-1 --ignore-daemonsets');
    expect(r.stdout).toBe(`node/node-1 cordoned\n${onNode.map((n) => `evicting pod default/${n}\n`).join('')}`);
    const evicted = ctx.sim.api.get<Pod>('Pod', 'default', onNode[0]!)!;
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(evicted.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    ctx.sim.runFor(60_000);
    expect(r.stream!.done()).toBe(true);
    const later = r.stream!.poll();
    for (const n of onNode) expect(later).toContain(`pod/${n} evicted\n`);
    expect(later.endsWith('node/node-1 drained\n')).toBe(true);
    expect(pods(ctx).filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    expect(pods(ctx).some((p) => p.spec!.nodeName === 'node-1')).toBe(false);
  });

  it('refuses a bare pod without --force and names it (filters.go; recording 117 shows the same text)', () => {
    const ctx = cluster({ 'solo.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  nodeName: node-2\n  containers:\n  - name: main\n    image: nginx\n' });
    kubectl(ctx, 'apply -f solo.yaml');
    const r = kubectl(ctx, 'kubectl drain node-2');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: unable to drain node "node-2" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\n' +
      'There are pending nodes to be drained:\n node-2\ncannot delete cannot delete Pods that declare no controller (use --force to override): default/solo\n');
    const forced = kubectl(ctx, 'kubectl drain node-2 --force');
    expect(forced.stderr).toBe('Warning: deleting Pods that declare no controller: default/solo\n');
    ctx.sim.runFor(60_000);
    expect(forced.stream!.poll()).toBe('pod/solo evicted\nnode/node-2 drained\n');
  });
});

describe('generators on a running cluster', () => {
  it('create deployment, create job, create cronjob and run make objects the controllers act on (recordings 76–80)', () => {
    const ctx = cluster();
    expect(kubectl(ctx, 'kubectl create deployment api --image=nginx --replicas=2').stdout).toBe('deployment.apps/api created\n');
    expect(kubectl(ctx, "kubectl create job once --image=busybox -- sh -c 'echo hi'").stdout).toBe('job.batch/once created\n');
    expect(kubectl(ctx, 'kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- date').stdout).toBe('cronjob.batch/tick created\n');
    expect(kubectl(ctx, 'kubectl run solo --image=nginx').stdout).toBe('pod/solo created\n');
    ctx.sim.runFor(90_000);
    expect(pods(ctx, 'app=api')).toHaveLength(2);
    expect((ctx.sim.api.get('Job', 'default', 'once')!.status as { succeeded?: number }).succeeded).toBe(1);
    expect(ctx.sim.api.list('Job').some((j) => j.metadata.name.startsWith('tick-'))).toBe(true);
    expect(ctx.sim.api.get<Pod>('Pod', 'default', 'solo')!.status!.phase).toBe('Running');
    expect(kubectl(ctx, 'kubectl create deployment api --image=nginx').stderr).toBe('error: failed to create deployment: deployments.apps "api" already exists\n');
    expect(kubectl(ctx, 'kubectl run solo --image=nginx').stderr).toBe('Error from server (AlreadyExists): pods "solo" already exists\n');
  });
});

describe('streams', () => {
  it('get -w: the table, then one row per change as time passes; nothing after stop (get.go watch)', () => {
    const ctx = cluster();
    const w = kubectl(ctx, 'kubectl get pods -w');
    expect(w).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    const lines = w.stream!.poll().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines.some((l) => / Pending /.test(l))).toBe(true);
    expect(lines.some((l) => / Running /.test(l))).toBe(true);
    w.stream!.stop();
    kubectl(ctx, 'kubectl scale deployment web --replicas=1');
    ctx.sim.runFor(30_000);
    expect(w.stream!.poll()).toBe('');
  });

  it('get -w prints the current objects first; --watch-only does not (get.go)', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    const all = kubectl(ctx, 'kubectl get deployments -w');
    expect(all.stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +3\/3 +3 +3 +30s\n$/);
    const only = kubectl(ctx, 'kubectl get deployments --watch-only');
    expect(only.stdout).toBe('');
    kubectl(ctx, 'kubectl scale deployment web --replicas=2');
    ctx.sim.runFor(5_000);
    expect(only.stream!.poll()).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +/);
    expect(all.stream!.poll()).toMatch(/^web +/);
    all.stream!.stop();
    only.stream!.stop();
  });

  it('rollout status: waiting lines as the rollout progresses, then done (§3.12, recording 32)', () => {
    const ctx = cluster({ 'web2.yaml': WEB.replace('nginx:1.26', 'nginx:1.27') });
    kubectl(ctx, 'apply -f web.yaml');
    ctx.sim.runFor(30_000);
    expect(kubectl(ctx, 'kubectl rollout status deployment/web')).toEqual({ exitCode: 0, stdout: 'deployment "web" successfully rolled out\n', stderr: '' });
    kubectl(ctx, 'apply -f web2.yaml');
    const r = kubectl(ctx, 'kubectl rollout status deployment/web');
    expect(r.stdout).toBe('Waiting for deployment spec update to be observed...\n');
    ctx.sim.runFor(120_000);
    expect(r.stream!.done()).toBe(true);
    expect(r.stream!.exitCode()).toBe(0);
    const out = r.stream!.poll();
    expect(out).toContain('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n');
    expect(out).toContain('old replicas are pending termination...\n');
    expect(out.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
  });

  it('rollout status of a Job has no status viewer (recording 124)', () => {
    const ctx = cluster({ 'job.yaml': PI.replace('parallelism: -1', 'parallelism: 1') });
    kubectl(ctx, 'apply -f job.yaml');
    expect(kubectl(ctx, 'kubectl rollout status job/pi').stderr).toBe('error: no status viewer has been implemented for Job.batch\n');
  });
});

describe('the dispatcher', () => {
  it('global flags before the verb, the optional `kubectl`, help, and commands the lab does not simulate', () => {
    const ctx = cluster();
    kubectl(ctx, 'apply -f web.yaml');
    expect(kubectl(ctx, '-n default get deploy -o name')).toEqual({ exitCode: 0, stdout: 'deployment.apps/web\n', stderr: '' });
    expect(kubectl(ctx, 'kubectl scale --help').stdout).toMatch(/^Set a new size for a deployment, replica set, replication controller, or stateful set\./);
    expect(kubectl(ctx, 'kubectl exec web -- ls')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^error: "kubectl exec" is not simulated: .*kubectl logs POD/) });
    expect(kubectl(ctx, 'kubectl edit deployment web').stderr).toMatch(/kubectl apply -f FILE/);
    expect(kubectl(ctx, 'kubectl --context prod get pods')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^error: --context is not simulated/) });
    // kubectl's plugin handler (cmd.go), recording 13.
    expect(kubectl(ctx, 'kubectl --foo get pods')).toEqual({ exitCode: 1, stdout: '', stderr: 'Error: flags cannot be placed before plugin name: --foo\n' });
    expect(kubectl(ctx, 'kubectl dleete pod x').stderr).toBe('error: unknown command "dleete" for "kubectl"\n\nDid you mean this?\n\tdelete\n');
    expect(kubectl(ctx, 'kubectl xyzzy').stderr).toBe('error: unknown command "xyzzy" for "kubectl"\n');
  });
});
