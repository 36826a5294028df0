import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KINDS } from '../../../src/engine/schema/kinds.ts';
import { definitions, descriptionAt, fieldAt, kindSchema, schemaFor } from '../../../src/engine/schema/schemas.ts';

const generated = path.resolve(import.meta.dirname, '../../../src/engine/schema/generated');
const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const X_KEYWORDS = [
  'x-kubernetes-group-version-kind', 'x-kubernetes-int-or-string', 'x-kubernetes-list-map-keys', 'x-kubernetes-list-type',
  'x-kubernetes-map-type', 'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-unions',
  'x-kubernetes-validations', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
];

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
  addFormats.default(ajv);
  ajv.addFormat('int-or-string', true);
  ajv.addVocabulary(X_KEYWORDS);
  return ajv;
}

describe('generated schemas', () => {
  it('keep descriptions (kubectl explain job.spec of the 1.35 oracle)', () => {
    expect(descriptionAt('Job', 'spec.backoffLimit')).toBe(
      'Specifies the number of retries before marking this job failed. Defaults to 6, unless backoffLimitPerIndex (only Indexed Job) is specified. When backoffLimitPerIndex is specified, backoffLimit defaults to 2147483647.',
    );
    expect(descriptionAt('Deployment', 'spec.template.spec.containers.image')).toMatch(/^Container image name/);
    expect(descriptionAt('Pod', ['spec', 'containers', 0, 'name'])).toMatch(/^Name of the container/);
    expect(descriptionAt('TFJob', 'spec.runPolicy.backoffLimit')).toBe('Optional number of retries before marking this job failed.');
    expect(descriptionAt('TFJob', 'spec.tfReplicaSpecs.Worker.replicas')).toMatch(/^Replicas is the desired number of replicas/);
    expect(descriptionAt('Job', 'spec.nope')).toBeUndefined();
  });

  it('describe fields for kubectl explain', () => {
    const spec = fieldAt('Job', 'spec')!;
    expect(spec.definition).toBe('io.k8s.api.batch.v1.JobSpec');
    expect(spec.node.description).toMatch(/^Specification of the desired behavior of a job/);
    expect(spec.schema.description).toBe('JobSpec describes how the job execution will look like.');
    expect(fieldAt('Job', 'spec.template')!.required).toBe(true);
    expect(fieldAt('Job', 'spec.parallelism')!.required).toBe(false);
    expect(fieldAt('Job', '')!.schema.title).toBe('Job (batch/v1)');
  });

  it('restrict apiVersion and kind to one value and keep the x-kubernetes extensions', () => {
    for (const k of KINDS) {
      const s = kindSchema(k.kind)!;
      expect(s.properties!.apiVersion.enum).toEqual([k.apiVersion]);
      expect(s.properties!.kind.enum).toEqual([k.kind]);
      expect(s.required).toEqual(expect.arrayContaining(['apiVersion', 'kind']));
      expect(s['x-kubernetes-group-version-kind']).toEqual([{ group: k.group, kind: k.kind, version: k.version }]);
    }
    const ports = definitions['io.k8s.api.core.v1.Container'].properties!.ports;
    expect(ports['x-kubernetes-list-type']).toBe('map');
    expect(ports['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    expect(definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']['x-kubernetes-int-or-string']).toBe(true);
    expect(definitions['io.k8s.api.core.v1.ContainerPort'].required).toEqual(['containerPort']);
    expect(definitions['io.k8s.apimachinery.pkg.apis.meta.v1.Time'].format).toBe('date-time');
    expect(kindSchema('TFJob')!.properties!.metadata.allOf![0].$ref).toBe('definitions.json#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  });

  it('schemaFor gives a self-contained schema with local refs only', () => {
    const s = schemaFor('Deployment')!;
    const text = JSON.stringify(s);
    expect(text).not.toContain('definitions.json');
    for (const m of text.matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)) expect(s.$defs![m[1]], m[1]).toBeDefined();
    expect(Object.keys(s.$defs!)).toContain('io.k8s.api.core.v1.PodSpec');
    expect(schemaFor('Deployment')).toBe(s);
    expect(schemaFor('Nope')).toBeUndefined();
  });

  it('load in ajv: per-kind files with the shared definitions, and the bundled schemas', () => {
    const ajv = newAjv();
    ajv.addSchema(JSON.parse(readFileSync(path.join(generated, 'definitions.json'), 'utf8')));
    for (const k of KINDS) ajv.addSchema(JSON.parse(readFileSync(path.join(generated, k.schemaFile), 'utf8')));
    const validateDeployment = ajv.getSchema('Deployment.json')!;
    const docs = parseAllDocuments(readFileSync(path.join(corpus, 'kubernetes-website/nginx-deployment.yaml'), 'utf8'));
    expect(validateDeployment(docs[0].toJSON())).toBe(true);
    expect(validateDeployment({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 'x' } })).toBe(false);

    const alone = newAjv().compile(schemaFor('Job')!);
    const job = parseAllDocuments(readFileSync(path.join(corpus, 'kubernetes-website/job.yaml'), 'utf8'))[0].toJSON();
    expect(alone(job)).toBe(true);
    expect(alone({ ...job, apiVersion: 'batch/v1beta1' })).toBe(false);
  });

  it('load the CRD schemas in ajv', () => {
    const ajv = newAjv();
    ajv.addSchema(JSON.parse(readFileSync(path.join(generated, 'definitions.json'), 'utf8')));
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(generated, 'TFJob.json'), 'utf8')));
    const doc = parseAllDocuments(readFileSync(path.join(corpus, 'kubeflow-training/tensorflow_simple.yaml'), 'utf8'))[0].toJSON();
    expect(validate(doc)).toBe(true);
  });
});
