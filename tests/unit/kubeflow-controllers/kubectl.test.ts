// kubectl on the objects the Training Operator controllers make: `get tfjobs|pytorchjobs` (the CRDs'
// additionalPrinterColumns, reference §6), `get services` (kubernetes printers.go printService), and
// `describe tfjob` / `describe service` on a running simulation (the generic describer and describeService, whose
// byte-for-byte form is checked against the kubectl recordings in describe-golden.test.ts).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/kinds.ts';
import { runDescribe } from '../../../src/engine/kubectl/describe/index.ts';
import { runGet } from '../../../src/engine/kubectl/get.ts';
import { camelCaseSplit, goValue, smartLabelFor } from '../../../src/engine/kubectl/describe/training-job.ts';
import { apply, behave, cluster, corpusManifest, duration, pod, runUntil, tfjob } from './helpers.ts';

describe('kubectl get tfjobs / pytorchjobs (§6)', () => {
  it('STATE is the type of the last condition, and empty before the first status write', () => {
    const quiet = cluster([]);
    apply(quiet, tfjob('new', { Worker: {} }));
    quiet.runFor(5_000);
    expect(runGet(quiet.api, quiet.now(), ['tfjobs']).stdout).toBe('NAME   STATE   AGE\nnew            5s\n');

    const sim = cluster();
    apply(sim, behave(corpusManifest('tensorflow_simple.yaml'), 'Worker', duration('0=30s,*=forever')));
    apply(sim, behave(corpusManifest('pytorch_simple.yaml'), '*', duration('forever')));
    sim.runFor(10_000);
    expect(runGet(sim.api, sim.now(), ['tfjobs', '-n', 'kubeflow']).stdout).toBe('NAME           STATE     AGE\ntfjob-simple   Running   10s\n');
    sim.runFor(50_000);
    expect(runGet(sim.api, sim.now(), ['tfjobs', '-n', 'kubeflow', '-o', 'wide']).stdout).toBe('NAME           STATE       AGE\ntfjob-simple   Succeeded   60s\n');
    expect(runGet(sim.api, sim.now(), ['pytorchjobs', '-n', 'kubeflow']).stdout).toBe('NAME             STATE     AGE\npytorch-simple   Running   60s\n');
  });
});

describe('kubectl get services (printService)', () => {
  it('a headless Service: CLUSTER-IP None, EXTERNAL-IP <none>, the port, and its selector with -o wide', () => {
    const sim = cluster();
    apply(sim, tfjob('t', { Worker: { annotations: duration('forever') } }));
    sim.runFor(2_000);
    expect(runGet(sim.api, sim.now(), ['svc']).stdout).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE\n' +
      't-worker-0   ClusterIP   None         <none>        2222/TCP   2s\n',
    );
    const wide = runGet(sim.api, sim.now(), ['svc', '-o', 'wide']).stdout.split('\n')[1];
    expect(wide).toMatch(/ {3}training\.kubeflow\.org\/job-name=t,training\.kubeflow\.org\/operator-name=tfjob-controller,training\.kubeflow\.org\/replica-index=0,training\.kubeflow\.org\/replica-type=worker$/);
  });
});

describe('kubectl describe on a simulation', () => {
  it('describe tfjob: the generic layout with the spec as submitted, the status the controller wrote and its events', () => {
    const sim = cluster();
    apply(sim, tfjob('d', { Worker: { replicas: 2, annotations: duration('forever') } }));
    expect(runUntil(sim, () => !!sim.api.get('TFJob', 'default', 'd')?.status?.replicaStatuses && (sim.api.get('TFJob', 'default', 'd')!.status!.replicaStatuses as { Worker: { active?: number } }).Worker.active === 2)).toBe(true);
    const out = runDescribe(sim.api, sim.now(), ['tfjob', 'd']).stdout;
    expect(out).toMatch(/^Name:         d\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  kubeflow\.org\/v1\nKind:         TFJob\nMetadata:\n/);
    expect(out).toContain('\nSpec:\n  Tf Replica Specs:\n    Worker:\n      Replicas:  2\n      Template:\n');
    expect(out).toContain('  Replica Statuses:\n    Worker:\n      Active:  2\n');
    expect(out).toContain('    Reason:                TFJobRunning\n    Status:                True\n    Type:                  Running\n');
    expect(out).toMatch(/\n {2}Normal {2}SuccessfulCreateService {2}\S+ +tfjob-controller {2}Created service: d-worker-1\n$/);
  });

  it('describe service: the ready pod behind it as the endpoint; none once the pod is gone', () => {
    const sim = cluster();
    apply(sim, tfjob('e', { Worker: { annotations: duration('30s') } }));
    expect(runUntil(sim, () => pod(sim, 'e-worker-0')?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true)).toBe(true);
    const ip = (pod(sim, 'e-worker-0') as Pod).status!.podIP!;
    expect(runDescribe(sim.api, sim.now(), ['service', 'e-worker-0']).stdout).toContain(`\nPort:                     tfjob-port  2222/TCP\nTargetPort:               2222/TCP\nEndpoints:                ${ip}:2222\nSession Affinity:         None\n`);
    sim.runFor(60_000);
    // A Succeeded pod of a restartPolicy Never/OnFailure replica is no endpoint; the slice is empty.
    expect(runDescribe(sim.api, sim.now(), ['service', 'e-worker-0']).stdout).toContain('\nEndpoints:                \nSession Affinity:');
  });
});

describe("the generic describer's field names and values (kubectl pkg/describe smartLabelFor, fatih/camelcase)", () => {
  it('splits camelCase and keeps acronyms', () => {
    expect(camelCaseSplit('tfReplicaSpecs')).toEqual(['tf', 'Replica', 'Specs']);
    expect(camelCaseSplit('PDFLoader')).toEqual(['PDF', 'Loader']);
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('PS')).toBe('Ps');
    expect(smartLabelFor('ttlSecondsAfterFinished')).toBe('Ttl Seconds After Finished');
    expect(smartLabelFor('nvidia.com/gpu')).toBe('nvidia.com/gpu');
  });
  it("prints values as Go's %v", () => {
    expect(goValue(null)).toBe('<nil>');
    expect(goValue(false)).toBe('false');
    expect(goValue(0.5)).toBe('0.5');
    expect(goValue(1234567.5)).toBe('1.2345675e+06');
    expect(goValue(['a', 'b'])).toBe('[a b]');
    expect(goValue({ b: 1, a: 'x' })).toBe('map[a:x b:1]');
  });
});
