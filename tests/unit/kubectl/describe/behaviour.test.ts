// describe behaviours the demo recordings do not exercise: the 1.35 fieldPath prefix on container events
// (reference §1.7, kubectl #133627), aggregated events, kubectl's name-prefix fallback, several objects,
// argument errors, and describe on a live simulated cluster.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/engine/api/objects.ts';
import { runDescribe } from '../../../../src/engine/kubectl/describe/index.ts';
import type { DescribeSource } from '../../../../src/engine/kubectl/describe/index.ts';
import { defaultControllers } from '../../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { readManifests } from '../../../../src/engine/yaml/index.ts';
import { loadOracleStore } from './oracle-store.ts';

const { api, shiftedNowMs } = loadOracleStore();

/** The oracle store plus extra objects (events for the fieldPath and aggregation cases). */
function withExtra(extra: KubeObject[]): DescribeSource {
  return {
    get: (kind, ns, name) => api.get(kind, ns, name),
    list: <T extends KubeObject>(kind: string, opts?: { namespace?: string }) => [...api.list<T>(kind, opts), ...(extra.filter((o) => o.kind === kind) as T[])],
  } as DescribeSource;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function podEvent(name: string, reason: string, message: string, fieldPath: string | undefined, firstAgo: number, lastAgo: number, count: number, component = 'kubelet'): KubeObject {
  const pod = api.get('Pod', 'default', 'web-5f8c7d9b44-2xk9p')!;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default', uid: '', creationTimestamp: '' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: 'v1', ...(fieldPath ? { fieldPath } : {}) },
    reason,
    message,
    source: { component },
    firstTimestamp: iso(shiftedNowMs - firstAgo),
    lastTimestamp: iso(shiftedNowMs - lastAgo),
    count,
    type: 'Normal',
  } as unknown as KubeObject;
}

describe('events table', () => {
  it('puts a set involvedObject.fieldPath before the message, and aggregates repeats (reference §1.7)', () => {
    const source = withExtra([
      podEvent('x.1', 'Pulling', 'Pulling image "nginx:1.27"', 'spec.containers{app}', 11_000, 11_000, 1),
      podEvent('x.2', 'Started', 'Container started', 'spec.containers{app}', 600_000, 9_000, 3),
      podEvent('x.3', 'Scheduled', 'Successfully assigned default/web to node-1', undefined, 12_000, 12_000, 1, 'default-scheduler'),
    ]);
    const out = runDescribe(source, shiftedNowMs, ['pod', 'web-5f8c7d9b44-2xk9p']).stdout;
    const table = out.slice(out.indexOf('Events:\n'));
    expect(table).toBe(
      'Events:\n' +
        '  Type    Reason     Age               From               Message\n' +
        '  ----    ------     ----              ----               -------\n' +
        '  Normal  Scheduled  12s               default-scheduler  Successfully assigned default/web to node-1\n' +
        '  Normal  Pulling    11s               kubelet            spec.containers{app}: Pulling image \"nginx:1.27\"\n' +
        '  Normal  Started    9s (x3 over 10m)  kubelet            spec.containers{app}: Container started\n',
    );
  });
});

describe('object selection (kubectl describe command)', () => {
  const one = (name: string) => runDescribe(api, shiftedNowMs, ['pod', name]).stdout;

  it('describes every object whose name starts with a name that does not exist, each followed by a newline', () => {
    const r = runDescribe(api, shiftedNowMs, ['pods', 'pi-']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${one('pi-7wqlb')}\n${one('pi-k2m9d')}\n`);
  });

  it('joins several named objects with a blank line', () => {
    const r = runDescribe(api, shiftedNowMs, ['pod/pi-7wqlb', 'pod/pi-k2m9d']);
    expect(r.stdout).toBe(`${one('pi-7wqlb')}\n\n${one('pi-k2m9d')}`);
  });

  it('describes all objects of a type, filtered by -l', () => {
    const r = runDescribe(api, shiftedNowMs, ['pods', '-l', 'job-name=pi']);
    expect(r.stdout).toBe(`${one('pi-7wqlb')}\n\n${one('pi-k2m9d')}`);
  });

  it('reports NotFound with the resource as the API server names it (recording 43)', () => {
    expect(runDescribe(api, shiftedNowMs, ['deploy', 'nope'])).toEqual({ exitCode: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
  });

  it('rejects an unknown resource type with the discovery error', () => {
    expect(runDescribe(api, shiftedNowMs, ['podz', 'x']).stderr).toBe('error: the server doesn\'t have a resource type "podz"\n');
  });
});

describe('describe on the simulated cluster', () => {
  it('nginx-deployment.yaml: pod, ReplicaSet and Deployment descriptions agree with the cluster state', () => {
    const corpus = join(import.meta.dirname, '../../../../../shared/corpus/kubernetes-website');
    const sim = new Simulation({ controllers: defaultControllers() });
    for (const doc of readManifests(readFileSync(join(corpus, 'nginx-deployment.yaml'), 'utf8')).documents) sim.apply(doc.value as Record<string, unknown>);
    sim.runFor(60_000);
    const now = sim.clock.now();
    const [rs] = sim.api.list('ReplicaSet');
    const [pod] = sim.api.list('Pod');
    const d = runDescribe(sim.api, now, ['deployment', 'nginx-deployment']);
    expect(d.exitCode).toBe(0);
    expect(d.stdout).toContain('Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n');
    expect(d.stdout).toContain(`NewReplicaSet:   ${rs!.metadata.name} (3/3 replicas created)\n`);
    expect(d.stdout).toContain(`deployment-controller  Scaled up replica set ${rs!.metadata.name} from 0 to 3\n`);
    const r = runDescribe(sim.api, now, ['rs', rs!.metadata.name]);
    expect(r.stdout).toContain('Pods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n');
    const p = runDescribe(sim.api, now, ['pod', pod!.metadata.name]);
    expect(p.stdout).toContain(`Controlled By:  ReplicaSet/${rs!.metadata.name}\n`);
    // Container-level kubelet events carry the field path since kubectl 1.35 (reference §1.7).
    expect(p.stdout).toMatch(/kubelet +spec\.containers\{nginx\}: Pulling image "nginx:1\.14\.2"\n/);
    expect(p.stdout).toMatch(/default-scheduler +Successfully assigned default\/nginx-deployment-/);
  });
});
