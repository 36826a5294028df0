// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';

export default defineConfig({
  site: 'https://workload-lab.example',
  // Preact only for the sandbox's islands (src/islands); lessons ship no framework code.
  integrations: [mdx(), preact({ include: ['src/islands/**/*.tsx'] })],
  markdown: {
    // Both themes are emitted as CSS variables; global.css picks one per colour scheme.
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }, defaultColor: false },
  },
  // Lessons are read without JavaScript; nothing is prefetched or hydrated until a learner asks for it.
  prefetch: false,
  server: { host: '127.0.0.1' },
  vite: {
    build: { chunkSizeWarningLimit: 1500 },
  },
});
