/**
 * Builds the demo/hosted web app (src/web) into dist/web, which the server serves. Library consumers import
 * src/web/lib directly (`uigen-payments/react`) and never need this build.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Small app: one chunk loads faster than a waterfall.
    chunkSizeWarningLimit: 600,
  },
  logLevel: 'warn',
});
