import { describe, expect, it } from 'vitest';
import { required } from '../../../src/engine/validate/field.ts';
import {
  aggregateMessage, formatWarningForKubectl, formatWebhookDenial, validateKubeflowCreate, webhookDenialStatus,
} from '../../../src/engine/validate/kubeflow/index.ts';
import { container, pytorchjob, replica, tfjob } from './fixtures.ts';

// Framing from reference kubeflow-training.md §1.2 ("kubectl error shape") and kubernetes-workloads.md §7.2–7.3:
// apimachinery aggregate, controller-runtime Denied (403 Forbidden), apiserver ToStatusErr, kubectl AddSourceToErr.

describe('webhook denial as kubectl prints it', () => {
  it('one error: printed as is', () => {
    const job = tfjob(undefined);
    expect(formatWebhookDenial(job, validateKubeflowCreate(job), { source: 'tfjob.yaml' })).toBe(
      'Error from server (Forbidden): error when creating "tfjob.yaml": admission webhook "validator.tfjob.training-operator.kubeflow.org" denied the request: spec.tfReplicaSpecs: Required value: must be required',
    );
  });
  it('several errors: one line in brackets, joined by ", "', () => {
    const job = tfjob({ Worker: replica([]) });
    expect(formatWebhookDenial(job, validateKubeflowCreate(job), { source: 'tfjob.yaml' })).toBe(
      'Error from server (Forbidden): error when creating "tfjob.yaml": admission webhook "validator.tfjob.training-operator.kubeflow.org" denied the request: [spec.tfReplicaSpecs[Worker].template.spec.containers: Required value: must be specified, spec.tfReplicaSpecs[Worker].template.spec.containers: Required value: must have at least one container with name tensorflow]',
    );
  });
  it('PyTorchJob denials name the pytorchjob webhook', () => {
    const job = pytorchjob({ Master: replica([container('pytorch')], { replicas: 2 }) });
    expect(formatWebhookDenial(job, validateKubeflowCreate(job), { source: 'pytorch.yaml' })).toBe(
      'Error from server (Forbidden): error when creating "pytorch.yaml": admission webhook "validator.pytorchjob.training-operator.kubeflow.org" denied the request: spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1',
    );
  });
  it('without a source there is no "error when" part; other verbs are passed through', () => {
    const errs = [required(['spec', 'tfReplicaSpecs'], 'must be required')];
    const job = tfjob(undefined);
    expect(formatWebhookDenial(job, errs)).toBe(
      'Error from server (Forbidden): admission webhook "validator.tfjob.training-operator.kubeflow.org" denied the request: spec.tfReplicaSpecs: Required value: must be required',
    );
    expect(formatWebhookDenial(job, errs, { source: 'STDIN', verb: 'replacing' })).toContain('error when replacing "STDIN": admission webhook');
  });
  it('nothing to deny: empty string', () => {
    expect(formatWebhookDenial(tfjob({}), [])).toBe('');
    expect(formatWebhookDenial({ apiVersion: 'batch/v1', kind: 'Job' }, [required(['x'])])).toBe('');
  });
});

describe('ToAggregate', () => {
  it('drops errors whose text repeats, and a list that collapses to one loses its brackets', () => {
    const a = required(['a'], 'x');
    const b = required(['b'], 'y');
    expect(aggregateMessage([a, a])).toBe('a: Required value: x');
    expect(aggregateMessage([a, b, a])).toBe('[a: Required value: x, b: Required value: y]');
    expect(aggregateMessage([])).toBe('');
  });
});

describe('the Status and the warnings', () => {
  it('the denial is a 403 with reason Forbidden', () => {
    expect(webhookDenialStatus('validator.tfjob.training-operator.kubeflow.org', [required(['a'], 'x')])).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'admission webhook "validator.tfjob.training-operator.kubeflow.org" denied the request: a: Required value: x',
      reason: 'Forbidden',
      code: 403,
    });
  });
  it('warnings print as "Warning: <text>"', () => {
    expect(formatWarningForKubectl('spec.elasticPolicy.nProcPerNode is deprecated, use spec.nprocPerNode instead')).toBe(
      'Warning: spec.elasticPolicy.nProcPerNode is deprecated, use spec.nprocPerNode instead',
    );
  });
});
