// Problems point at the right line and column of a multi-document file, with the API server's words.
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../../../src/engine/validate/validate-manifests.ts';

const text = `# a learner's file
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  parallelism: -1
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        cmmand: ["nginx"]
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox
    ports:
    - containerPort: "eighty"
---
apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: ddp
spec:
  pytorchReplicaSpecs:
    Master:
      replicas: 2
      template:
        spec:
          containers:
          - name: pytorch
            image: pytorch/pytorch:2.4.0
---
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: old
`;

describe('validateManifests', () => {
  const check = validateManifests(text);
  const byDoc = (i: number) => check.problems.filter((p) => p.document === i);

  it('reports a Job without restartPolicy at the template spec, and a negative parallelism at its key', () => {
    expect(byDoc(0)).toEqual([
      { document: 0, kind: 'Job', name: 'pi', field: 'spec.parallelism', type: 'FieldValueInvalid',
        message: 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0', line: 7, column: 3 },
      { document: 0, kind: 'Job', name: 'pi', field: 'spec.template.spec.restartPolicy', type: 'FieldValueRequired',
        message: 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"', line: 9, column: 5 },
    ]);
  });

  it('reports an unknown field in strict decoding at its key', () => {
    expect(byDoc(1)).toEqual([
      { document: 1, kind: 'Deployment', name: 'web', field: 'spec.template.spec.containers[0].cmmand', type: 'UnknownField',
        message: 'unknown field "spec.template.spec.containers[0].cmmand"', line: 29, column: 9 },
    ]);
  });

  it('reports a wrong JSON type as the decoding error kubectl shows', () => {
    const [p] = byDoc(2);
    expect(p.type).toBe('FieldValueTypeInvalid');
    expect(p.message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
    expect([p.line, p.column]).toEqual([40, 7]);
  });

  it("reports the Training Operator webhook's rule for Master replicas", () => {
    expect(byDoc(3)).toMatchObject([
      { kind: 'PyTorchJob', field: 'spec.pytorchReplicaSpecs[Master].replicas', type: 'FieldValueForbidden',
        message: 'spec.pytorchReplicaSpecs[Master].replicas: Forbidden: must be 1', line: 49, column: 7 },
    ]);
  });

  it('reports a removed API version at the kind', () => {
    expect(byDoc(4)).toMatchObject([
      { type: 'NoKindMatch', message: 'no matches for kind "CronJob" in version "batch/v1beta1"', line: 57, column: 1 },
    ]);
  });

  it('keeps every problem inside the file', () => {
    const lines = text.split('\n').length;
    for (const p of check.problems) expect(p.line).toBeGreaterThanOrEqual(1), expect(p.line).toBeLessThanOrEqual(lines);
  });
});
