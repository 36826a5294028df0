import { describe, expect, it } from 'vitest';
import {
  kubeflowAdmissionWarnings, validateKubeflowCreate, validateKubeflowUpdate,
} from '../../../src/engine/validate/kubeflow/index.ts';
import { container, ptReplica, pytorchjob, replica } from './fixtures.ts';

// Expected messages: reference kubeflow-training.md §5.1 and §1.2, upstream release-1.9
// pytorchjob_webhook.go / _test.go.
const messages = (obj: Parameters<typeof validateKubeflowCreate>[0]) => validateKubeflowCreate(obj).map((e) => e.message);

/** The usual valid shape: Master ×1 and Worker ×1. */
const masterWorker = () => ({ Master: ptReplica({ replicas: 1 }), Worker: ptReplica({ replicas: 1 }) });

describe('PyTorchJob webhook: name and managedBy (same rules as TFJob)', () => {
  it('valid', () => {
    expect(messages(pytorchjob(masterWorker(), { runPolicy: { managedBy: 'kubeflow.org/training-operator' } }))).toEqual([]);
  });
  it('rejects "0-test" (upstream test) and an unsupported manager', () => {
    expect(messages(pytorchjob(masterWorker(), { runPolicy: { managedBy: 'other-job-controller' } }, '0-test'))).toEqual([
      "metadata.name: Invalid value: \"0-test\": should match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'spec.runPolicy.managedBy: Unsupported value: "other-job-controller": supported values: "kubeflow.org/training-operator", "kueue.x-k8s.io/multikueue"',
    ]);
  });
  it('never reports a managedBy change on update: upstream compares the new object with itself', () => {
    const old = pytorchjob(masterWorker(), { runPolicy: { managedBy: 'kubeflow.org/training-operator' } });
    const changed = pytorchjob(masterWorker(), { runPolicy: { managedBy: 'kueue.x-k8s.io/multikueue' } });
    expect(validateKubeflowUpdate(old, changed)).toEqual([]);
  });
  it('update still applies the create rules', () => {
    const bad = pytorchjob({ Master: ptReplica({ replicas: 2 }) });
    expect(validateKubeflowUpdate(bad, bad).map((e) => e.message)).toEqual([
      'spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1',
    ]);
  });
});

describe('PyTorchJob webhook: spec.pytorchReplicaSpecs', () => {
  it('is required', () => {
    expect(messages(pytorchjob(undefined))).toEqual(['spec.pytorchReplicaSpecs: Required value: must be required']);
  });
  it('accepts only Master and Worker, case-sensitively', () => {
    expect(messages(pytorchjob({ Worker: ptReplica() }))).toEqual([]);
    expect(messages(pytorchjob({ Foo: ptReplica() }))).toEqual([
      'spec.pytorchReplicaSpecs[Foo]: Unsupported value: "Foo": supported values: "Master", "Worker"',
    ]);
    expect(messages(pytorchjob({ worker: ptReplica() }))).toEqual([
      'spec.pytorchReplicaSpecs[worker]: Unsupported value: "worker": supported values: "Master", "Worker"',
    ]);
  });
});

describe('PyTorchJob webhook: containers', () => {
  it('no containers', () => {
    expect(messages(pytorchjob({ Worker: replica([]) }))).toEqual([
      'spec.pytorchReplicaSpecs[Worker].template.spec.containers: Required value: must be specified',
      'spec.pytorchReplicaSpecs[Worker].template.spec.containers: Required value: must have at least one container with name pytorch',
    ]);
  });
  it('image required (upstream test: empty image)', () => {
    expect(messages(pytorchjob({ Worker: replica([container('pytorch', '')]) }))).toEqual([
      'spec.pytorchReplicaSpecs[Worker].template.spec.containers[0].image: Required value: must be required',
    ]);
  });
  it('a container named pytorch is required (upstream test: empty name)', () => {
    expect(messages(pytorchjob({ Worker: replica([container('')]) }))).toEqual([
      'spec.pytorchReplicaSpecs[Worker].template.spec.containers: Required value: must have at least one container with name pytorch',
    ]);
  });
});

