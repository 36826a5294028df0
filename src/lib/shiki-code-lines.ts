// A Shiki transformer giving every highlighted code block its line count as `--lines`, so the CSS can reserve its
// exact height while the browser skips rendering it off screen (content-visibility in global.css): nothing jumps
// when it scrolls into view or when a link lands below it.
interface PreElement {
  properties: Record<string, unknown>;
}

export function lineCount(source: string): number {
  return source.replace(/\n$/, '').split('\n').length;
}

export const codeLines = {
  name: 'workload-lab:code-lines',
  pre(this: { source: string }, node: PreElement): void {
    const style = typeof node.properties.style === 'string' ? node.properties.style.replace(/;?\s*$/, ';') : '';
    node.properties.style = `${style}--lines:${lineCount(this.source)}`;
  },
};
