// Builders for test manifests and a shortcut to the messages validateCreate returns.

import { validateCreate } from '../../../src/engine/validate/rules/index.ts';

export type Manifest = { apiVersion: string; kind: string; [k: string]: unknown };

export const UID = '0f6a3b7c-1111-2222-3333-444455556666';

export function messages(obj: Manifest): string[] {
  return validateCreate(obj, { uid: UID, nameSuffix: 'x2k9p' }).map((e) => e.message);
}

export function container(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'app', image: 'nginx:1.27', ...extra };
}

export function pod(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = { name: 'web' }): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [container()], ...spec } };
}

export function podWith(containerExtra: Record<string, unknown>, spec: Record<string, unknown> = {}): Manifest {
  return pod({ containers: [container(containerExtra)], ...spec });
}

/** A pod template; `null` labels leaves the labels out. */
export function template(labels: unknown = { app: 'web' }, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { metadata: labels === null ? {} : { labels }, spec: { containers: [container()], ...spec } };
}

export function deployment(spec: Record<string, unknown> = {}, name = 'web'): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  };
}

export function replicaSet(spec: Record<string, unknown> = {}, name = 'web'): Manifest {
  return { ...deployment(spec, name), kind: 'ReplicaSet' };
}

export function jobTemplate(spec: Record<string, unknown> = {}, labels?: unknown): Record<string, unknown> {
  return { ...(labels === undefined ? {} : { metadata: { labels } }), spec: { restartPolicy: 'Never', containers: [container()], ...spec } };
}

export function job(spec: Record<string, unknown> = {}, name = 'pi'): Manifest {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: jobTemplate(), ...spec } };
}

export function cronJob(spec: Record<string, unknown> = {}, name = 'hello'): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: jobTemplate({ restartPolicy: 'OnFailure' }) } }, ...spec },
  };
}

// Message texts from §7.1 of the reference (apimachinery v0.35 RegexError forms).
export const DNS_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const LABEL_KEY_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
export const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
