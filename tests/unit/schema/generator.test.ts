import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSchemas, defaultOptions, generate } from '../../../scripts/generate-schemas.ts';

const committedDir = path.resolve(import.meta.dirname, '../../../src/engine/schema/generated');
const { dataDir } = defaultOptions();
let builtOnce: Map<string, string> | null = null;
const built = (): Map<string, string> => (builtOnce ??= buildSchemas(dataDir));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'schemas-'));
  temps.push(dir);
  return dir;
}

function readDir(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('generate-schemas', () => {
  it('reads ../shared/data by default, overridable by argument or environment', () => {
    expect(dataDir).toBe(path.resolve(import.meta.dirname, '../../../../shared/data'));
    expect(defaultOptions(['--data', '/x/data', '--out', '/x/out'], {}).dataDir).toBe('/x/data');
    expect(defaultOptions([], { SCHEMA_DATA_DIR: '/y' }).dataDir).toBe('/y');
    expect(defaultOptions([], { SCHEMA_OUT_DIR: '/z' }).outDir).toBe('/z');
  });

  it('is deterministic: two runs into temporary folders give the same bytes', () => {
    const a = tempDir();
    const b = tempDir();
    generate({ dataDir, outDir: a });
    generate({ dataDir, outDir: b });
    expect(readDir(a)).toEqual(readDir(b));
  });

  it('is idempotent and removes stale files', () => {
    const dir = tempDir();
    const first = generate({ dataDir, outDir: dir });
    const before = readDir(dir);
    const second = generate({ dataDir, outDir: dir });
    expect(readDir(dir)).toEqual(before);
    expect(second.totalBytes).toBe(first.totalBytes);
  });

  it('matches the committed output (run `npm run schemas` after changing the generator)', () => {
    const committed = readDir(committedDir);
    expect([...committed.keys()]).toEqual([...built().keys()].sort());
    for (const [name, text] of built()) expect(committed.get(name), name).toBe(text);
  });

  it('writes one file per kind, the shared definitions, NOTICE and LICENSE', () => {
    const names = [...built().keys()].sort();
    expect(names).toEqual([
      'ConfigMap.json', 'CronJob.json', 'Deployment.json', 'Event.json', 'Job.json', 'LICENSE', 'NOTICE',
      'Namespace.json', 'Node.json', 'Pod.json', 'PyTorchJob.json', 'ReplicaSet.json', 'Service.json',
      'TFJob.json', 'definitions.json', 'upstream-kinds.json',
    ]);
    expect(built().get('LICENSE')).toContain('Apache License');
    expect(built().get('NOTICE')).toMatch(/Kubernetes Authors[\s\S]*Kubeflow/);
  });

  it('sorts keys in every object', () => {
    const check = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(check);
      else if (node && typeof node === 'object') {
        const keys = Object.keys(node);
        expect(keys).toEqual([...keys].sort());
        Object.values(node).forEach(check);
      }
    };
    check(JSON.parse(built().get('Deployment.json')!));
    check(JSON.parse(built().get('definitions.json')!));
  });
});
