// Job validation (batch validation.go ValidateJob, validateGeneratedSelector, ValidateJobSpec,
// validateJobSpec, validatePodFailurePolicy*, validateSuccessPolicy*, validatePodReplacementPolicy).
// validateJobSpec is shared with the CronJob's jobTemplate.

import { duplicate, goQuote, invalid, invalidNoValue, notSupported, required, tooLong, tooMany, type FieldError, type FieldPath } from '../field.ts';
import { byteLength, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, regexError } from './formats.ts';
import { child, isObj, key, list, obj, objList, optNum, optStr, orderedJSON, str, strMap, type Obj } from './access.ts';
import {
  labelMapJSON, labelSelectorAsSelector, labelSelectorJSON, selectorMatches, validateLabelSelector, validateObjectMeta,
} from './meta.ts';
import { validatePodTemplateSpec } from './pod-spec.ts';
import { containerNames } from './containers.ts';

const NEGATIVE = 'must be greater than or equal to 0';
const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10000;

/** %q of a sorted list, as fmt prints []string: ["A" "B"]. */
function quotedList(values: string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

function validateOnExitCodes(req: Obj, path: FieldPath, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(req['operator']);
  if (op === '') errs.push(required(child(path, 'operator'), `valid values: ${quotedList(['In', 'NotIn'])}`));
  else if (op !== 'In' && op !== 'NotIn') errs.push(notSupported(child(path, 'operator'), orderedJSON(op), ['In', 'NotIn']));
  const containerName = optStr(req['containerName']);
  if (containerName !== undefined && !names.has(containerName))
    errs.push(invalid(child(path, 'containerName'), containerName, 'must be one of the container or initContainer names in the pod template'));
  const valuesPath = child(path, 'values');
  const raw = req['values'];
  const values = list(raw).map((v) => (typeof v === 'number' ? v : 0));
  if (values.length === 0) errs.push(invalid(valuesPath, orderedJSON(Array.isArray(raw) ? [] : null), 'at least one value is required'));
  else if (values.length > 255) errs.push(tooMany(valuesPath, values.length, 255));
  let ordered = true;
  const seen = new Set<number>();
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) errs.push(invalid(child(valuesPath, j), v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(child(valuesPath, j), v));
    else seen.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) errs.push(invalid(valuesPath, orderedJSON(values), 'must be ordered'));
  return errs;
}

function validateOnPodConditions(patterns: Obj[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > 20) errs.push(tooMany(path, patterns.length, 20));
  patterns.forEach((pattern, j) => {
    const p = child(path, j);
    const type = str(pattern['type']);
    for (const m of isQualifiedName(type)) errs.push(invalid(child(p, 'type'), type, m));
    const status = str(pattern['status']);
    if (status === '') errs.push(required(child(p, 'status'), `valid values: ${quotedList(['False', 'True', 'Unknown'])}`));
    else if (!['False', 'True', 'Unknown'].includes(status))
      errs.push(notSupported(child(p, 'status'), orderedJSON(status), ['False', 'True', 'Unknown']));
  });
  return errs;
}

