import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from '../src-shared/csp.ts';

// No node: imports here, so the renderer folder stays free of them (the lint rule holds for this file too).
const root = import.meta.dirname;

/** One policy: index.html's meta tag is written from src-shared/csp.ts (frame-ancestors is ignored in a meta tag). */
const cspMeta: Plugin = {
  name: 'lumen-csp-meta',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY.replace(/;\s*frame-ancestors[^;]*/, '') },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspMeta],
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
  },
  // src-shared lives beside the renderer root; the dev server may read it.
  server: { fs: { allow: [`${root}/..`] } },
});
