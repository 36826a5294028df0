import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { corpus, corpusFiles, WRAP } from './helpers.ts';

// Verdicts from /work/shared/corpus/README.md.
describe('the real manifests corpus', () => {
  const files = corpusFiles();

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(24);
  });

  for (const [name, text] of files) {
    if (name.endsWith('job-pod-failure-policy-ignore-tab.yaml')) continue;
    it(`reads ${name} without error`, () => {
      const r = readManifests(text);
      expect(r.errors).toEqual([]);
      expect(r.documents).toHaveLength(1);
      const doc = r.documents[0]!.value as Record<string, unknown>;
      expect(typeof doc['apiVersion']).toBe('string');
      expect(typeof doc['kind']).toBe('string');
    });
  }

  it('rejects the tab-indented Job on file line 24 with go-yaml wording', () => {
    const r = readManifests(corpus('kubernetes-website/job-pod-failure-policy-ignore-tab.yaml'));
    expect(r.documents).toEqual([]);
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0]!;
    expect(e.line).toBe(24);
    expect(e.column).toBe(1);
    expect(e.stage).toBe('syntax');
    // Line 23 ends with the plain scalar `DisruptionTarget`; go-yaml (scannerc.go,
    // yaml_parser_scan_plain_scalar) checks the blanks after a plain scalar and reports a tab in
    // them below the block indentation as "found a tab character that violates indentation"
    // (§8.5). The chunk is the whole file, so the chunk line is the file line (§8.6).
    expect(e.message).toBe(`${WRAP}yaml: line 24: found a tab character that violates indentation`);
  });

  it('reads the pi Job as written', () => {
    const doc = readManifests(corpus('kubernetes-website/job.yaml')).documents[0]!.value;
    expect(doc).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: {
        backoffLimit: 4,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'pi', image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(1000)'] }],
          },
        },
      },
    });
  });

  it('keeps the quoted "True" of the pod failure policy a string', () => {
    const doc = readManifests(corpus('kubernetes-website/job-pod-failure-policy-example.yaml')).documents[0]!.value as {
      spec: { podFailurePolicy: { rules: Array<{ onPodConditions?: Array<{ status: unknown }> }> } };
    };
    const withConditions = doc.spec.podFailurePolicy.rules.find((r) => r.onPodConditions);
    expect(withConditions?.onPodConditions?.[0]?.status).toBe('True');
  });
});

describe('flow-style corpus files read like their block equivalents', () => {
  it('simple-pod.yaml equals a hand-written block version', () => {
    const flow = readManifests(corpus('kubernetes-website/simple-pod.yaml')).documents[0]!.value;
    const block = readManifests(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: nginx',
        'spec:',
        '  containers:',
        '  - name: nginx',
        '    image: nginx:1.14.2',
        '    ports:',
        '    - containerPort: 80',
        '',
      ].join('\n'),
    ).documents[0]!.value;
    expect(flow).toEqual(block);
  });

  for (const name of ['simple-pod.yaml', 'exec-liveness.yaml', 'init-containers.yaml', 'indexed-job.yaml']) {
    it(`${name} round-trips through block YAML written by another library`, () => {
      const flow = readManifests(corpus(`kubernetes-website/${name}`));
      expect(flow.errors).toEqual([]);
      const value = flow.documents[0]!.value;
      // eemeli/yaml in YAML 1.1 mode quotes every string that YAML 1.1 would resolve.
      const block = stringify(value, { version: '1.1', lineWidth: 0 });
      expect(block.startsWith('apiVersion:')).toBe(true);
      const again = readManifests(block);
      expect(again.errors).toEqual([]);
      expect(again.documents[0]!.value).toEqual(value);
    });
  }

  it('indexed-job.yaml joins its escaped multi-line string as YAML says', () => {
    const doc = readManifests(corpus('kubernetes-website/indexed-job.yaml')).documents[0]!.value as {
      spec: { template: { spec: { initContainers: Array<{ command: string[] }> } } };
    };
    // A `\` before a line break drops the break and the next line's leading blanks.
    expect(doc.spec.template.spec.initContainers[0]!.command[2]).toBe(
      'items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n',
    );
  });
});
