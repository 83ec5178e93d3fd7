// Bundles the Node side (CLI, Electron main and preload, worker threads) with esbuild.
// npm dependencies stay external: native modules (better-sqlite3, onnxruntime-node) and pdfkit's font data
// must load from node_modules (or app.asar.unpacked), never from inside a bundle.
import { build } from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every `*.worker.ts` under electron/main becomes dist/workers/<name>.cjs. */
function workerEntries() {
  const found = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.worker.ts')) found[`workers/${basename(name, '.ts')}`] = path;
    }
  };
  walk(join(root, 'electron/main'));
  return found;
}

/** Build CLI, workers, and (unless nodeOnly) the Electron main and preload bundles into dist/. */
export async function buildMain({ nodeOnly = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    packages: 'external',
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.cjs' },
    define: { __ATTEST_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  };
  const entryPoints = { cli: join(root, 'electron/cli/main.ts'), ...workerEntries() };
  if (!nodeOnly) entryPoints['electron/main'] = join(root, 'electron/main/shell/main.ts');
  await build({ ...common, entryPoints });
  if (!nodeOnly) {
    // A sandboxed preload cannot require npm packages: bundle zod and shared/ into it, keep only electron out.
    const { packages: _external, ...bundled } = common;
    await build({ ...bundled, entryPoints: { 'electron/preload': join(root, 'electron/preload/index.ts') }, external: ['electron'] });
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  await buildMain({ nodeOnly: process.argv.includes('--node-only') });
}