describe('PyTorchJob webhook: replicas', () => {
  it('Master must be explicitly 1', () => {
    expect(messages(pytorchjob({ Master: ptReplica({ replicas: 1 }) }))).toEqual([]);
    expect(messages(pytorchjob({ Master: ptReplica({ replicas: 2 }) }))).toEqual([
      'spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1',
    ]);
    // Validation runs before the controller's default of 1.
    expect(messages(pytorchjob({ Master: ptReplica() }))).toEqual([
      'spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1',
    ]);
  });
  it('Worker, if set, must be at least 1', () => {
    expect(messages(pytorchjob({ Worker: ptReplica({ replicas: 3 }) }))).toEqual([]);
    expect(messages(pytorchjob({ Worker: ptReplica() }))).toEqual([]);
    expect(messages(pytorchjob({ Worker: ptReplica({ replicas: 0 }) }))).toEqual([
      'spec.pytorchReplicaSpecs[Worker].replicas: Forbidden: must be at least 1',
    ]);
  });
  it('a lower-case master is only an unsupported type, not a Master', () => {
    expect(messages(pytorchjob({ master: ptReplica({ replicas: 3 }) }))).toEqual([
      'spec.pytorchReplicaSpecs[master]: Unsupported value: "master": supported values: "Master", "Worker"',
    ]);
  });
});

describe('PyTorchJob webhook: elasticPolicy', () => {
  it('needs a Worker', () => {
    expect(messages(pytorchjob({ Worker: ptReplica({ replicas: 2 }) }, { elasticPolicy: { minReplicas: 1, maxReplicas: 2 } }))).toEqual([]);
    expect(messages(pytorchjob({ Master: ptReplica({ replicas: 1 }) }, { elasticPolicy: {} }))).toEqual([
      'spec.pytorchReplicaSpecs[Worker]: Required value: must be configured if elastic policy is used',
    ]);
  });
  it('elasticPolicy.nProcPerNode alone is allowed with a deprecation warning', () => {
    const job = pytorchjob(masterWorker(), { elasticPolicy: { nProcPerNode: 1 } });
    expect(messages(job)).toEqual([]);
    expect(kubeflowAdmissionWarnings(job)).toEqual([
      'spec.elasticPolicy.nProcPerNode is deprecated, use spec.nprocPerNode instead',
    ]);
  });
  it('elasticPolicy.nProcPerNode with spec.nprocPerNode is forbidden (and still warned about)', () => {
    const job = pytorchjob(masterWorker(), { nprocPerNode: '1', elasticPolicy: { nProcPerNode: 1 } });
    expect(messages(job)).toEqual([
      'spec.elasticPolicy.nProcPerNode: Forbidden: must not be used with spec.nprocPerNode',
    ]);
    expect(kubeflowAdmissionWarnings(job)).toEqual([
      'spec.elasticPolicy.nProcPerNode is deprecated, use spec.nprocPerNode instead',
    ]);
  });
  it('spec.nprocPerNode alone: no warning, no error', () => {
    const job = pytorchjob(masterWorker(), { nprocPerNode: '2' });
    expect(messages(job)).toEqual([]);
    expect(kubeflowAdmissionWarnings(job)).toEqual([]);
  });
  it('elastic errors come before the replica-spec errors', () => {
    expect(messages(pytorchjob({ Master: ptReplica() }, { elasticPolicy: {} }))).toEqual([
      'spec.pytorchReplicaSpecs[Worker]: Required value: must be configured if elastic policy is used',
      'spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1',
    ]);
  });
});

describe('PyTorchJob webhook: order within a replica type', () => {
  it('type, containers, images, pytorch container, replicas', () => {
    expect(messages(pytorchjob({ Foo: replica([container('x', '')]), Master: replica([container('pytorch', '')]) }))).toEqual([
      'spec.pytorchReplicaSpecs[Foo]: Unsupported value: "Foo": supported values: "Master", "Worker"',
      'spec.pytorchReplicaSpecs[Foo].template.spec.containers[0].image: Required value: must be required',
      'spec.pytorchReplicaSpecs[Foo].template.spec.containers: Required value: must have at least one container with name pytorch',
      'spec.pytorchReplicaSpecs[Master].template.spec.containers[0].image: Required value: must be required',
      'spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1',
    ]);
  });
  it('TFJobs get no warnings', () => {
    expect(kubeflowAdmissionWarnings({ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', spec: { elasticPolicy: { nProcPerNode: 1 } } })).toEqual([]);
  });
});
