import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built to static files: loaded by Electron from the app:// protocol, or served by
// `attest serve` on 127.0.0.1. Relative base so both work; no dev-server-only features are relied on.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
