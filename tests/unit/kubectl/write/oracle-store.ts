// The kubectl-write oracle's store (tests/golden/kubectl-write/store.yaml: the kubectl-oracle demo store plus a
// bare pod `solo` and a Deployment `api` mid-rollout) loaded into a simulation without controllers, like the
// oracle's fake API server, with the manifests of tests/golden/kubectl-write/manifests as the `-f` files.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../../../src/engine/api/objects.ts';
import { kindNamed } from '../../../../src/engine/schema/index.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import type { KubectlContext } from '../../../../src/engine/kubectl/context.ts';

export const golden = join(import.meta.dirname, '../../../golden/kubectl-write');
const recorded = join(golden, 'recorded');

/** The oracle's clock: the store's `now`. */
export const STORE_NOW = Date.UTC(2026, 2, 1, 12, 30);

export function loadStore(): Simulation {
  const sim = new Simulation({ startMs: STORE_NOW, nodes: [] });
  // The default cluster's nodes are replaced by the store's own.
  for (const n of sim.api.list('Node')) sim.api.delete('Node', undefined, n.metadata.name);
  const doc = parse(readFileSync(join(golden, 'store.yaml'), 'utf8'), { merge: true }) as { objects: KubeObject[] };
  for (const o of doc.objects) {
    if (!kindNamed(o.kind)) continue;
    const r = sim.api.createInternal(o, { uid: o.metadata.uid });
    if (!r.ok) throw new Error(r.error.message);
  }
  return sim;
}

export function manifestFiles(): Map<string, string> {
  const dir = join(golden, 'manifests');
  return new Map(readdirSync(dir).map((f) => [`manifests/${f}`, readFileSync(join(dir, f), 'utf8')]));
}

export function context(): KubectlContext {
  return { sim: loadStore(), files: manifestFiles() };
}

export interface Recording {
  dir: string;
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  requests: { method: string; path: string; body?: unknown }[];
}

export function recording(prefix: string, root = recorded): Recording {
  const dir = readdirSync(root).find((d) => d.startsWith(`${prefix}-`));
  if (!dir) throw new Error(`no recording ${prefix}`);
  const read = (f: string) => readFileSync(join(root, dir, f), 'utf8');
  const requests = read('requests.jsonl').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Recording['requests'][number]);
  return { dir, command: read('command.txt').trim(), stdout: read('stdout.txt'), stderr: read('stderr.txt'), exitCode: Number(read('exit-code.txt').trim()), requests };
}

export const oracleRecorded = join(import.meta.dirname, '../../../golden/kubectl-oracle/recorded');
