// `npm run build` (also run by `npm ci` through "prepare"): the Node side with esbuild, the console with Vite.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildMain } from './build-main.mjs';

const root = new URL('..', import.meta.url).pathname;
const started = Date.now();
await buildMain({ nodeOnly: !existsSync(join(root, 'electron/main/shell/main.ts')) });
if (existsSync(join(root, 'renderer/index.html'))) {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
}
console.log(`attest: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
