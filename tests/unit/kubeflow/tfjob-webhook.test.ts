import { describe, expect, it } from 'vitest';
import { validateKubeflowCreate, validateKubeflowUpdate } from '../../../src/engine/validate/kubeflow/index.ts';
import { container, replica, tfjob, tfReplica } from './fixtures.ts';

// Expected messages: reference kubeflow-training.md §1.2, upstream release-1.9 tfjob_webhook.go / _test.go.
const messages = (obj: Parameters<typeof validateKubeflowCreate>[0]) => validateKubeflowCreate(obj).map((e) => e.message);

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('TFJob webhook: metadata.name is a DNS-1035 label', () => {
  it('accepts a valid name', () => {
    expect(messages(tfjob({ Worker: tfReplica() }, {}, 'tfjob-simple'))).toEqual([]);
  });
  it('rejects a name starting with a digit (upstream test "00test")', () => {
    expect(messages(tfjob({ Worker: tfReplica() }, {}, '00test'))).toEqual([
      `metadata.name: Invalid value: "00test": should match: ${DNS1035}`,
    ]);
  });
  it('rejects dots, which a DNS-1123 subdomain would allow', () => {
    expect(messages(tfjob({ Worker: tfReplica() }, {}, 'my.job'))).toEqual([
      `metadata.name: Invalid value: "my.job": should match: ${DNS1035}`,
    ]);
  });
  it('rejects more than 63 characters, accepts exactly 63', () => {
    const long = 'a'.repeat(64);
    expect(messages(tfjob({ Worker: tfReplica() }, {}, long))).toEqual([
      `metadata.name: Invalid value: "${long}": should match: must be no more than 63 characters`,
    ]);
    expect(messages(tfjob({ Worker: tfReplica() }, {}, 'a'.repeat(63)))).toEqual([]);
  });
  it('joins several messages with "," inside one error', () => {
    const long = `1${'a'.repeat(63)}`;
    expect(messages(tfjob({ Worker: tfReplica() }, {}, long))).toEqual([
      `metadata.name: Invalid value: "${long}": should match: must be no more than 63 characters,${DNS1035}`,
    ]);
  });
});

describe('TFJob webhook: spec.tfReplicaSpecs', () => {
  it('is required (a TFJob without spec passes the CRD schema, which does not require spec)', () => {
    const job = tfjob(undefined);
    delete job.spec;
    expect(messages(job)).toEqual(['spec.tfReplicaSpecs: Required value: must be required']);
  });
  it('accepts an empty map: only a nil map fails upstream', () => {
    expect(messages(tfjob({}))).toEqual([]);
  });
});

describe('TFJob webhook: containers', () => {
  it('a replica with no containers gets both container errors (upstream test "no containers")', () => {
    expect(messages(tfjob({ Worker: replica([]) }))).toEqual([
      'spec.tfReplicaSpecs[Worker].template.spec.containers: Required value: must be specified',
      'spec.tfReplicaSpecs[Worker].template.spec.containers: Required value: must have at least one container with name tensorflow',
    ]);
  });
  it('a replica without a template is the same as no containers', () => {
    expect(messages(tfjob({ PS: { replicas: 1 } }))).toEqual([
      'spec.tfReplicaSpecs[PS].template.spec.containers: Required value: must be specified',
      'spec.tfReplicaSpecs[PS].template.spec.containers: Required value: must have at least one container with name tensorflow',
    ]);
  });
  it('every container needs an image (missing or empty), indexed by position', () => {
    expect(messages(tfjob({ Worker: replica([container('tensorflow', null)]) }))).toEqual([
      'spec.tfReplicaSpecs[Worker].template.spec.containers[0].image: Required value: must be required',
    ]);
    expect(messages(tfjob({ Chief: replica([container('tensorflow'), container('sidecar', '')]) }))).toEqual([
      'spec.tfReplicaSpecs[Chief].template.spec.containers[1].image: Required value: must be required',
    ]);
  });
  it('needs a container named tensorflow, anywhere in the list', () => {
    expect(messages(tfjob({ Worker: replica([container('tf')]) }))).toEqual([
      'spec.tfReplicaSpecs[Worker].template.spec.containers: Required value: must have at least one container with name tensorflow',
    ]);
    expect(messages(tfjob({ Worker: replica([container('sidecar'), container('tensorflow')]) }))).toEqual([]);
  });
});

