// Job rules: §4.2 and §4.3 of the reference (batch validation.go).

import { describe, expect, it } from 'vitest';
import { UID, container, job, jobTemplate, messages } from './helpers.ts';

const indexed = (spec: Record<string, unknown> = {}) => job({ completionMode: 'Indexed', completions: 5, parallelism: 2, ...spec });

describe('restartPolicy (§4.3)', () => {
  it('accepts OnFailure and Never', () => {
    expect(messages(job({ template: jobTemplate({ restartPolicy: 'OnFailure' }) }))).toEqual([]);
    expect(messages(job())).toEqual([]);
  });

  it('calls an omitted or Always restartPolicy a missing value', () => {
    const missing = ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'];
    expect(messages(job({ template: { spec: { containers: [container()] } } }))).toEqual(missing);
    expect(messages(job({ template: jobTemplate({ restartPolicy: 'Always' }) }))).toEqual(missing);
  });

  it('rejects other values (the pod spec check speaks first)', () => {
    expect(messages(job({ template: jobTemplate({ restartPolicy: 'Sometimes' }) }))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]);
  });
});

describe('counts and durations (§4.3)', () => {
  it('accepts zero', () => {
    expect(messages(job({ parallelism: 0, completions: 0, backoffLimit: 0, ttlSecondsAfterFinished: 0, activeDeadlineSeconds: 0 }))).toEqual([]);
  });

  it.each(['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'])('rejects a negative %s', (f) => {
    expect(messages(job({ [f]: -1 }))).toEqual([`spec.${f}: Invalid value: -1: must be greater than or equal to 0`]);
  });

  it('joins several errors in upstream order', () => {
    expect(messages(job({ parallelism: -1, template: { spec: { containers: [container()] } } }))).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });
});

describe('completion mode (§4.3)', () => {
  it('accepts an Indexed Job with completions', () => {
    expect(messages(indexed())).toEqual([]);
  });

  it('rejects unknown modes', () => {
    expect(messages(job({ completionMode: 'Ordered' }))).toEqual([
      'spec.completionMode: Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"',
    ]);
  });

  it('requires completions when Indexed', () => {
    expect(messages(job({ completionMode: 'Indexed', parallelism: 2 }))).toEqual(['spec.completions: Required value: when completion mode is Indexed']);
  });

  it('caps parallelism at 100000 when Indexed', () => {
    expect(messages(indexed({ parallelism: 100001 }))).toEqual([
      'spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed',
    ]);
  });

  it('needs <name>-<completions-1> to be a DNS label', () => {
    const name = 'a'.repeat(62);
    expect(messages(job({ completionMode: 'Indexed', completions: 10 }, 'a'.repeat(61)))).toEqual([]);
    expect(messages(job({ completionMode: 'Indexed', completions: 100 }, name))).toEqual([
      `metadata.name: Invalid value: "${name}": will not able to create pod with invalid DNS label: ${name}-99`,
    ]);
  });
});

describe('backoffLimitPerIndex and maxFailedIndexes (§4.3)', () => {
  it('accepts them on an Indexed Job', () => {
    expect(messages(indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 5 }))).toEqual([]);
  });

  it('require Indexed completion mode', () => {
    expect(messages(job({ backoffLimitPerIndex: 1, maxFailedIndexes: 1 }))).toEqual([
      'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
      'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode',
    ]);
  });

  it('needs backoffLimitPerIndex for maxFailedIndexes', () => {
    expect(messages(indexed({ maxFailedIndexes: 1 }))).toEqual(['spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified']);
  });

  it('bounds maxFailedIndexes by completions', () => {
    expect(messages(indexed({ backoffLimitPerIndex: 1, maxFailedIndexes: 6 }))).toEqual([
      'spec.maxFailedIndexes: Invalid value: 6: must be less than or equal to completions',
    ]);
  });

  it('rejects negative values', () => {
    expect(messages(indexed({ backoffLimitPerIndex: -1 }))).toEqual(['spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('has extra limits above 100000 completions', () => {
    expect(messages(indexed({ completions: 100001, parallelism: 10001, backoffLimitPerIndex: 1 }))).toEqual([
      'spec.maxFailedIndexes: Required value: must be specified when completions is above 100000',
      'spec.parallelism: Invalid value: 10001: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index',
    ]);
  });
});