function validatePodFailurePolicy(spec: Obj, policy: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const rules = objList(policy['rules']);
  const rulesPath = child(path, 'rules');
  if (rules.length > 20) errs.push(tooMany(rulesPath, rules.length, 20));
  const names = containerNames(obj(obj(spec['template'])?.['spec']) ?? {});
  rules.forEach((rule, i) => {
    const rulePath = child(rulesPath, i);
    const actionPath = child(rulePath, 'action');
    const action = str(rule['action']);
    if (action === '') errs.push(required(actionPath, `valid values: ${quotedList(ACTIONS)}`));
    else if (action === 'FailIndex') {
      if (spec['backoffLimitPerIndex'] === undefined || spec['backoffLimitPerIndex'] === null)
        errs.push(invalid(actionPath, orderedJSON(action), 'requires the backoffLimitPerIndex to be set'));
    } else if (!ACTIONS.includes(action)) errs.push(notSupported(actionPath, orderedJSON(action), ACTIONS));
    const onExitCodes = obj(rule['onExitCodes']);
    const onPodConditions = objList(rule['onPodConditions']);
    if (onExitCodes) errs.push(...validateOnExitCodes(onExitCodes, child(rulePath, 'onExitCodes'), names));
    if (onPodConditions.length > 0) errs.push(...validateOnPodConditions(onPodConditions, child(rulePath, 'onPodConditions')));
    if (onExitCodes && onPodConditions.length > 0)
      errs.push(invalidNoValue(rulePath, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!onExitCodes && onPodConditions.length === 0)
      errs.push(invalidNoValue(rulePath, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

/** validateIndexesFormat: "1,3-5" style lists; returns the number of indexes or an error text. */
export function parseIndexes(text: string, completions: number): { total: number } | { error: string } {
  if (text.length === 0) return { total: 0 };
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2)
      return { error: `the fragment ${goQuote(interval)} violates the requirement that an index interval can have at most two parts separated by '-'` };
    const x = atoi(limits[0]!);
    if (x === null) return { error: `cannot convert string to integer for index: ${goQuote(limits[0]!)}` };
    if (x >= completions) return { error: `too large index: ${goQuote(limits[0]!)}` };
    let y = x;
    if (limits.length > 1) {
      const v = atoi(limits[1]!);
      if (v === null) return { error: `cannot convert string to integer for index: ${goQuote(limits[1]!)}` };
      if (v >= completions) return { error: `too large index: ${goQuote(limits[1]!)}` };
      if (x >= v) return { error: `non-increasing order, previous: ${x}, current: ${v}` };
      y = v;
    }
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total += y - x + 1;
    last = y;
  }
  return { total };
}

/** strconv.Atoi: optional sign, decimal digits, within int64. */
function atoi(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n > 9223372036854775807n || n < -9223372036854775808n ? null : Number(n);
}

/** The internal batch.SuccessPolicy as encoding/json prints it (Go field names). */
function successPolicyJSON(policy: Obj): { rendered: string } {
  const rules = policy['rules'];
  return orderedJSON({
    Rules: Array.isArray(rules)
      ? objList(rules).map((r) => ({ SucceededIndexes: optStr(r['succeededIndexes']) ?? null, SucceededCount: optNum(r['succeededCount']) ?? null }))
      : null,
  });
}

function validateSuccessPolicy(spec: Obj, policy: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const rules = objList(policy['rules']);
  const rulesPath = child(path, 'rules');
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > 20) errs.push(tooMany(rulesPath, rules.length, 20));
  // upstream dereferences spec.completions here; an Indexed Job without it already has an error
  const completions = optNum(spec['completions']);
  if (completions === undefined) return errs;
  rules.forEach((rule, i) => {
    const rulePath = child(rulesPath, i);
    const indexes = optStr(rule['succeededIndexes']);
    const count = optNum(rule['succeededCount']);
    if (indexes === undefined && count === undefined)
      errs.push(required(rulePath, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (indexes !== undefined) {
      const p = child(rulePath, 'succeededIndexes');
      if (byteLength(indexes) > 64 * 1024) errs.push(tooLong(p, 64 * 1024));
      const parsed = parseIndexes(indexes, completions);
      if ('error' in parsed) errs.push(invalid(p, indexes, `error parsing succeededIndexes: ${parsed.error}`));
      else total = parsed.total;
    }
    if (count !== undefined) {
      const p = child(rulePath, 'succeededCount');
      if (count < 0) errs.push(invalid(p, count, NEGATIVE));
      if (count > completions) errs.push(invalid(p, count, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (indexes !== undefined && count > total)
        errs.push(invalid(p, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
    }
  });
  return errs;
}

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

/** IsDomainPrefixedPath for spec.managedBy. */
function validateManagedBy(value: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (value.length === 0) errs.push(required(path));
  else {
    const slash = value.indexOf('/');
    const host = slash >= 0 ? value.slice(0, slash) : value;
    const rest = slash >= 0 ? value.slice(slash + 1) : '';
    if (slash < 0 || host.length === 0 || rest.length === 0)
      errs.push(invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    else {
      for (const m of isDNS1123Subdomain(host)) errs.push(invalid(path, host, m));
      if (!new RegExp(`^${HTTP_PATH_FMT}$`).test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
    }
  }
  if (byteLength(value) > 63) errs.push(tooLong(path, 63));
  return errs;
}

function nonNegative(spec: Obj, field: string, path: FieldPath): FieldError[] {
  const v = optNum(spec[field]);
  return v !== undefined && v < 0 ? [invalid(child(path, field), v, NEGATIVE)] : [];
}

export function validateJobSpecCommon(spec: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex'])
    errs.push(...nonNegative(spec, f, path));
  const parallelism = optNum(spec['parallelism']);
  const completions = optNum(spec['completions']);
  const perIndex = optNum(spec['backoffLimitPerIndex']);
  const maxFailed = optNum(spec['maxFailedIndexes']);
  if (maxFailed !== undefined) {
    errs.push(...nonNegative(spec, 'maxFailedIndexes', path));
    if (perIndex === undefined) errs.push(required(child(path, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const managedBy = optStr(spec['managedBy']);
  if (managedBy !== undefined) errs.push(...validateManagedBy(managedBy, child(path, 'managedBy')));
  const mode = optStr(spec['completionMode']);
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed')
      errs.push(notSupported(child(path, 'completionMode'), orderedJSON(mode), ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (completions === undefined) errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED)
        errs.push(invalid(child(path, 'parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      if (completions !== undefined && maxFailed !== undefined && maxFailed > completions)
        errs.push(invalid(child(path, 'maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES)
        errs.push(invalid(child(path, 'maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && perIndex !== undefined) {
        const suffix = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
        if (maxFailed === undefined)
          errs.push(required(child(path, 'maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS)
          errs.push(invalid(child(path, 'parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${suffix}`));
        if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS)
          errs.push(invalid(child(path, 'maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${suffix}`));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (perIndex !== undefined) errs.push(invalid(child(path, 'backoffLimitPerIndex'), perIndex, 'requires indexed completion mode'));
    if (maxFailed !== undefined) errs.push(invalid(child(path, 'maxFailedIndexes'), maxFailed, 'requires indexed completion mode'));
  }
  const pfp = obj(spec['podFailurePolicy']);
  if (pfp) errs.push(...validatePodFailurePolicy(spec, pfp, child(path, 'podFailurePolicy')));
  const sp = obj(spec['successPolicy']);
  if (sp) {
    if ((mode ?? 'NonIndexed') !== 'Indexed') errs.push(invalid(child(path, 'successPolicy'), successPolicyJSON(sp), 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, sp, child(path, 'successPolicy')));
  }
  const prp = optStr(spec['podReplacementPolicy']);
  if (prp !== undefined) {
    if (pfp) {
      if (prp !== 'Failed') errs.push(notSupported(child(path, 'podReplacementPolicy'), orderedJSON(prp), ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed')
      errs.push(notSupported(child(path, 'podReplacementPolicy'), orderedJSON(prp), ['Failed', 'TerminatingOrFailed']));
  }
  errs.push(...validatePodTemplateSpec(spec['template'], child(path, 'template')));
  const restartPath = child(path, 'template', 'spec', 'restartPolicy');
  const restartPolicy = str(obj(obj(spec['template'])?.['spec'])?.['restartPolicy']);
  // pod defaulting turns an omitted restartPolicy into Always, hence "Required" for both
  if (restartPolicy === 'Always' || restartPolicy === '') errs.push(required(restartPath, 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never')
    errs.push(notSupported(restartPath, orderedJSON(restartPolicy), ['OnFailure', 'Never']));
  else if (pfp && restartPolicy !== 'Never')
    errs.push(invalid(restartPath, orderedJSON(restartPolicy), 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

const LEGACY_UID = 'controller-uid';
const LEGACY_NAME = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** ValidateHasLabel: the template must carry `key` with the expected value. */
function validateHasLabel(labels: unknown, k: string, expected: string): FieldError[] {
  const map = strMap(labels);
  const path = ['spec', 'template', 'metadata', 'labels', key(k)];
  if (!(k in map)) return [required(path, `must be '${expected}'`)];
  if (map[k] !== expected) return [invalid(path, labelMapJSON(labels), `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(job: Obj): FieldError[] {
  const meta = obj(job['metadata']) ?? {};
  const spec = obj(job['spec']) ?? {};
  if (spec['manualSelector'] === true || !isObj(spec['selector'])) return [];
  const errs: FieldError[] = [];
  const uid = str(meta['uid']);
  const name = str(meta['name']);
  if (uid === '') errs.push(required(['metadata', 'uid']));
  const labels = obj(obj(spec['template'])?.['metadata'])?.['labels'];
  errs.push(...validateHasLabel(labels, LEGACY_UID, uid));
  errs.push(...validateHasLabel(labels, LEGACY_NAME, name));
  errs.push(...validateHasLabel(labels, CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, JOB_NAME_LABEL, name));
  const expected = { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, [LEGACY_UID]: uid, [LEGACY_NAME]: name };
  const selector = labelSelectorAsSelector(spec['selector']);
  if (selector && !selectorMatches(selector, expected))
    errs.push(invalid(['spec', 'selector'], labelSelectorJSON(spec['selector']), '`selector` not auto-generated'));
  return errs;
}

export function validateJob(job: Obj): FieldError[] {
  const meta = obj(job['metadata']) ?? {};
  const spec = obj(job['spec']) ?? {};
  const path = ['spec'];
  const errs = validateObjectMeta(meta, nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job));
  errs.push(...validateJobSpecCommon(spec, path));
  if (!isObj(spec['selector'])) errs.push(required(child(path, 'selector')));
  else errs.push(...validateLabelSelector(spec['selector'], child(path, 'selector')));
  const selector = labelSelectorAsSelector(spec['selector']);
  const templateLabels = obj(obj(spec['template'])?.['metadata'])?.['labels'];
  if (selector && !selectorMatches(selector, strMap(templateLabels)))
    errs.push(invalid(child(path, 'template', 'metadata', 'labels'), labelMapJSON(templateLabels), '`selector` does not match template `labels`'));
  const completions = optNum(spec['completions']);
  if (spec['completionMode'] === 'Indexed' && completions !== undefined && completions > 0) {
    // the controller names pods' hosts <job>-<index>, so the largest index must still be a DNS label
    const name = str(meta['name']);
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0)
      errs.push(invalid(['metadata', 'name'], name, `will not able to create pod with invalid DNS label: ${hostname}`));
  }
  return errs;
}
