// Validation throughput: a 1,000-document file mixing every corpus manifest (issue 3: ≤ 300 ms).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateManifests } from '../../src/engine/validate/validate-manifests.ts';
import { readManifests } from '../../src/engine/yaml/index.ts';
import type { BenchResult } from '../bench.ts';

const corpus = join(import.meta.dirname, '../../../shared/corpus');

function corpusDocuments(): string[] {
  const docs: string[] = [];
  for (const dir of ['kubernetes-website', 'kubeflow-training']) {
    for (const f of readdirSync(join(corpus, dir)).filter((n) => n.endsWith('.yaml')).sort()) {
      if (f.includes('ignore-tab')) continue; // a syntax error ends the file
      docs.push(...readFileSync(join(corpus, dir, f), 'utf8').split(/^---\s*$/m).filter((d) => d.trim()));
    }
  }
  return docs;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs: number): { first: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { first: times[0], median: median(times) };
}

export function validationBenches(): BenchResult[] {
  const docs = corpusDocuments();
  const mixed = Array.from({ length: 1000 }, (_, i) => docs[i % docs.length].trimEnd()).join('\n---\n') + '\n';
  const lines = mixed.split('\n').length;
  const t = time(() => validateManifests(mixed), 7);
  const check = validateManifests(mixed);
  const big = Array.from({ length: 10_000 }, (_, i) => docs[i % docs.length].trimEnd()).join('\n---\n') + '\n';
  const tb = time(() => validateManifests(big), 3);
  const read = time(() => readManifests(mixed), 7);
  return [
    { name: 'read (YAML only) the same file (median of 7)', value: read.median, unit: 'ms', note: `first run ${read.first.toFixed(0)} ms` },
    { name: 'validate 1,000-document mixed file (median of 7)', value: t.median, unit: 'ms', budget: 300,
      note: `${lines} lines, ${(mixed.length / 1024).toFixed(0)} KiB, ${check.documents.length} documents, ${check.problems.length} problems; first run ${t.first.toFixed(0)} ms` },
    { name: 'validate 10,000-document file (median of 3)', value: tb.median, unit: 'ms',
      note: `${(big.length / 1024 / 1024).toFixed(1)} MiB` },
  ];
}
