// Output formatting against real kubectl 1.35 recordings (shared/tools/kubectl-oracle/demo/recorded): the
// table layout (NAME/AGE/LABELS are computed by kubectl itself there), `-o json` and `-o yaml` byte for byte
// when fed the very objects kubectl printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printJSON } from '../../../src/engine/kubectl/printers/json.ts';
import { formatLabelSelector, formatLabels } from '../../../src/engine/kubectl/printers/label-selector.ts';
import { tabwrite } from '../../../src/engine/kubectl/printers/tabwriter.ts';
import { printYAML, scalarStyle } from '../../../src/engine/kubectl/printers/yaml.ts';
import { readManifests } from '../../../src/engine/yaml/index.ts';

const recorded = join(import.meta.dirname, '../../golden/kubectl-oracle/recorded');
const stdout = (dir: string) => readFileSync(join(recorded, dir, 'stdout.txt'), 'utf8');

/** The cells of a recorded table: columns are separated by runs of 2+ spaces (no cell here contains two). */
function cellsOf(text: string): string[][] {
  return text.trimEnd().split('\n').map((l) => l.split(/ {2,}/));
}

describe('table layout (tabwriter, padding 3, min width 6)', () => {
  it.each(['04-get-pods', '07-get-pods-show-labels', '10-get-tfjobs', '11-get-events'])('%s re-laid out is identical', (dir) => {
    const text = stdout(dir);
    expect(tabwrite(cellsOf(text))).toBe(text);
  });

  it('08-get-all: each table laid out on its own, separated by one blank line', () => {
    const text = stdout('08-get-all');
    const tables = text.split('\n\n');
    expect(tables.map((t) => tabwrite(cellsOf(t))).join('\n')).toBe(text);
  });

  it('a short column is padded to min width 6', () => {
    expect(tabwrite([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
  });
});

describe('-o json', () => {
  it('17-get-job-pi-o-json: 4-space indent, sorted keys, identical bytes', () => {
    const text = stdout('17-get-job-pi-o-json');
    expect(printJSON(JSON.parse(text))).toBe(text);
  });

  it('escapes <, > and & like Go', () => {
    expect(printJSON({ a: '<none> & more' })).toBe('{\n    "a": "\\u003cnone\\u003e \\u0026 more"\n}\n');
    expect(printJSON({ e: {}, l: [] })).toBe('{\n    "e": {},\n    "l": []\n}\n');
  });
});

describe('-o yaml', () => {
  it.each([
    '14-get-cronjobs-o-yaml',
    '16-get-pod-web-5f8c7d9b44-2xk9p-o-yaml',
    '62-get-job-hello-o-yaml',
    // the same printer behind --dry-run=client -o yaml
    '47-create-deployment-web-image-nginx-replicas-3-dry-run-client-',
    '48-create-job-pi-image-perl-5-34-0-dry-run-client-o-yaml-perl-m',
    '49-create-cronjob-backup-image-busybox-1-36-schedule-15-dry-run',
    '50-run-nginx-image-nginx-dry-run-client-o-yaml',
    '51-run-pi-image-perl-5-34-0-restart-never-labels-app-pi-dry-run',
    '52-create-job-manual-from-cronjob-backup-dry-run-client-o-yaml',
  ])('%s: identical bytes', (dir) => {
    const text = stdout(dir);
    const doc = readManifests(text).documents[0]!.value;
    expect(printYAML(doc)).toBe(text);
  });

  it('quotes what go-yaml would read back as something else', () => {
    expect(scalarStyle('True', false)).toBe('double');
    expect(scalarStyle('1013', false)).toBe('double');
    expect(scalarStyle('', false)).toBe('double');
    expect(scalarStyle('2026-11-29T09:42:08Z', false)).toBe('double');
    expect(scalarStyle('*/15 * * * *', false)).toBe('single'); // recorded 14: schedule: '*/15 * * * *'
    expect(scalarStyle('5f8c7d9b44', false)).toBe('plain'); // recorded 16: pod-template-hash
    expect(scalarStyle('-Mbignum=bpi', false)).toBe('plain');
    expect(scalarStyle('a: b', false)).toBe('single');
    expect(printYAML({ m: 'line1\nline2' })).toBe('m: |-\n  line1\n  line2\n');
  });
});

describe('selectors and labels', () => {
  it('FormatLabelSelector: sorted by key, <none> when empty', () => {
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' } })).toBe('a=1,b=2');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'x', operator: 'DoesNotExist' }] })).toBe('env in (dev,prod),!x');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels({ 'pod-template-hash': '5f8c7d9b44', app: 'web' })).toBe('app=web,pod-template-hash=5f8c7d9b44'); // recorded 07
  });
});
