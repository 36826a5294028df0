// CronJob rules: §5.2 of the reference.

import { describe, expect, it } from 'vitest';
import { container, cronJob, messages } from './helpers.ts';

describe('CronJob name (§5.2)', () => {
  it('allows 52 characters and rejects 53', () => {
    expect(messages(cronJob({}, 'a'.repeat(52)))).toEqual([]);
    const name = 'a'.repeat(53);
    expect(messages(cronJob({}, name))).toEqual([`metadata.name: Invalid value: "${name}": must be no more than 52 characters`]);
  });
});

describe('schedule (§5.2, §5.3)', () => {
  it('accepts standard schedules and descriptors', () => {
    for (const schedule of ['*/5 * * * *', '0 9 * * mon-fri', '@hourly', '@every 90m', '0 0 1 jan *']) expect(messages(cronJob({ schedule }))).toEqual([]);
  });

  it('requires a schedule', () => {
    expect(messages(cronJob({ schedule: '' }))).toEqual(['spec.schedule: Required value']);
  });

  it('reports the parser error after the schedule', () => {
    expect(messages(cronJob({ schedule: '* * * *' }))).toEqual(['spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]']);
    expect(messages(cronJob({ schedule: '60 * * * *' }))).toEqual(['spec.schedule: Invalid value: "60 * * * *": end of range (60) above maximum (59): 60']);
  });

  it('rejects TZ in the schedule on create', () => {
    expect(messages(cronJob({ schedule: 'TZ=UTC 0 * * * *' }))).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });
});

describe('timeZone (§5.2)', () => {
  it('accepts IANA zones', () => {
    expect(messages(cronJob({ timeZone: 'Europe/Berlin' }))).toEqual([]);
    expect(messages(cronJob({ timeZone: 'Etc/UTC' }))).toEqual([]);
  });

  it('rejects an empty string', () => {
    expect(messages(cronJob({ timeZone: '' }))).toEqual(['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']);
  });

  it('rejects unknown zones', () => {
    expect(messages(cronJob({ timeZone: 'Mars/Base' }))).toEqual(['spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base']);
    expect(messages(cronJob({ timeZone: 'europe/berlin' }))).toEqual(['spec.timeZone: Invalid value: "europe/berlin": unknown time zone europe/berlin']);
  });

  it('rejects Local in any case, and a second time when it does not load', () => {
    expect(messages(cronJob({ timeZone: 'Local' }))).toEqual([
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
    expect(messages(cronJob({ timeZone: 'local' }))).toEqual([
      'spec.timeZone: Invalid value: "local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      'spec.timeZone: Invalid value: "local": unknown time zone local',
    ]);
  });
});

describe('policies and limits (§5.2)', () => {
  it('accepts Forbid and Replace', () => {
    expect(messages(cronJob({ concurrencyPolicy: 'Forbid' }))).toEqual([]);
    expect(messages(cronJob({ concurrencyPolicy: 'Replace' }))).toEqual([]);
  });

  it('rejects an unknown concurrencyPolicy', () => {
    expect(messages(cronJob({ concurrencyPolicy: 'Never' }))).toEqual([
      'spec.concurrencyPolicy: Unsupported value: "Never": supported values: "Allow", "Forbid", "Replace"',
    ]);
  });

  it('allows 0 but not negative deadlines and history limits', () => {
    expect(messages(cronJob({ startingDeadlineSeconds: 0, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 }))).toEqual([]);
    expect(messages(cronJob({ startingDeadlineSeconds: -1, successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: -2 }))).toEqual([
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.failedJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });
});

describe('jobTemplate (§5.2)', () => {
  const withJobSpec = (spec: Record<string, unknown>) =>
    cronJob({ jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container()] } }, ...spec } } });

  it('applies the Job rules with the jobTemplate prefix', () => {
    expect(messages(cronJob({ jobTemplate: { spec: { template: { spec: { containers: [container()] } } } } }))).toEqual([
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    expect(messages(withJobSpec({ backoffLimit: -1 }))).toEqual(['spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('rejects a selector and manualSelector: true', () => {
    expect(messages(withJobSpec({ selector: { matchLabels: { app: 'x' } } }))).toEqual([
      'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: `selector` will be auto-generated',
    ]);
    expect(messages(withJobSpec({ manualSelector: true }))).toEqual([
      'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"',
    ]);
    expect(messages(withJobSpec({ manualSelector: false }))).toEqual([]);
  });

  it('orders errors as upstream: spec fields, then the name', () => {
    const name = 'x'.repeat(53);
    expect(messages({ ...cronJob({ schedule: '* * * *', concurrencyPolicy: 'Never' }, name) })).toEqual([
      'spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]',
      'spec.concurrencyPolicy: Unsupported value: "Never": supported values: "Allow", "Forbid", "Replace"',
      `metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    ]);
  });
});