describe('podFailurePolicy (§4.3)', () => {
  const withPolicy = (rules: unknown[], spec: Record<string, unknown> = {}) => job({ podFailurePolicy: { rules }, ...spec });

  it('accepts exit-code and pod-condition rules (status defaults to True)', () => {
    expect(
      messages(withPolicy([
        { action: 'FailJob', onExitCodes: { containerName: 'app', operator: 'In', values: [42] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
      ])),
    ).toEqual([]);
  });

  it('needs restartPolicy Never', () => {
    expect(messages(withPolicy([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }], { template: jobTemplate({ restartPolicy: 'OnFailure' }) }))).toEqual([
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it('requires a known action', () => {
    expect(messages(withPolicy([{ action: '', onExitCodes: { operator: 'In', values: [1] } }, { action: 'Foo', onExitCodes: { operator: 'In', values: [1] } }]))).toEqual([
      'spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]',
      'spec.podFailurePolicy.rules[1].action: Unsupported value: "Foo": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
    ]);
  });

  it('needs backoffLimitPerIndex for FailIndex', () => {
    expect(messages(withPolicy([{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }]))).toEqual([
      'spec.podFailurePolicy.rules[0].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
    ]);
  });

  it('needs exactly one of onExitCodes and onPodConditions', () => {
    expect(messages(withPolicy([{ action: 'Count' }, { action: 'Count', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'Ready' }] }]))).toEqual([
      'spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
      'spec.podFailurePolicy.rules[1]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported',
    ]);
  });

  it('checks onExitCodes', () => {
    expect(messages(withPolicy([{ action: 'Count', onExitCodes: { containerName: 'x', values: [2, 1, 1, 0] } }]))).toEqual([
      'spec.podFailurePolicy.rules[0].onExitCodes.operator: Required value: valid values: ["In" "NotIn"]',
      'spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: "x": must be one of the container or initContainer names in the pod template',
      'spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 1',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [2,1,1,0]: must be ordered',
    ]);
    expect(messages(withPolicy([{ action: 'Count', onExitCodes: { operator: 'In', values: [0, 1] } }]))).toEqual([
      'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
    ]);
    expect(messages(withPolicy([{ action: 'Count', onExitCodes: { operator: 'Maybe', values: [] } }]))).toEqual([
      'spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: "Maybe": supported values: "In", "NotIn"',
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []: at least one value is required',
    ]);
    expect(messages(withPolicy([{ action: 'Count', onExitCodes: { operator: 'NotIn' } }]))).toEqual([
      'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: null: at least one value is required',
    ]);
  });

  it('checks onPodConditions status', () => {
    expect(messages(withPolicy([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }]))).toEqual([
      'spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
    ]);
  });

  it('allows at most 20 rules', () => {
    const rule = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] };
    expect(messages(withPolicy(Array.from({ length: 20 }, () => rule)))).toEqual([]);
    expect(messages(withPolicy(Array.from({ length: 21 }, () => rule)))).toEqual([
      'spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items',
    ]);
  });

  it('allows only podReplacementPolicy Failed with a pod failure policy', () => {
    const rules = [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }];
    expect(messages(withPolicy(rules, { podReplacementPolicy: 'Failed' }))).toEqual([]);
    expect(messages(withPolicy(rules, { podReplacementPolicy: 'TerminatingOrFailed' }))).toEqual([
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
    ]);
  });
});

describe('podReplacementPolicy', () => {
  it('accepts both values without a pod failure policy', () => {
    expect(messages(job({ podReplacementPolicy: 'Failed' }))).toEqual([]);
    expect(messages(job({ podReplacementPolicy: 'Sometimes' }))).toEqual([
      'spec.podReplacementPolicy: Unsupported value: "Sometimes": supported values: "Failed", "TerminatingOrFailed"',
    ]);
  });
});

