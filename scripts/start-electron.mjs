// `npm start`: the desktop console on the demo workspace. On first run it downloads the Electron binary
// (electron's own install step) and builds better-sqlite3 for Electron's ABI; both need internet once.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

run([require.resolve('electron/install.js')]);
run([join(root, 'scripts', 'build-electron-native.mjs')]);
if (!existsSync(join(root, 'dist', 'electron', 'main.cjs'))) run([join(root, 'scripts', 'build.mjs')]);

// The demo workspace is what a new user sees first: created once in the default (or given) workspace,
// left alone when that workspace already exists.
const workspaceArgs = process.argv.slice(2).filter((a, i, all) => a.startsWith('--workspace') || all[i - 1] === '--workspace');
run([join(root, 'bin', 'attest.js'), 'demo', '--if-new', ...workspaceArgs]);
const electron = require('electron');
const child = spawn(electron, [join(root, 'dist', 'electron', 'main.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
