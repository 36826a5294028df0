// What a Pod update may change (kubernetes pkg/apis/core/validation/validation.go `ValidatePodUpdate`,
// `ValidateContainerUpdates`, `validateOnlyAddedTolerations`, `validateOnlyDeletedSchedulingGates`):
// containers' and init containers' images, activeDeadlineSeconds (set, or lowered), added tolerations (and
// the tolerationSeconds of existing ones), removed scheduling gates, and terminationGracePeriodSeconds from
// a negative value to 1. Anything else in the spec is refused with one error on `spec`:
//   spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,… (the list
//   joined with "," and no space), then a newline and the go-cmp diff of the specs (./pod-diff.ts).
// The specs are compared as the internal types (./internal-json.ts), with apimachinery's Semantic equality.
// Not modelled: the relaxations for scheduling-gated pods (nodeSelector additions, node affinity), and the
// metadata and mirror-pod annotation rules.
import { forbidden, invalid, required, type FieldError, type FieldPath } from '../field.ts';
import { deepClone, list, obj, optNum, str, type Obj } from '../rules/access.ts';
import { inclusiveRangeError } from '../rules/formats.ts';
import { renderPodSpec, semanticEqual } from './internal-json.ts';
import { podSpecDiff } from './pod-diff.ts';

/** `updatablePodSpecFields`, in upstream order. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const MAX_INT32 = 2147483647;

/** ValidateContainerUpdates: `stop` when the number of containers changed. */
function containerUpdates(newList: unknown, oldList: unknown, path: FieldPath): { errs: FieldError[]; stop: boolean } {
  const next = list(newList);
  if (next.length !== list(oldList).length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = str(obj(c)?.['image']);
    if (image.length === 0) errs.push(required([...path, i, 'image']));
    if (image.trim().length !== image.length) errs.push(invalid([...path, i, 'image'], image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function tolerationKey(t: Obj, seconds: unknown): string {
  return JSON.stringify([str(t['key']), str(t['operator']), str(t['value']), str(t['effect']), seconds ?? null]);
}

function onlyAddedTolerations(newList: unknown, oldList: unknown, path: FieldPath): FieldError[] {
  const next = list(newList).map((t) => obj(t) ?? {});
  for (const old of list(oldList).map((t) => obj(t) ?? {})) {
    // tolerationSeconds may change: compare with the new toleration's own seconds
    const found = next.some((t) => tolerationKey(old, t['tolerationSeconds']) === tolerationKey(t, t['tolerationSeconds']));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return [];
}

function onlyDeletedSchedulingGates(newList: unknown, oldList: unknown, path: FieldPath): FieldError[] {
  const old = new Set(list(oldList).map((g) => str(obj(g)?.['name'])));
  const errs: FieldError[] = [];
  const seen = new Map<string, number>();
  list(newList).forEach((g, i) => seen.set(str(obj(g)?.['name']), i));
  for (const [name, i] of seen) {
    if (!old.has(name)) errs.push(forbidden([...path, i, 'name'], `only deletion is allowed, but found new scheduling gate '${name}'`));
  }
  return errs;
}

export function validatePodUpdate(oldPod: Obj, newPod: Obj): FieldError[] {
  const oldSpec = obj(oldPod['spec']) ?? {};
  const newSpec = obj(newPod['spec']) ?? {};
  const specPath: FieldPath = ['spec'];
  const errs: FieldError[] = [];
  for (const field of ['containers', 'initContainers']) {
    const r = containerUpdates(newSpec[field], oldSpec[field], [...specPath, field]);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const newADS = optNum(newSpec['activeDeadlineSeconds']);
  const oldADS = optNum(oldSpec['activeDeadlineSeconds']);
  if (newADS !== undefined) {
    if (newADS < 0 || newADS > MAX_INT32) {
      errs.push(invalid([...specPath, 'activeDeadlineSeconds'], newADS, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldADS !== undefined && oldADS < newADS) {
      errs.push(invalid([...specPath, 'activeDeadlineSeconds'], newADS, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldADS !== undefined) {
    errs.push(invalid([...specPath, 'activeDeadlineSeconds'], null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(newSpec['tolerations'], oldSpec['tolerations'], [...specPath, 'tolerations']));
  errs.push(...onlyDeletedSchedulingGates(newSpec['schedulingGates'], oldSpec['schedulingGates'], [...specPath, 'schedulingGates']));
  const oldInternal = renderPodSpec(oldSpec, { semantic: true });
  if (semanticEqual(renderPodSpec(newSpec, { semantic: true }), oldInternal)) return errs;
  // The fields an update may change take their old values; whatever still differs is refused.
  const munged = deepClone(newSpec);
  for (const field of ['containers', 'initContainers']) {
    const olds = list(oldSpec[field]);
    list(munged[field]).forEach((c, i) => {
      const o = obj(c);
      if (o) o['image'] = obj(olds[i])?.['image'];
    });
  }
  if (oldADS === undefined) delete munged['activeDeadlineSeconds'];
  else munged['activeDeadlineSeconds'] = oldADS;
  for (const field of ['schedulingGates', 'tolerations']) {
    if (oldSpec[field] === undefined) delete munged[field];
    else munged[field] = deepClone(oldSpec[field]);
  }
  const oldGrace = optNum(oldSpec['terminationGracePeriodSeconds']);
  if (oldGrace !== undefined && oldGrace < 0 && optNum(munged['terminationGracePeriodSeconds']) === 1) munged['terminationGracePeriodSeconds'] = oldGrace;
  if (!semanticEqual(renderPodSpec(munged, { semantic: true }), oldInternal)) {
    const diff = podSpecDiff(renderPodSpec(oldSpec), renderPodSpec(munged));
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${diff}`));
  }
  return errs;
}
