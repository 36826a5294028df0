// Code blocks reserve their height from their line count while off screen (src/lib/shiki-code-lines.ts): the count
// must be the number of lines Shiki renders (a final newline does not make a line).
import { describe, expect, it } from 'vitest';
import { codeLines, lineCount } from '../../../src/lib/shiki-code-lines.ts';

describe('code block line counts', () => {
  it('counts lines, ignoring one trailing newline', () => {
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\n\nb')).toBe(3);
    expect(lineCount('a\n\n')).toBe(2);
  });

  it('adds --lines to the block\'s style, keeping Shiki\'s own', () => {
    const node = { properties: { style: '--shiki-light:#000;overflow-x:auto' } as Record<string, unknown> };
    codeLines.pre.call({ source: 'kind: Job\nmetadata: {}\n' }, node);
    expect(node.properties.style).toBe('--shiki-light:#000;overflow-x:auto;--lines:2');
    const bare = { properties: {} as Record<string, unknown> };
    codeLines.pre.call({ source: 'x' }, bare);
    expect(bare.properties.style).toBe('--lines:1');
  });
});
