// @ts-check
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { codeLines } from './src/lib/shiki-code-lines.ts';
import { monacoCssInline } from './src/islands/sandbox/vite/monaco-css-inline.ts';

const prettierStub = fileURLToPath(new URL('./src/islands/sandbox/vite/prettier-stub.ts', import.meta.url));

export default defineConfig({
  site: 'https://workload-lab.example',
  // Preact only for the sandbox's islands (src/islands); lessons ship no framework code.
  integrations: [mdx(), preact({ include: ['src/islands/**/*.tsx'] })],
  markdown: {
    // Both themes are emitted as CSS variables; global.css picks one per colour scheme.
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }, defaultColor: false, transformers: [codeLines] },
  },
  // Lessons are read without JavaScript; nothing is prefetched or hydrated until a learner asks for it.
  prefetch: false,
  server: { host: '127.0.0.1' },
  // The sandbox (src/islands/sandbox, loaded on demand): Monaco 0.57 + monaco-yaml 5.5, xterm, the simulator
  // worker. See ../shared/notes/stack.md for why each piece is here.
  vite: {
    // A separate dependency cache when asked (to test a first start without touching the shared one).
    ...(process.env.VITE_CACHE_DIR ? { cacheDir: process.env.VITE_CACHE_DIR } : {}),
    plugins: [monacoCssInline()],
    resolve: {
      alias: [
        // Monaco ≥ 0.56 has an exports map; monaco-yaml's worker still deep-imports monaco-editor/esm/vs/….
        { find: /^monaco-editor\/esm\/vs\/(.+?)(\.js)?$/, replacement: 'monaco-editor/$1' },
        // YAML formatting is off in the sandbox: keep Prettier out of the YAML worker.
        { find: /^prettier\/(standalone|plugins\/yaml|plugins\/estree)$/, replacement: prettierStub },
      ],
    },
    worker: { format: 'es' },
    // The lazily imported deps, pre-bundled up front so the dev server does not reload the page on first open.
    optimizeDeps: {
      include: ['monaco-yaml', 'monaco-yaml/yaml.worker.js', '@xterm/xterm', '@xterm/addon-fit', 'preact', 'preact/hooks', 'preact/jsx-runtime'],
      exclude: ['monaco-editor'],
    },
    // The editor chunk is ~3.5 MB raw (~0.8 MB gz) by nature; it loads only when a sandbox opens.
    // PROFILE_BUILD=1 keeps names readable for CPU profiles (scripts/profile-sandbox.ts).
    build: { chunkSizeWarningLimit: 4000, ...(process.env.PROFILE_BUILD ? { minify: false } : {}) },
  },
});
