// Builds better-sqlite3 for Electron's ABI into build/electron-native/, leaving node_modules' Node-ABI build
// (used by the CLI and the tests) untouched. Needs Electron's headers, so it runs on a connected machine.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const source = join(root, 'node_modules', 'better-sqlite3');
const work = join(root, 'build', 'electron-native-src');
const out = join(root, 'build', 'electron-native');
const stamp = join(out, `electron-${electronVersion}.stamp`);

if (existsSync(stamp) && existsSync(join(out, 'better_sqlite3.node'))) {
  console.log(`better-sqlite3 for Electron ${electronVersion} is already built.`);
  process.exit(0);
}
rmSync(work, { recursive: true, force: true });
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
console.log(`Building better-sqlite3 for Electron ${electronVersion} (about a minute)…`);
execFileSync(
  process.execPath,
  [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
  { cwd: work, stdio: 'inherit' },
);
mkdirSync(out, { recursive: true });
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(out, 'better_sqlite3.node'));
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), stamp);
rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${join('build', 'electron-native', 'better_sqlite3.node')}.`);
