// Probes and lifecycle hooks (core validation.go validateProbe, validateHandler, validateLifecycle).
// Probe defaults (timeout 1, period 10, thresholds 1/3, httpGet path "/" and scheme HTTP) are
// applied before these run.

import { forbidden, invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './formats.ts';
import { child, isObj, list, obj, objList, optNum, orderedJSON, str, type Obj } from './access.ts';

/** ValidatePortNumOrName for an IntOrString port. */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  return isValidPortNum(0).map((m) => invalid(path, 0, m));
}

function validateHTTPGet(http: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(http['path']) === '') errs.push(required(child(path, 'path')));
  errs.push(...validatePortNumOrName(http['port'], child(path, 'port')));
  const scheme = str(http['scheme']);
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(path, 'scheme'), orderedJSON(scheme), ['HTTP', 'HTTPS']));
  for (const h of objList(http['httpHeaders']))
    for (const m of isHTTPHeaderName(str(h['name']))) errs.push(invalid(child(path, 'httpHeaders'), str(h['name']), m));
  return errs;
}

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (hooks). */
function validateHandler(handler: Obj, kinds: readonly string[], gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const h = obj(handler[kind]);
    if (!h) continue;
    if (count > 0) {
      errs.push(forbidden(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const p = child(path, kind);
    if (kind === 'exec') {
      if (list(h['command']).length === 0) errs.push(required(child(p, 'command')));
    } else if (kind === 'httpGet') errs.push(...validateHTTPGet(h, p));
    else if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(h['port'], child(p, 'port')));
    else if (kind === 'grpc') errs.push(...validatePortNumOrName(optNum(h['port']) ?? 0, child(p, 'port')));
    else if (kind === 'sleep') {
      // PodLifecycleSleepActionAllowZero is GA, so zero seconds is allowed
      const seconds = optNum(h['seconds']) ?? 0;
      if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod))
        errs.push(invalid(p, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

function validateProbe(probe: Obj, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs = validateHandler(probe, PROBE_HANDLERS, gracePeriod, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = optNum(probe[f]) ?? 0;
    if (v < 0) errs.push(invalid(child(path, f), v, 'must be greater than or equal to 0'));
  }
  const tgps = optNum(probe['terminationGracePeriodSeconds']);
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

export function validateProbes(ctr: Obj, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const liveness = obj(ctr['livenessProbe']);
  if (liveness) {
    errs.push(...validateProbe(liveness, gracePeriod, child(path, 'livenessProbe')));
    const st = optNum(liveness['successThreshold']) ?? 0;
    if (st !== 1) errs.push(invalid(child(path, 'livenessProbe', 'successThreshold'), st, 'must be 1'));
  }
  const readiness = obj(ctr['readinessProbe']);
  if (readiness) {
    errs.push(...validateProbe(readiness, gracePeriod, child(path, 'readinessProbe')));
    const tgps = readiness['terminationGracePeriodSeconds'];
    if (tgps !== undefined && tgps !== null)
      errs.push(invalid(child(path, 'readinessProbe', 'terminationGracePeriodSeconds'), orderedJSON(tgps), 'must not be set for readinessProbes'));
  }
  const startup = obj(ctr['startupProbe']);
  if (startup) {
    errs.push(...validateProbe(startup, gracePeriod, child(path, 'startupProbe')));
    const st = optNum(startup['successThreshold']) ?? 0;
    if (st !== 1) errs.push(invalid(child(path, 'startupProbe', 'successThreshold'), st, 'must be 1'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: unknown, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const lc = obj(lifecycle);
  if (!lc) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop'] as const) {
    if (isObj(lc[hook])) errs.push(...validateHandler(lc[hook], HOOK_HANDLERS, gracePeriod, child(path, hook)));
  }
  return errs;
}
