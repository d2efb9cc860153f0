/**
 * Builds the demo/hosted web app (src/web) into dist/web, which the server serves. Library consumers import
 * src/web/lib directly (`uigen-payments/react`) and never need this build.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  plugins: [react()],
  // A build started from tests or `dev` inherits NODE_ENV=test/development, which would ship React's
  // development bundle (twice the size, slower). What we serve is always the production build.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  oxc: command === 'build' ? { jsx: { runtime: 'automatic', development: false } } : undefined,
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Small app: one chunk loads faster than a waterfall.
    chunkSizeWarningLimit: 600,
  },
  logLevel: 'warn',
}));
