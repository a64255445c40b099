import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No node: imports here, so the renderer folder stays free of them (the lint rule holds for this file too).
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
  },
  // src-shared lives beside the renderer root; the dev server may read it.
  server: { fs: { allow: [`${root}/..`] } },
});
