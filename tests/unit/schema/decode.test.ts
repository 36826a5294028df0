// Typed decoding of built-in kinds. Expected texts: reference §8.2/§8.3 where it has them, else
// derived from the sources named in go-decode.ts (sigs.k8s.io/json decode.go, apimachinery
// quantity.go, intstr.go, time.go; Go time/format.go).
import { describe, expect, it } from 'vitest';
import { checkMetadataDecoding, checkStructure, decodeErrorPrefix } from '../../../src/engine/schema/check-structure.ts';
import { decodeTyped, structType } from '../../../src/engine/schema/go-decode.ts';
import { KINDS, kindNamed } from '../../../src/engine/schema/kinds.ts';
import { definitions, kindSchema } from '../../../src/engine/schema/schemas.ts';

const deployment = kindNamed('Deployment')!;
const pod = kindNamed('Pod')!;
const job = kindNamed('Job')!;
const configMap = kindNamed('ConfigMap')!;
const event = kindNamed('Event')!;

const PREFIX = 'Deployment in version "v1" cannot be handled as a Deployment: ';

function dep(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}
function podWith(container: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...spec } };
}
function decodeMessage(entry = deployment, doc: unknown = {}): string {
  const errs = checkStructure(entry, doc);
  expect(errs).toHaveLength(1);
  expect(errs[0].stage).toBe('decode');
  return errs[0].message;
}

