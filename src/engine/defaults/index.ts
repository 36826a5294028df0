// What the API server does to a new object before storing it: the request namespace, a name
// from generateName, a uid, generation 1, the version's defaults and the registry's
// PrepareForCreate (Pod status, a Job's generated selector and labels).
// Handles v1 Pod, apps/v1 ReplicaSet and Deployment, batch/v1 Job and CronJob, and v1 Service (its
// defaults, IP families and addresses: ./service.ts); other objects come back as an unchanged copy.

import { deepClone, obj, type Obj } from '../validate/rules/access.ts';
import { defaultPod } from './pod.ts';
import { defaultCronJob, defaultDeployment, defaultJob, defaultReplicaSet, jobAsRead, type JobDefaultsResult } from './workloads.ts';
import { isService, prepareServiceForCreate } from './service.ts';
import type { ServiceAddressPool } from './service-addresses.ts';
import type { FieldError } from '../validate/field.ts';

export type { ServiceAddressPool } from './service-addresses.ts';

export interface DefaultsOptions {
  /** metadata.uid to give the object (Jobs use it in their selector). Default: the object's own, else a random UUID. */
  readonly uid?: string;
  /** The request namespace, used when metadata.namespace is empty. Default "default". */
  readonly namespace?: string;
  /** The five characters appended to generateName. Default: random, from upstream's alphabet. */
  readonly nameSuffix?: string;
  /** Services: the cluster IPs and node ports other Services hold (default: none). */
  readonly serviceAddresses?: ServiceAddressPool;
}

/** rand.String's alphabet: no vowels, no 0/1/3. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)];
  return s;
}

function randomUID(): string {
  return globalThis.crypto.randomUUID();
}

type Kind = 'Pod' | 'ReplicaSet' | 'Deployment' | 'Job' | 'CronJob';

export function workloadKind(o: unknown): Kind | null {
  const x = obj(o);
  if (!x) return null;
  const av = x['apiVersion'];
  const kind = x['kind'];
  if (av === 'v1' && kind === 'Pod') return 'Pod';
  if (av === 'apps/v1' && (kind === 'ReplicaSet' || kind === 'Deployment')) return kind;
  if (av === 'batch/v1' && (kind === 'Job' || kind === 'CronJob')) return kind;
  return null;
}

export interface PreparedObject {
  /** The object as stored. */
  readonly object: Obj;
  readonly job?: JobDefaultsResult;
  /** Services: the storage's refusals before validation (IP families, requested addresses), if any. */
  readonly serviceErrors?: FieldError[];
}

/** The object after defaulting and PrepareForCreate, as the server validates and stores it. */
export function prepareForCreate(input: unknown, options: DefaultsOptions = {}): PreparedObject {
  const o = (deepClone(obj(input) ?? {}) as Obj) ?? {};
  const kind = workloadKind(o);
  const service = !kind && isService(o);
  if (!kind && !service) return { object: o };
  const meta = obj(o['metadata']) ?? (o['metadata'] = {});
  if (!meta['namespace']) meta['namespace'] = options.namespace ?? 'default';
  if (!meta['name'] && typeof meta['generateName'] === 'string' && meta['generateName'] !== '') {
    // MaxGeneratedNameLength: the base is cut so the result stays within 63 characters
    meta['name'] = meta['generateName'].slice(0, 58) + (options.nameSuffix ?? randomSuffix());
  }
  const uid = options.uid ?? (typeof meta['uid'] === 'string' && meta['uid'] !== '' ? meta['uid'] : randomUID());
  if (!kind) {
    // A Service: no generation, and the uid only seeds its addresses (the store gives the uid itself).
    const serviceErrors = prepareServiceForCreate(o, { uid, serviceAddresses: options.serviceAddresses });
    return serviceErrors.length > 0 ? { object: o, serviceErrors } : { object: o };
  }
  meta['uid'] = uid;
  meta['generation'] = 1;
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  switch (kind) {
    case 'Pod':
      defaultPod(o);
      return { object: o };
    case 'ReplicaSet':
      defaultReplicaSet(o);
      return { object: o };
    case 'Deployment':
      defaultDeployment(o);
      return { object: o };
    case 'Job':
      return { object: o, job: defaultJob(o, uid, name) };
    case 'CronJob':
      defaultCronJob(o);
      return { object: o };
  }
}

/**
 * A new object with the defaults the API server applies on create (§1.1, §3.1, §4.1, §4.2, §5.1),
 * as `kubectl get -o yaml` would then show it (a Job reads back with its template's labels).
 */
export function applyDefaults<T>(obj: T, options: DefaultsOptions = {}): T {
  const prepared = prepareForCreate(obj, options).object;
  if (workloadKind(prepared) === 'Job') jobAsRead(prepared);
  return prepared as T;
}
