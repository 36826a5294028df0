// Scheduling-related pod spec fields (core validation.go ValidateTolerations, validateAffinity,
// validateTopologySpreadConstraints, validatePodDNSConfig, ValidateHostAliases, readiness and
// scheduling gates).

import { duplicate, forbidden, invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { isDNS1123Label, isDNS1123Subdomain, isLabelValue, isQualifiedName } from './formats.ts';
import { child, isObj, list, obj, objList, optNum, optStr, orderedJSON, str, strMap, type Obj } from './access.ts';
import { isValidIP } from './ip.ts';
import { validateLabelName, validateLabelSelector } from './meta.ts';

export function validateTolerations(tolerations: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(tolerations).forEach((t, i) => {
    const p = child(path, i);
    const k = str(t['key']);
    const op = str(t['operator']);
    const effect = str(t['effect']);
    const value = str(t['value']);
    if (k.length > 0) errs.push(...validateLabelName(k, child(p, 'key')));
    if (k.length === 0 && op !== 'Exists')
      errs.push(invalid(child(p, 'operator'), orderedJSON(op), 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t['tolerationSeconds'] !== undefined && t['tolerationSeconds'] !== null && effect !== 'NoExecute')
      errs.push(invalid(child(p, 'effect'), orderedJSON(effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (op === 'Equal' || op === '') {
      const msgs = isLabelValue(value);
      if (msgs.length) errs.push(invalid(child(p, 'operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value.length > 0) errs.push(invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else errs.push(notSupported(child(p, 'operator'), orderedJSON(op), ['Equal', 'Exists']));
    if (effect.length > 0 && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect))
      errs.push(notSupported(child(p, 'effect'), orderedJSON(effect), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: Obj, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(rq['operator']);
  const values = list(rq['values']).map(str);
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) errs.push(forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1) errs.push(required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else errs.push(invalid(child(path, 'operator'), orderedJSON(op), 'not a valid selector operator'));
  errs.push(...validateLabelName(str(rq['key']), child(path, 'key')));
  if (!allowInvalidValues)
    values.forEach((v, j) => {
      for (const m of isLabelValue(v)) errs.push(invalid(child(path, 'values', j), v, m));
    });
  return errs;
}

function validateNodeSelectorTerm(term: Obj, allowInvalidValues: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(term['matchExpressions']).forEach((rq, j) =>
    errs.push(...validateNodeSelectorRequirement(rq, allowInvalidValues, child(path, 'matchExpressions', j))),
  );
  objList(term['matchFields']).forEach((rq, j) => {
    const p = child(path, 'matchFields', j);
    const op = str(rq['operator']);
    const values = list(rq['values']).map(str);
    if (op === 'In' || op === 'NotIn') {
      if (values.length !== 1)
        errs.push(required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else errs.push(invalid(child(p, 'operator'), orderedJSON(op), 'not a valid selector operator'));
    if (str(rq['key']) !== 'metadata.name') errs.push(invalid(child(p, 'key'), str(rq['key']), 'not a valid field selector key'));
    else values.forEach((v, k) => errs.push(...isDNS1123Subdomain(v).map((m) => invalid(child(p, 'values', k), v, m))));
  });
  return errs;
}

function validatePodAffinityTerm(term: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(term['labelSelector'], child(path, 'labelSelector')));
  errs.push(...validateLabelSelector(term['namespaceSelector'], child(path, 'namespaceSelector')));
  for (const ns of list(term['namespaces']).map(str))
    for (const m of isDNS1123Label(ns)) errs.push(invalid(child(path, 'namespace'), ns, m));
  errs.push(...validateMatchLabelKeys(term, path));
  const topologyKey = str(term['topologyKey']);
  if (topologyKey === '') errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, child(path, 'topologyKey')));
  return errs;
}

/** validateMatchLabelKeysAndMismatchLabelKeys of a pod affinity term. */
function validateMatchLabelKeys(term: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const match = list(term['matchLabelKeys']).map(str);
  const mismatch = list(term['mismatchLabelKeys']).map(str);
  const selector = obj(term['labelSelector']);
  for (const [field, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (keys.length === 0) continue;
    if (!selector) {
      errs.push(forbidden(child(path, field), 'must not be specified when labelSelector is not set'));
      continue;
    }
    keys.forEach((k, i) => errs.push(...validateLabelName(k, child(path, field, i))));
  }
  if (selector) {
    const indexOf = new Map(match.map((k, i) => [k, i] as const));
    const selectorKeys = new Set(Object.keys(strMap(selector['matchLabels'])));
    for (const expr of objList(selector['matchExpressions'])) {
      const k = str(expr['key']);
      const i = indexOf.get(k);
      if (i !== undefined && selectorKeys.has(k)) errs.push(invalid(child(path, i), k, 'exists in both matchLabelKeys and labelSelector'));
      selectorKeys.add(k);
    }
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) errs.push(invalid(child(path, 'matchLabelKeys', i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errs;
}

function validatePodAffinity(aff: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(aff['requiredDuringSchedulingIgnoredDuringExecution']).forEach((term, i) =>
    errs.push(...validatePodAffinityTerm(term, child(path, 'requiredDuringSchedulingIgnoredDuringExecution', i))),
  );
  objList(aff['preferredDuringSchedulingIgnoredDuringExecution']).forEach((wt, j) => {
    const p = child(path, 'preferredDuringSchedulingIgnoredDuringExecution', j);
    const weight = optNum(wt['weight']) ?? 0;
    if (weight <= 0 || weight > 100) errs.push(invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(obj(wt['podAffinityTerm']) ?? {}, child(p, 'podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(affinity: unknown, path: FieldPath): FieldError[] {
  const a = obj(affinity);
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = obj(a['nodeAffinity']);
  if (na) {
    const np = child(path, 'nodeAffinity');
    const req = obj(na['requiredDuringSchedulingIgnoredDuringExecution']);
    if (req) {
      const termsPath = child(np, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      const terms = objList(req['nodeSelectorTerms']);
      if (terms.length === 0) errs.push(required(termsPath, 'must have at least one node selector term'));
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, false, child(termsPath, i))));
    }
    objList(na['preferredDuringSchedulingIgnoredDuringExecution']).forEach((t, i) => {
      const p = child(np, 'preferredDuringSchedulingIgnoredDuringExecution', i);
      const weight = optNum(t['weight']) ?? 0;
      if (weight <= 0 || weight > 100) errs.push(invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(obj(t['preference']) ?? {}, true, child(p, 'preference')));
    });
  }
  if (isObj(a['podAffinity'])) errs.push(...validatePodAffinity(a['podAffinity'], child(path, 'podAffinity')));
  if (isObj(a['podAntiAffinity'])) errs.push(...validatePodAffinity(a['podAntiAffinity'], child(path, 'podAntiAffinity')));
  return errs;
}

export function validateTopologySpreadConstraints(constraints: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const all = objList(constraints);
  all.forEach((c, i) => {
    const p = child(path, i);
    const maxSkew = optNum(c['maxSkew']) ?? 0;
    if (maxSkew <= 0) errs.push(invalid(child(p, 'maxSkew'), maxSkew, 'must be greater than zero'));
    const topologyKey = str(c['topologyKey']);
    if (topologyKey === '') errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    const when = str(c['whenUnsatisfiable']);
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway')
      errs.push(notSupported(child(p, 'whenUnsatisfiable'), orderedJSON(when), ['DoNotSchedule', 'ScheduleAnyway']));
    if (all.slice(i + 1).some((o) => str(o['topologyKey']) === topologyKey && str(o['whenUnsatisfiable']) === when))
      errs.push(duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${when}}`));
    const minDomains = c['minDomains'];
    if (typeof minDomains === 'number') {
      if (minDomains <= 0) errs.push(invalid(child(p, 'minDomains'), minDomains, 'must be greater than zero'));
      if (when !== 'DoNotSchedule')
        errs.push(invalid(child(p, 'minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = optStr(c[f]);
      if (v !== undefined && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(child(p, f), orderedJSON(v), ['Honor', 'Ignore']));
    }
    const keys = list(c['matchLabelKeys']).map(str);
    if (keys.length > 0) {
      const selector = obj(c['labelSelector']);
      const selectorKeys = new Set<string>();
      if (selector) {
        for (const k of Object.keys(strMap(selector['matchLabels']))) selectorKeys.add(k);
        for (const e of objList(selector['matchExpressions'])) selectorKeys.add(str(e['key']));
      } else errs.push(forbidden(child(p, 'matchLabelKeys'), 'must not be specified when labelSelector is not set'));
      keys.forEach((k, j) => {
        errs.push(...validateLabelName(k, child(p, 'matchLabelKeys', j)));
        if (selectorKeys.has(k)) errs.push(invalid(child(p, 'matchLabelKeys', j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    errs.push(...validateLabelSelector(c['labelSelector'], child(p, 'labelSelector')));
  });
  return errs;
}

export function validateDNSConfig(spec: Obj, path: FieldPath): FieldError[] {
  const config = obj(spec['dnsConfig']);
  const errs: FieldError[] = [];
  if (str(spec['dnsPolicy']) === 'None') {
    if (!config) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (list(config['nameservers']).length === 0)
      return [required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!config) return errs;
  const nameservers = list(config['nameservers']).map(str);
  if (nameservers.length > 3) errs.push(invalid(child(path, 'nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...isValidIP(child(path, 'nameservers', i), ns)));
  const searches = list(config['searches']).map(str);
  if (searches.length > 32) errs.push(invalid(child(path, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048)
    errs.push(invalid(child(path, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => {
    // RelaxedDNSSearchValidation (GA): '.' alone and underscores are allowed
    if (s === '.') return;
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const m of isDNS1123SubdomainWithUnderscore(trimmed)) errs.push(invalid(child(path, 'searches', i), trimmed, m));
  });
  objList(config['options']).forEach((o, i) => {
    if (str(o['name']) === '') errs.push(required(child(path, 'options', i), 'must not be empty'));
  });
  return errs;
}

function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const fmt = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*';
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!new RegExp(`^${fmt}$`).test(value))
    errs.push(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${fmt}')`,
    );
  return errs;
}

export function validateHostAliases(aliases: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(aliases).forEach((a, i) => {
    errs.push(...isValidIP(child(path, i, 'ip'), str(a['ip'])));
    list(a['hostnames']).forEach((h, j) => {
      for (const m of isDNS1123Subdomain(str(h))) errs.push(invalid(child(path, i, 'hostnames', j), str(h), m));
    });
  });
  return errs;
}

export function validateReadinessGates(gates: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(gates).forEach((g, i) => {
    const t = str(g['conditionType']);
    for (const m of isQualifiedName(t)) errs.push(invalid(child(path, i, 'conditionType'), t, m));
  });
  return errs;
}

export function validateSchedulingGates(gates: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  objList(gates).forEach((g, i) => {
    const name = str(g['name']);
    for (const m of isQualifiedName(name)) errs.push(invalid(child(path, i), name, m));
    if (seen.has(name)) errs.push(duplicate(child(path, i), name));
    seen.add(name);
  });
  return errs;
}
