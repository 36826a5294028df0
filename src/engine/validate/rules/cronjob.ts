// CronJob validation on create (batch validation.go ValidateCronJobCreate, validateCronJobSpec,
// validateScheduleFormat, validateTimeZone, ValidateJobTemplateSpec).

import { invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { byteLength, nameIsDNSSubdomain } from './formats.ts';
import { child, isObj, obj, optNum, optStr, orderedJSON, str, type Obj } from './access.ts';
import { labelSelectorJSON, validateObjectMeta } from './meta.ts';
import { validateJobSpecCommon } from './job.ts';
import { parseStandard } from '../../cron/parse-schedule.ts';
import { loadLocation } from '../../cron/time-zone.ts';

const NEGATIVE = 'must be greater than or equal to 0';

function validateScheduleFormat(schedule: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const parsed = parseStandard(schedule);
  if (!parsed.ok) errs.push(invalid(path, schedule, parsed.error));
  // rejected on create since 1.29: only an existing object may keep TZ in its schedule
  if (schedule.includes('TZ')) errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(timeZone: string | undefined, path: FieldPath): FieldError[] {
  if (timeZone === undefined) return [];
  const shown = orderedJSON(timeZone);
  if (timeZone.length === 0) return [invalid(path, shown, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/'))
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part))
      return [invalid(path, shown, `unknown time zone ${timeZone}`)];
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === 'local')
    errs.push(invalid(path, shown, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const loc = loadLocation(timeZone);
  if (!loc.ok) errs.push(invalid(path, shown, loc.error));
  return errs;
}

function validateJobTemplateSpec(template: unknown, path: FieldPath): FieldError[] {
  const t = obj(template) ?? {};
  const spec = obj(t['spec']) ?? {};
  const errs = validateJobSpecCommon(spec, child(path, 'spec'));
  if (isObj(spec['selector']))
    errs.push(invalid(child(path, 'spec', 'selector'), labelSelectorJSON(spec['selector']), '`selector` will be auto-generated'));
  if (spec['manualSelector'] === true) errs.push(notSupported(child(path, 'spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

export function validateCronJob(cronJob: Obj): FieldError[] {
  const meta = obj(cronJob['metadata']) ?? {};
  const spec = obj(cronJob['spec']) ?? {};
  const path = ['spec'];
  const errs = validateObjectMeta(meta, nameIsDNSSubdomain);
  const schedule = str(spec['schedule']);
  if (schedule.length === 0) errs.push(required(child(path, 'schedule')));
  else errs.push(...validateScheduleFormat(schedule, child(path, 'schedule')));
  const sds = optNum(spec['startingDeadlineSeconds']);
  if (sds !== undefined && sds < 0) errs.push(invalid(child(path, 'startingDeadlineSeconds'), sds, NEGATIVE));
  errs.push(...validateTimeZone(optStr(spec['timeZone']), child(path, 'timeZone')));
  const policy = str(spec['concurrencyPolicy']);
  if (policy === '') errs.push(required(child(path, 'concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy))
    errs.push(notSupported(child(path, 'concurrencyPolicy'), orderedJSON(policy), ['Allow', 'Forbid', 'Replace']));
  errs.push(...validateJobTemplateSpec(spec['jobTemplate'], child(path, 'jobTemplate')));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const v = optNum(spec[f]);
    if (v !== undefined && v < 0) errs.push(invalid(child(path, f), v, NEGATIVE));
  }
  // Job names are <cronjob>-<11-character suffix> and must fit in 63 characters
  const name = str(meta['name']);
  if (byteLength(name) > 52) errs.push(invalid(['metadata', 'name'], name, 'must be no more than 52 characters'));
  return errs;
}
