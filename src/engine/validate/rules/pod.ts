// ValidatePodCreate (core validation.go): metadata, pod annotations, the spec, then the checks
// that apply to Pods but not to pod templates.

import { forbidden, type FieldError } from '../field.ts';
import { nameIsDNSSubdomain } from './formats.ts';
import { child, list, obj, objList, str, type Obj } from './access.ts';
import { validateObjectMeta } from './meta.ts';
import { validateContainersOnlyForPod } from './containers.ts';
import { validatePodSpec, validatePodSpecificAnnotations } from './pod-spec.ts';

export function validatePod(pod: Obj): FieldError[] {
  const meta = obj(pod['metadata']) ?? {};
  const spec = obj(pod['spec']) ?? {};
  const specPath = ['spec'];
  const errs = validateObjectMeta(meta, nameIsDNSSubdomain);
  errs.push(...validatePodSpecificAnnotations(meta['annotations'], spec, ['metadata', 'annotations']));
  errs.push(...validatePodSpec(spec, specPath, { resourceIsPod: true }));
  if (str(spec['serviceAccountName']) === '') {
    objList(spec['volumes']).forEach((vol, vi) => {
      const projected = obj(vol['projected']);
      if (!projected) return;
      objList(projected['sources']).forEach((source, si) => {
        if (obj(source['serviceAccountToken']))
          errs.push(
            forbidden(
              child(specPath, 'volumes', vi, 'projected', 'sources', si, 'serviceAccountToken'),
              'must not be specified when serviceAccountName is not set',
            ),
          );
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(spec['containers'], child(specPath, 'containers')));
  errs.push(...validateContainersOnlyForPod(spec['initContainers'], child(specPath, 'initContainers')));
  if (list(spec['ephemeralContainers']).length > 0) errs.push(forbidden(child(specPath, 'ephemeralContainers'), 'cannot be set on create'));
  if (str(spec['nodeName']) !== '' && list(spec['schedulingGates']).length > 0)
    errs.push(forbidden(child(specPath, 'nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}