describe('TFJob webhook: Chief and Master', () => {
  it('rejects both a Chief and a Master, after the replica errors', () => {
    expect(messages(tfjob({ Chief: tfReplica(), Master: replica([container('tf')]) }))).toEqual([
      'spec.tfReplicaSpecs[Master].template.spec.containers: Required value: must have at least one container with name tensorflow',
      'spec.tfReplicaSpecs: Forbidden: must not have more than 1 Chief or Master role',
    ]);
  });
  it('accepts one of them, whatever its replica count (roles are counted, not replicas)', () => {
    expect(messages(tfjob({ Chief: tfReplica({ replicas: 2 }), PS: tfReplica(), Worker: tfReplica() }))).toEqual([]);
    expect(messages(tfjob({ Master: tfReplica(), Worker: tfReplica() }))).toEqual([]);
  });
  it('counts exact keys only, so chief + Master slips through (reference §1.2)', () => {
    expect(messages(tfjob({ chief: tfReplica(), Master: tfReplica() }))).toEqual([]);
  });
});

describe('TFJob webhook: runPolicy.managedBy', () => {
  it('accepts the two supported controllers and unset', () => {
    expect(messages(tfjob({ Worker: tfReplica() }, { runPolicy: { managedBy: 'kubeflow.org/training-operator' } }))).toEqual([]);
    expect(messages(tfjob({ Worker: tfReplica() }, { runPolicy: { managedBy: 'kueue.x-k8s.io/multikueue' } }))).toEqual([]);
    expect(messages(tfjob({ Worker: tfReplica() }, { runPolicy: {} }))).toEqual([]);
  });
  it('rejects any other value', () => {
    expect(messages(tfjob({ Worker: tfReplica() }, { runPolicy: { managedBy: 'other-job-controller' } }))).toEqual([
      'spec.runPolicy.managedBy: Unsupported value: "other-job-controller": supported values: "kubeflow.org/training-operator", "kueue.x-k8s.io/multikueue"',
    ]);
  });
  it('is immutable on update (TFJob)', () => {
    const old = tfjob({ Worker: tfReplica() }, { runPolicy: { managedBy: 'kubeflow.org/training-operator' } });
    const changed = tfjob({ Worker: tfReplica() }, { runPolicy: { managedBy: 'kueue.x-k8s.io/multikueue' } });
    const removed = tfjob({ Worker: tfReplica() }, { runPolicy: {} });
    expect(validateKubeflowUpdate(old, old).map((e) => e.message)).toEqual([]);
    expect(validateKubeflowUpdate(old, changed).map((e) => e.message)).toEqual([
      'spec.runPolicy.managedBy: Invalid value: "kueue.x-k8s.io/multikueue": field is immutable',
    ]);
    // Operator v1.9.4 (apimachinery v0.36): a nil pointer prints as null, unquoted (reference §1.2).
    expect(validateKubeflowUpdate(old, removed).map((e) => e.message)).toEqual([
      'spec.runPolicy.managedBy: Invalid value: null: field is immutable',
    ]);
  });
});

describe('TFJob webhook: what it does not check (reference §1.2)', () => {
  it('accepts unknown replica types, any policy strings and 0 replicas', () => {
    expect(messages(tfjob(
      { Foo: tfReplica({ replicas: 0, restartPolicy: 'Sometimes' }), worker: tfReplica() },
      { successPolicy: 'Whatever', runPolicy: { cleanPodPolicy: 'Maybe' } },
    ))).toEqual([]);
  });
});

describe('TFJob webhook: order', () => {
  it('name, then managedBy, then the replica specs, then Chief/Master', () => {
    const job = tfjob(
      { Chief: replica([container('tensorflow', '')]), Master: tfReplica() },
      { runPolicy: { managedBy: 'me' } },
      'Bad',
    );
    expect(validateKubeflowCreate(job).map((e) => e.field)).toEqual([
      'metadata.name',
      'spec.runPolicy.managedBy',
      'spec.tfReplicaSpecs[Chief].template.spec.containers[0].image',
      'spec.tfReplicaSpecs',
    ]);
  });
  it('the errors carry type and path for the editor', () => {
    const [e] = validateKubeflowCreate(tfjob({ Worker: replica([container('tensorflow', null)]) }));
    expect(e).toMatchObject({
      type: 'FieldValueRequired',
      path: ['spec', 'tfReplicaSpecs', { key: 'Worker' }, 'template', 'spec', 'containers', 0, 'image'],
      field: 'spec.tfReplicaSpecs[Worker].template.spec.containers[0].image',
      detail: 'Required value: must be required',
    });
  });
});

describe('other kinds', () => {
  it('are not this webhook’s business', () => {
    expect(validateKubeflowCreate({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: '0' } })).toEqual([]);
    expect(validateKubeflowCreate({ apiVersion: 'kubeflow.org/v1', kind: 'MPIJob', metadata: { name: '0' } })).toEqual([]);
    expect(validateKubeflowCreate({ apiVersion: 'kubeflow.org/v2', kind: 'TFJob', metadata: { name: '0' } })).toEqual([]);
  });
});
