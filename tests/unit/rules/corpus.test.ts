// The Kubernetes website manifests of the corpus must validate cleanly (corpus/README.md).
// The batch/v1beta1 CronJob and the file with a tab are rejected earlier, by other checks.

import { readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateCreate } from '../../../src/engine/validate/rules/index.ts';
import type { Manifest } from './helpers.ts';
import { CORPUS_DIR } from '../shared-dir.ts';

const DIR = `${CORPUS_DIR}/kubernetes-website/`;
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'cronjob-batch-v1beta1.yaml' && f !== 'job-pod-failure-policy-ignore-tab.yaml');

describe('kubernetes-website corpus', () => {
  it('has the expected files', () => {
    expect(files.length).toBe(14);
  });

  it.each(files)('%s gives no errors', (file) => {
    const docs = parseAllDocuments(readFileSync(`${DIR}${file}`, 'utf8'))
      .map((d) => d.toJS() as Manifest | null)
      .filter((d): d is Manifest => d !== null);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(validateCreate(doc).map((e) => e.message)).toEqual([]);
  });
});
