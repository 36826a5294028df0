// Updates of v1 Services (kubernetes pkg/apis/core/validation `ValidateServiceUpdate`,
// `validateUpgradeDowngradeClusterIPs`, `validateUpgradeDowngradeIPFamilies`): once allocated, the cluster IPs
// and IP families stay (`spec.clusterIPs[0]: Invalid value: ["10.96.5.6"]: may not change once set`), except
// to, from or between ExternalName and headless Services. Dual-stack upgrades and downgrades cannot happen on
// the lab's single-stack cluster, so only the "same length" comparisons are modelled. The rest of
// ValidateServiceUpdate is the create-time ValidateService, which the replace path already ran.
import { invalid, type FieldError } from '../field.ts';
import { list, obj, str, type Obj } from '../rules/access.ts';

function isHeadless(spec: Obj): boolean {
  const ips = list(spec['clusterIPs']);
  return ips.length === 1 && ips[0] === 'None';
}

export function validateServiceUpdate(oldObj: Obj, newObj: Obj): FieldError[] {
  const spec = obj(newObj['spec']) ?? {};
  const oldSpec = obj(oldObj['spec']) ?? {};
  if (spec['type'] === 'ExternalName' || oldSpec['type'] === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = list(spec['clusterIPs']).map(str);
  const oldIPs = list(oldSpec['clusterIPs']).map(str);
  if (!(isHeadless(spec) && isHeadless(oldSpec))) {
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => {
        if (ip !== ips[i]) errs.push(invalid(['spec', 'clusterIPs', i], ips, 'may not change once set'));
      });
    } else if (oldIPs.length > 0 && ips.length === 0) {
      errs.push(invalid(['spec', 'clusterIPs', 0], ips, 'primary clusterIP can not be unset'));
    } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
      errs.push(invalid(['spec', 'clusterIPs', 0], ips, 'may not change once set'));
    }
  }
  if (isHeadless(spec) !== isHeadless(oldSpec) || isHeadless(spec)) return errs;
  const families = list(spec['ipFamilies']).map(str);
  const oldFamilies = list(oldSpec['ipFamilies']).map(str);
  if (families.length === oldFamilies.length) {
    oldFamilies.forEach((f, i) => {
      if (f !== families[i]) errs.push(invalid(['spec', 'ipFamilies', 0], families, 'may not change once set'));
    });
  }
  return errs;
}
