// The helper that lesson-manifests.test.ts relies on: if it missed blocks or miscounted lines, broken
// lesson examples would pass unnoticed or be reported at the wrong line.
import { describe, expect, it } from 'vitest';
import { brokenFenceLines, fencedBlocks, mistakeOf, mistakeOfFile } from './fenced-blocks.ts';

const sample = [
  '---',                                   // 1
  'title: x',                              // 2
  '---',                                   // 3
  '',                                      // 4
  '```yaml',                               // 5
  'apiVersion: v1',                        // 6
  'kind: Pod',                             // 7
  '```',                                   // 8
  '',                                      // 9
  '- a list item:',                        // 10
  '  ```yaml mistake="spec: Required value: \\"x\\""', // 11
  '  kind: Job',                           // 12
  '  ```',                                 // 13
  '',                                      // 14
  '````md',                                // 15
  '```yaml',                               // 16
  'not: a block of its own',               // 17
  '```',                                   // 18
  '````',                                  // 19
  '~~~console',                            // 20
  '$ kubectl get pods',                    // 21
  '~~~',                                   // 22
].join('\n');

describe('fencedBlocks', () => {
  const blocks = fencedBlocks(sample);

  it('finds each top-level fence once, nested fences included in their parent', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['yaml', 'yaml', 'md', 'console']);
  });

  it('reports the first content line of each block', () => {
    expect(blocks.map((b) => b.firstLine)).toEqual([6, 12, 16, 21]);
  });

  it('strips the fence indentation of a block inside a list item', () => {
    expect(blocks[1].text).toBe('kind: Job');
  });

  it('keeps the text of a block verbatim', () => {
    expect(blocks[0].text).toBe('apiVersion: v1\nkind: Pod');
    expect(blocks[2].text).toBe('```yaml\nnot: a block of its own\n```');
  });

  it('reads the mistake meta with escaped quotes', () => {
    expect(mistakeOf(blocks[1].meta)).toBe('spec: Required value: "x"');
    expect(mistakeOf(blocks[0].meta)).toBeNull();
  });
});

describe('mistakeOfFile', () => {
  it('reads the first-line comment', () => {
    expect(mistakeOfFile('# mistake: spec.selector: Required value\napiVersion: apps/v1\n')).toBe('spec.selector: Required value');
  });

  it('is null without it', () => {
    expect(mistakeOfFile('apiVersion: apps/v1\n# mistake: too late\n')).toBeNull();
  });
});

describe('brokenFenceLines', () => {
  it('flags a backtick fence whose info string has a backtick', () => {
    const text = ['```yaml mistake="`selector` does not match"', 'kind: Job', '', '~~~yaml mistake="`ok` with tildes"', 'kind: Job', '~~~', '```', '```'].join('\n');
    expect(brokenFenceLines(text)).toEqual([1]);
    const blocks = fencedBlocks(text);
    expect(blocks.map((b) => [b.lang, b.firstLine])).toEqual([['yaml', 5], ['', 8]]);
    expect(mistakeOf(blocks[0].meta)).toBe('`ok` with tildes');
  });
});
