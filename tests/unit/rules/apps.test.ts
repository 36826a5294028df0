// ReplicaSet and Deployment rules: §2.4 and §3.2 of the reference.

import { describe, expect, it } from 'vitest';
import { deployment, messages, replicaSet, template } from './helpers.ts';

const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

describe.each([
  ['ReplicaSet', replicaSet],
  ['Deployment', deployment],
])('%s selector and template (§2.4)', (_kind, build) => {
  it('accepts a selector matching the template labels', () => {
    expect(messages(build())).toEqual([]);
  });

  it('requires a selector; a missing one matches nothing', () => {
    expect(messages(build({ selector: undefined }))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an empty selector with the "deployment" wording', () => {
    expect(messages(build({ selector: {} }))).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  });

  it('requires the selector to match the template labels, printing them as JSON', () => {
    expect(messages(build({ template: template({ app: 'x', tier: 'fe' }) }))).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"x","tier":"fe"}: `selector` does not match template `labels`',
    ]);
    expect(messages(build({ template: template(null) }))).toEqual([
      'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
    ]);
  });

  it('supports matchExpressions', () => {
    expect(messages(build({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }))).toEqual([]);
  });

  it('reports an uncompilable selector and skips the template', () => {
    expect(messages(build({ selector: { matchLabels: { app: 'we b' } }, template: template({ app: 'x' }, { restartPolicy: 'Never' }) }))).toEqual([
      "spec.selector.matchLabels: Invalid value: \"we b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      'spec.selector: Invalid value: {"matchLabels":{"app":"we b"}}: invalid label selector',
    ]);
  });

  it('allows only restartPolicy Always in the template', () => {
    expect(messages(build({ template: template({ app: 'web' }, { restartPolicy: 'Always' }) }))).toEqual([]);
    expect(messages(build({ template: template({ app: 'web' }, { restartPolicy: 'Never' }) }))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('forbids activeDeadlineSeconds in the template ("ReplicaSet" wording for both)', () => {
    expect(messages(build({ template: template({ app: 'web' }, { activeDeadlineSeconds: 30 }) }))).toEqual([
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('requires non-negative replicas', () => {
    expect(messages(build({ replicas: 0 }))).toEqual([]);
    expect(messages(build({ replicas: -1 }))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('requires non-negative minReadySeconds', () => {
    expect(messages(build({ minReadySeconds: -5 }))).toEqual(['spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0']);
  });
});

describe('Deployment strategy (§3.2)', () => {
  it('accepts Recreate and RollingUpdate with ints or percents', () => {
    expect(messages(deployment({ strategy: { type: 'Recreate' } }))).toEqual([]);
    expect(messages(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '50%' } } }))).toEqual([]);
    expect(messages(deployment({ strategy: { rollingUpdate: { maxSurge: '200%', maxUnavailable: 0 } } }))).toEqual([]);
  });

  it('forbids rollingUpdate with Recreate', () => {
    expect(messages(deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }))).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
  });

  it('rejects an unknown strategy type, printing the internal struct', () => {
    expect(messages(deployment({ strategy: { type: 'Blue' } }))).toEqual([
      'spec.strategy: Unsupported value: {"Type":"Blue","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('rejects both maxSurge and maxUnavailable being 0', () => {
    expect(messages(deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
    expect(messages(deployment({ strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: '0%' } } }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('caps maxUnavailable at 100%', () => {
    expect(messages(deployment({ strategy: { rollingUpdate: { maxUnavailable: '120%' } } }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%',
    ]);
  });

  it('rejects strings that are not percents; a bad string counts as 0', () => {
    expect(messages(deployment({ strategy: { rollingUpdate: { maxSurge: 'abc' } } }))).toEqual([
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: "abc": ${PERCENT_MSG}`,
    ]);
    expect(messages(deployment({ strategy: { rollingUpdate: { maxSurge: 'abc', maxUnavailable: 0 } } }))).toEqual([
      `spec.strategy.rollingUpdate.maxSurge: Invalid value: "abc": ${PERCENT_MSG}`,
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('rejects negative ints', () => {
    expect(messages(deployment({ strategy: { rollingUpdate: { maxSurge: -1 } } }))).toEqual([
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});

describe('Deployment limits', () => {
  it('requires a non-negative revisionHistoryLimit (0 is fine)', () => {
    expect(messages(deployment({ revisionHistoryLimit: 0 }))).toEqual([]);
    expect(messages(deployment({ revisionHistoryLimit: -1 }))).toEqual([
      'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('requires progressDeadlineSeconds > minReadySeconds', () => {
    expect(messages(deployment({ progressDeadlineSeconds: 11, minReadySeconds: 10 }))).toEqual([]);
    expect(messages(deployment({ progressDeadlineSeconds: 5, minReadySeconds: 10 }))).toEqual([
      'spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
    ]);
  });

  it('reports errors in upstream order', () => {
    expect(messages(deployment({ replicas: -1, strategy: { type: 'Blue' }, progressDeadlineSeconds: 5, minReadySeconds: 10, template: template({ app: 'web' }, { restartPolicy: 'Never' }) }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.strategy: Unsupported value: {"Type":"Blue","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
      'spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds',
    ]);
  });
});