describe('typed decoding (400 BadRequest)', () => {
  it('has a decoding rule for every field of every definition and kind', () => {
    for (const [name, schema] of Object.entries(definitions)) {
      if (!schema.properties) continue;
      const t = structType(name);
      expect(t.kind, name).toBe('struct');
      if (t.kind === 'struct') expect(() => t.fields(), name).not.toThrow();
    }
    for (const k of KINDS.filter((e) => e.source === 'builtin')) {
      const t = structType(k.definition!, kindSchema(k.kind)!);
      expect(t.kind === 'struct' && t.fields().size).toBeGreaterThan(3);
      expect(decodeTyped(t, { apiVersion: k.apiVersion, kind: k.kind }, true)).toEqual({ error: null, unknown: [] });
    }
  });

  it('names the Go struct, the path without indices and the Go type (§8.3)', () => {
    const errs = checkStructure(deployment, dep({ replicas: '3' }));
    expect(errs).toEqual([
      expect.objectContaining({
        type: 'FieldValueTypeInvalid',
        stage: 'decode',
        path: ['spec', 'replicas'],
        detail: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
        message: `${PREFIX}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
      }),
    ]);
    expect(decodeErrorPrefix(deployment)).toBe(PREFIX);
  });

  it('uses `number <literal>` for numbers an integer field cannot hold (§8.2)', () => {
    expect(decodeMessage(deployment, dep({ replicas: 1.5 }))).toBe(
      `${PREFIX}json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32`,
    );
    expect(decodeMessage(deployment, dep({ replicas: 1e21 }))).toContain('cannot unmarshal number 1e+21 into');
    expect(decodeMessage(deployment, dep({ replicas: 99999999999999999999999 }))).toContain('cannot unmarshal number 1e+23 into');
    // 18446744073709551615 is re-encoded by kubectl as 18446744073709552000 and overflows every integer field.
    expect(decodeMessage(deployment, dep({ replicas: 18446744073709551615 }))).toContain('number 18446744073709552000 into');
    expect(decodeMessage(deployment, dep({ replicas: 2147483648 }))).toContain('number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32');
    // `1e400` stays a string in go-yaml.
    expect(decodeMessage(deployment, dep({ replicas: '1e400' }))).toContain('cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('accepts integral floats and big exact integers (§8.2: 1.0, 1e3, 1e9, int64 values)', () => {
    expect(checkStructure(deployment, dep({ replicas: 1.0, minReadySeconds: 1e3, progressDeadlineSeconds: 1e9 }))).toEqual([]);
    const j = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { activeDeadlineSeconds: 9223372036854775807n, template: {} } };
    expect(checkStructure(job, j)).toEqual([]);
    j.spec.activeDeadlineSeconds = 9223372036854775808n;
    expect(decodeMessage(job, j)).toBe(
      'Job in version "v1" cannot be handled as a Job: json: cannot unmarshal number 9223372036854775808 into Go struct field JobSpec.spec.activeDeadlineSeconds of type int64',
    );
  });

  it('prints exact literals the reader kept for integers beyond 2^53', () => {
    const doc = dep({ replicas: 9007199254740993 });
    const numberText = (path: readonly (string | number)[]) => (path.join('.') === 'spec.replicas' ? '9007199254740993' : undefined);
    expect(checkStructure(deployment, doc, { numberText })[0].detail).toBe(
      'json: cannot unmarshal number 9007199254740993 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(checkStructure(deployment, doc)[0].detail).toContain('number 9007199254740992 into');
  });

  it('uses the bare word for numbers, bools, objects and arrays in other fields', () => {
    expect(decodeMessage(pod, podWith({ image: 5 }))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
    );
    expect(decodeMessage(deployment, dep({ paused: 'yes' }))).toContain('cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool');
    expect(decodeMessage(deployment, dep({ replicas: true }))).toContain('cannot unmarshal bool into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(decodeMessage(deployment, dep({ template: [] }))).toContain('cannot unmarshal array into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec');
    expect(decodeMessage(pod, podWith({ args: { a: 1 } }))).toContain('cannot unmarshal object into Go struct field Container.spec.containers.args of type []string');
    expect(decodeMessage(pod, podWith({ args: [1] }))).toContain('cannot unmarshal number into Go struct field Container.spec.containers.args of type string');
    expect(decodeMessage(deployment, { ...dep({}), spec: 'x' })).toContain('cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec');
  });

  it('prints named Go types (kubernetes/api v0.35.0 struct fields)', () => {
    expect(decodeMessage(pod, podWith({}, { restartPolicy: 1 }))).toContain(
      'cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy',
    );
    expect(decodeMessage(pod, podWith({ imagePullPolicy: true }))).toContain('Container.spec.containers.imagePullPolicy of type v1.PullPolicy');
    expect(decodeMessage(pod, podWith({ securityContext: { capabilities: { add: [1] } } }))).toContain(
      'Capabilities.spec.containers.securityContext.capabilities.add of type v1.Capability',
    );
    expect(decodeMessage(pod, podWith({ resources: { limits: 'x' } }))).toContain(
      'ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList',
    );
    expect(checkMetadataDecoding({ metadata: { name: 'p', uid: 1 } })?.message).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.uid of type types.UID',
    );
  });

  it('reports the first type error in the order kubectl sends keys (sorted)', () => {
    // `paused` sorts before `replicas`, whatever the order in the file.
    expect(decodeMessage(deployment, dep({ replicas: 'x', paused: 'y' }))).toContain('DeploymentSpec.spec.paused of type bool');
    // A type error hides unknown fields.
    expect(checkStructure(deployment, dep({ replicas: 'x', bogus: 1 })).map((e) => e.stage)).toEqual(['decode']);
  });

  it('treats null as unset', () => {
    expect(checkStructure(deployment, dep({ replicas: null, template: { metadata: { creationTimestamp: null } }, strategy: { rollingUpdate: { maxSurge: null } } }))).toEqual([]);
  });

  it('decodes quantities with apimachinery ParseQuantity; its error stops decoding', () => {
    const ok = podWith({ resources: { limits: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': 1 }, requests: { cpu: 0.5, memory: ' 64Mi ' } } });
    expect(checkStructure(pod, ok)).toEqual([]);
    expect(decodeMessage(pod, podWith({ resources: { limits: { cpu: 'abc' } } }))).toBe(
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(decodeMessage(pod, podWith({ resources: { limits: { memory: '1Ki5' } } }))).toContain("unable to parse quantity's suffix");
    // The quantity error wins over an earlier (recorded) type error.
    const both = podWith({ image: 5, resources: { limits: { cpu: true } } });
    expect(decodeMessage(pod, both)).toContain('quantities must match');
    const errs = checkStructure(pod, podWith({ resources: { limits: { cpu: 'x' } } }));
    expect(errs[0].path).toEqual(['spec', 'containers', 0, 'resources', 'limits', { key: 'cpu' }]);
  });

  it('decodes int-or-string fields as a string or an int32, with the field context', () => {
    const probe = (port: unknown) => podWith({ livenessProbe: { httpGet: { path: '/', port } } });
    expect(checkStructure(pod, probe(8080))).toEqual([]);
    expect(checkStructure(pod, probe('http'))).toEqual([]);
    expect(decodeMessage(pod, probe(true))).toContain(
      'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32',
    );
    expect(decodeMessage(pod, probe(1.5))).toContain('cannot unmarshal number 1.5 into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32');
    expect(decodeMessage(deployment, dep({ strategy: { rollingUpdate: { maxSurge: 3000000000 } } }))).toContain(
      'cannot unmarshal number 3000000000 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
    );
  });

  it('parses times with Go time.Parse(RFC3339)', () => {
    const withTime = (t: unknown) => ({ ...podWith({}), status: { startTime: t } });
    expect(checkStructure(pod, withTime('2024-01-01T10:00:00Z'))).toEqual([]);
    expect(checkStructure(pod, withTime('2024-01-01T10:00:00.123+02:00'))).toEqual([]);
    expect(decodeMessage(pod, withTime('2024-01-01'))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"',
    );
    expect(decodeMessage(pod, withTime('2024-13-01T00:00:00Z'))).toContain('parsing time "2024-13-01T00:00:00Z": month out of range');
    expect(decodeMessage(pod, withTime(5))).toContain('json: cannot unmarshal number into Go struct field PodStatus.status.startTime of type string');
  });

  it('checks base64 in []byte fields (ConfigMap binaryData)', () => {
    const cm = (binaryData: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData });
    expect(checkStructure(configMap, cm({ a: 'aGVsbG8=' }))).toEqual([]);
    expect(decodeMessage(configMap, cm({ a: 'aGVsbG8' }))).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 4',
    );
    expect(decodeMessage(configMap, cm({ a: 5 }))).toContain('cannot unmarshal number into Go struct field ConfigMap.binaryData of type []uint8');
  });

  it('parses MicroTime with RFC3339Micro (Event.eventTime)', () => {
    const ev = (eventTime: unknown) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: {}, eventTime });
    expect(checkStructure(event, ev('2024-01-01T10:00:00.000000Z'))).toEqual([]);
    expect(decodeMessage(event, ev('2024-01-01T10:00:00Z'))).toContain(
      'parsing time "2024-01-01T10:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    );
  });
});

describe('client-side metadata decoding (kubectl metadataValidatingDecoder)', () => {
  it('reports label and annotation type errors before anything else (§8.1 step 6)', () => {
    const errs = checkStructure(deployment, dep({ replicas: 'x' }, { name: 'web', labels: { app: true } }));
    expect(errs).toEqual([
      expect.objectContaining({
        stage: 'client',
        path: ['metadata', 'labels', { key: 'app' }],
        message: 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
      }),
    ]);
    expect(checkMetadataDecoding({ kind: 'X', metadata: { annotations: { a: 1 } } })?.message).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.annotations of type string',
    );
    expect(checkMetadataDecoding({ metadata: 'x' })?.message).toBe(
      'json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta',
    );
    expect(checkMetadataDecoding({ metadata: { name: 'x' }, spec: { whatever: true } })).toBeNull();
  });

  it('applies to custom resources too', () => {
    const tf = { apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name: 't', labels: { a: 1 } }, spec: {} };
    expect(checkStructure(kindNamed('TFJob')!, tf)[0]).toMatchObject({
      stage: 'client',
      message: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    });
  });

  it('refuses a document that is not an object, and skips an empty one', () => {
    expect(checkStructure(pod, ['a'])[0].message).toBe('json: cannot unmarshal array into Go value of type unstructured.detector');
    expect(checkStructure(pod, null)).toEqual([]);
  });
});
