// ObjectMeta rules (apimachinery ValidateObjectMetaAccessor + core finalizer check), with the
// message texts of §7.1 and §2.4 of the reference.

import { describe, expect, it } from 'vitest';
import { DNS_LABEL_MSG, DNS_SUBDOMAIN_MSG, LABEL_KEY_NAME_MSG, LABEL_VALUE_MSG, deployment, messages, pod, template } from './helpers.ts';

describe('metadata.name', () => {
  it('accepts a DNS subdomain', () => {
    expect(messages(pod({}, { name: 'web.v2-1' }))).toEqual([]);
  });

  it('requires name or generateName', () => {
    expect(messages(pod({}, {}))).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('rejects a name that is not a DNS subdomain', () => {
    expect(messages(pod({}, { name: 'My_Pod' }))).toEqual([`metadata.name: Invalid value: "My_Pod": ${DNS_SUBDOMAIN_MSG}`]);
  });

  it('rejects a name over 253 characters', () => {
    const name = 'a'.repeat(254);
    expect(messages(pod({}, { name }))).toEqual([`metadata.name: Invalid value: "${name}": must be no more than 253 characters`]);
  });

  it('generates a name from generateName (a trailing dash is allowed)', () => {
    expect(messages(pod({}, { generateName: 'web-' }))).toEqual([]);
  });

  it('checks generateName and the generated name', () => {
    expect(messages(pod({}, { generateName: 'Web-' }))).toEqual([
      `metadata.generateName: Invalid value: "Web-": ${DNS_SUBDOMAIN_MSG}`,
      `metadata.name: Invalid value: "Web-x2k9p": ${DNS_SUBDOMAIN_MSG}`,
    ]);
  });
});

describe('metadata.namespace', () => {
  it('defaults to the request namespace', () => {
    expect(messages(pod({}, { name: 'web' }))).toEqual([]);
  });

  it('must be a DNS label', () => {
    expect(messages(pod({}, { name: 'web', namespace: 'team.a' }))).toEqual([
      'metadata.namespace: Invalid value: "team.a": must not contain dots',
    ]);
    expect(messages(pod({}, { name: 'web', namespace: 'Team' }))).toEqual([`metadata.namespace: Invalid value: "Team": ${DNS_LABEL_MSG}`]);
  });
});

describe('metadata.labels', () => {
  it('accepts prefixed keys and empty values', () => {
    expect(messages(pod({}, { name: 'web', labels: { 'app.kubernetes.io/name': 'web', tier: '' } }))).toEqual([]);
  });

  it('reports a bad key at the map path, showing the key', () => {
    expect(messages(pod({}, { name: 'web', labels: { 'bad key': 'x' } }))).toEqual([
      `metadata.labels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`,
    ]);
  });

  it('reports a bad value, showing the value', () => {
    expect(messages(pod({}, { name: 'web', labels: { app: 'bad value' } }))).toEqual([
      `metadata.labels: Invalid value: "bad value": ${LABEL_VALUE_MSG}`,
    ]);
  });

  it('limits values to 63 bytes and key names to 63 bytes', () => {
    const long = 'v'.repeat(64);
    expect(messages(pod({}, { name: 'web', labels: { app: long } }))).toEqual([
      `metadata.labels: Invalid value: "${long}": must be no more than 63 bytes`,
    ]);
    expect(messages(pod({}, { name: 'web', labels: { [long]: 'x' } }))).toEqual([
      `metadata.labels: Invalid value: "${long}": name part must be no more than 63 bytes`,
    ]);
  });

  it('checks the prefix as a DNS subdomain and rejects a second slash', () => {
    expect(messages(pod({}, { name: 'web', labels: { 'Example.com/app': 'x' } }))).toEqual([
      `metadata.labels: Invalid value: "Example.com/app": prefix part ${DNS_SUBDOMAIN_MSG}`,
    ]);
    expect(messages(pod({}, { name: 'web', labels: { 'a/b/c': 'x' } }))).toEqual([
      "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });

  it('reports an empty key name twice (empty, then the pattern)', () => {
    expect(messages(pod({}, { name: 'web', labels: { 'example.com/': 'x' } }))).toEqual([
      'metadata.labels: Invalid value: "example.com/": name part must be non-empty',
      `metadata.labels: Invalid value: "example.com/": ${LABEL_KEY_NAME_MSG}`,
    ]);
  });

  it('reports pod-template label errors at spec.template.labels (§2.4)', () => {
    const d = deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web', 'bad key': 'x' }) });
    expect(messages(d)).toEqual([`spec.template.labels: Invalid value: "bad key": ${LABEL_KEY_NAME_MSG}`]);
  });
});

describe('metadata.annotations', () => {
  it('accepts any qualified key (checked lower-cased) and any value', () => {
    expect(messages(pod({}, { name: 'web', annotations: { 'Example.com/Note': 'anything at all: ✓' } }))).toEqual([]);
  });

  it('rejects a key that is not a qualified name', () => {
    expect(messages(pod({}, { name: 'web', annotations: { 'my note': 'x' } }))).toEqual([
      `metadata.annotations: Invalid value: "my note": ${LABEL_KEY_NAME_MSG}`,
    ]);
  });

  it('limits the total size of keys and values to 256 KiB', () => {
    expect(messages(pod({}, { name: 'web', annotations: { note: 'x'.repeat(262144 - 4) } }))).toEqual([]);
    expect(messages(pod({}, { name: 'web', annotations: { note: 'x'.repeat(262144 - 3) } }))).toEqual([
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ]);
  });
});

describe('metadata.finalizers', () => {
  it('accepts standard and fully qualified finalizers', () => {
    expect(messages(pod({}, { name: 'web', finalizers: ['example.com/cleanup', 'foregroundDeletion'] }))).toEqual([]);
  });

  it('rejects an unqualified, non-standard finalizer', () => {
    expect(messages(pod({}, { name: 'web', finalizers: ['cleanup'] }))).toEqual([
      'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
