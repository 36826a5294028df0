// Shared helpers for the manifest reader tests.
import fs from 'node:fs';
import path from 'node:path';
import { readManifests, type ReadResult } from '../../../src/engine/yaml/index.ts';
import { CORPUS_DIR } from '../shared-dir.ts';

export const CORPUS = CORPUS_DIR;

/** Every corpus manifest as [relative path, text]. */
export function corpusFiles(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const dir of fs.readdirSync(CORPUS).sort()) {
    const full = path.join(CORPUS, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full).sort()) {
      if (f.endsWith('.yaml')) out.push([`${dir}/${f}`, fs.readFileSync(path.join(full, f), 'utf8')]);
    }
  }
  return out;
}

export function corpus(name: string): string {
  return fs.readFileSync(path.join(CORPUS, name), 'utf8');
}

/** The value of the only document of `text` (fails the test otherwise). */
export function only(text: string): unknown {
  const r = readManifests(text);
  if (r.errors.length > 0 || r.documents.length !== 1) {
    throw new Error(`expected one document, got ${JSON.stringify(r.errors)} / ${r.documents.length} documents`);
  }
  return r.documents[0]!.value;
}

/** The value at `v` in a one-document manifest `kind: X\nv: <scalar>`. */
export function scalar(yamlScalar: string): unknown {
  return (only(`kind: X\nv: ${yamlScalar}\n`) as Record<string, unknown>)['v'];
}

/** The single error of `text`. */
export function onlyError(text: string): ReadResult['errors'][number] {
  const r = readManifests(text);
  if (r.errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(r.errors)}`);
  return r.errors[0]!;
}

export const WRAP = 'error converting YAML to JSON: ';