describe('successPolicy (§4.3)', () => {
  it('accepts rules on an Indexed Job', () => {
    expect(messages(indexed({ successPolicy: { rules: [{ succeededIndexes: '0,2-3', succeededCount: 1 }] } }))).toEqual([]);
  });

  it('requires Indexed completion mode, printing the internal struct', () => {
    expect(messages(job({ successPolicy: { rules: [{ succeededIndexes: '0-2' }] } }))).toEqual([
      'spec.successPolicy: Invalid value: {"Rules":[{"SucceededIndexes":"0-2","SucceededCount":null}]}: requires indexed completion mode',
    ]);
  });

  it('needs at least one rule and at most 20', () => {
    expect(messages(indexed({ successPolicy: { rules: [] } }))).toEqual([
      'spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified',
    ]);
    expect(messages(indexed({ successPolicy: { rules: Array.from({ length: 21 }, () => ({ succeededCount: 1 })) } }))).toEqual([
      'spec.successPolicy.rules: Too many: 21: must have at most 20 items',
    ]);
  });

  it('needs each rule to say something', () => {
    expect(messages(indexed({ successPolicy: { rules: [{}] } }))).toEqual([
      'spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified',
    ]);
  });

  it('parses succeededIndexes and bounds succeededCount', () => {
    expect(messages(indexed({ successPolicy: { rules: [{ succeededIndexes: '7' }] } }))).toEqual([
      'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "7": error parsing succeededIndexes: too large index: "7"',
    ]);
    expect(messages(indexed({ successPolicy: { rules: [{ succeededIndexes: '1-2', succeededCount: 6 }] } }))).toEqual([
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)',
      'spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)',
    ]);
  });
});

describe('managedBy (§4.3)', () => {
  it('accepts a domain-prefixed path', () => {
    expect(messages(job({ managedBy: 'kueue.x-k8s.io/multikueue' }))).toEqual([]);
  });

  it('rejects other forms and long values', () => {
    expect(messages(job({ managedBy: 'kueue' }))).toEqual(['spec.managedBy: Invalid value: "kueue": must be a domain-prefixed path (such as "acme.io/foo")']);
    const long = `example.com/${'a'.repeat(60)}`;
    expect(messages(job({ managedBy: long }))).toEqual(['spec.managedBy: Too long: may not be more than 63 bytes']);
  });
});

describe('generated selector and labels (§4.2)', () => {
  it('rejects a generated label the user set to another value', () => {
    const labels = { app: 'x', 'controller-uid': 'other' };
    expect(messages(job({ template: jobTemplate({}, labels) }))).toEqual([
      `spec.template.metadata.labels[controller-uid]: Invalid value: {"app":"x","batch.kubernetes.io/controller-uid":"${UID}","batch.kubernetes.io/job-name":"pi","controller-uid":"other","job-name":"pi"}: must be '${UID}'`,
    ]);
  });

  it('rejects a user selector without manualSelector', () => {
    expect(messages(job({ selector: { matchLabels: { app: 'x' } }, template: jobTemplate({}, { app: 'x' }) }))).toEqual([
      `spec.selector: Invalid value: {"matchLabels":{"app":"x","batch.kubernetes.io/controller-uid":"${UID}"}}: \`selector\` not auto-generated`,
    ]);
  });

  it('lets manualSelector jobs choose, but then requires a selector', () => {
    expect(messages(job({ manualSelector: true, selector: { matchLabels: { app: 'x' } }, template: jobTemplate({}, { app: 'x' }) }))).toEqual([]);
    expect(messages(job({ manualSelector: true, template: jobTemplate({}, { a: 'b' }) }))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"a":"b"}: `selector` does not match template `labels`',
    ]);
  });

  it('limits the Job name to 63 characters through the job-name label values', () => {
    const name = 'a'.repeat(64);
    const tooLong = `spec.template.labels: Invalid value: "${name}": must be no more than 63 bytes`;
    expect(messages(job({}, 'a'.repeat(63)))).toEqual([]);
    // job-name and batch.kubernetes.io/job-name; kubectl shows the repeated line once
    expect(messages(job({}, name))).toEqual([tooLong, tooLong]);
  });
});
