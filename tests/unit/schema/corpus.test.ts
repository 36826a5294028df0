import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkStructure } from '../../../src/engine/schema/check-structure.ts';
import { resolveKind } from '../../../src/engine/schema/kinds.ts';

// Verdicts from shared/corpus/README.md. The tab file is a YAML syntax error (the reader's job).
const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const files = ['kubernetes-website', 'kubeflow-training'].flatMap((dir) =>
  readdirSync(path.join(corpus, dir))
    .filter((f) => f.endsWith('.yaml') && f !== 'job-pod-failure-policy-ignore-tab.yaml')
    .map((f) => `${dir}/${f}`),
);

function documents(file: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(path.join(corpus, file), 'utf8'))
    .map((d) => d.toJSON() as Record<string, unknown> | null)
    .filter((d): d is Record<string, unknown> => d !== null);
}

describe('corpus', () => {
  it('has the expected files', () => {
    expect(files.length).toBe(23);
  });

  for (const file of files) {
    it(file, () => {
      const docs = documents(file);
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        const r = resolveKind(doc.apiVersion, doc.kind, doc);
        if (file.endsWith('cronjob-batch-v1beta1.yaml')) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.message).toBe('no matches for kind "CronJob" in version "batch/v1beta1"');
          continue;
        }
        expect(r.ok).toBe(true);
        if (r.ok) expect(checkStructure(r.entry, doc)).toEqual([]);
      }
    });
  }
});
