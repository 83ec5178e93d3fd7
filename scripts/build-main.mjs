// Bundles the Node side (CLI, Electron main and preload, worker threads) with esbuild.
// npm dependencies stay external: native modules (better-sqlite3, onnxruntime-node) and pdfkit's font data
// must load from node_modules (or app.asar.unpacked), never from inside a bundle. React is the exception: main
// pre-renders the console's first screen (transport/console-entry.ts), and React's builds are chosen by
// process.env.NODE_ENV, which nothing sets for the CLI or the desktop app. Bundled with NODE_ENV defined, the
// production build is the one compiled in: its render takes 2.5 ms where the development build took 24 ms.
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

const BUNDLED_PACKAGES = /^(react|react-dom|scheduler)(\/|$)/;

/** Every npm package stays external except React's (see the top of this file). */
const externalPackagesButReact = {
  name: 'attest-external-packages-but-react',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};

/** Build CLI, workers, and (unless nodeOnly) the Electron main and preload bundles into dist/. */
export async function buildMain({ nodeOnly = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    plugins: [externalPackagesButReact],
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.cjs' },
    define: { __ATTEST_VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  };
  const entryPoints = { cli: join(root, 'electron/cli/main.ts'), ...workerEntries() };
  if (!nodeOnly) entryPoints['electron/main'] = join(root, 'electron/main/shell/main.ts');
  await build({ ...common, entryPoints });
  if (!nodeOnly) {
    // A sandboxed preload cannot require npm packages: bundle zod and shared/ into it, keep only electron out.
    const { plugins: _external, ...bundled } = common;
    await build({ ...bundled, entryPoints: { 'electron/preload': join(root, 'electron/preload/index.ts') }, external: ['electron'] });
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  await buildMain({ nodeOnly: process.argv.includes('--node-only') });
}
