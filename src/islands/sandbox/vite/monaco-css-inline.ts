// Vite plugin: CSS imported by the sandbox's lazily loaded modules (monaco-editor's, and the sandbox's own under
// src/islands/sandbox) becomes a string injected as <style> when the module runs, instead of a stylesheet.
// Without it Astro hoists every CSS file reachable through the sandbox's dynamic import() into the <head> of
// every lesson page (~145 KB of Monaco CSS, render-blocking, before anyone opens a sandbox).
// The virtual ids end in `.js`, never `.css`: Vite would otherwise treat (and minify) the module as CSS.
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const PREFIX = '\0lazy-css-inline:';
const LAZY_IMPORTERS = [/[\\/]node_modules[\\/]monaco-editor[\\/]/, /[\\/]src[\\/]islands[\\/]sandbox[\\/]/];
const INJECT = fileURLToPath(new URL('./inject-style.ts', import.meta.url));

export function monacoCssInline(): Plugin {
  return {
    name: 'workload-lab:lazy-css-inline',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !/\.css$/.test(source) || !LAZY_IMPORTERS.some((r) => r.test(importer))) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved || resolved.external) return null;
      return `${PREFIX}${resolved.id}.js`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `import { injectStyle } from ${JSON.stringify(INJECT)};`,
        `injectStyle(${JSON.stringify(file.replace(/^.*(node_modules|src)[\\/]/, ''))}, css);`,
      ].join('\n');
    },
  };
}
