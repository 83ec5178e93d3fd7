// `node scripts/check-native-abi.mjs FILE.node [ELECTRON_VERSION]`: refuse to package a native addon built for
// another ABI. A Node-ABI better_sqlite3.node shipped under an Electron label loads nowhere but fails only on the
// user's machine, so `npm run dist` checks the binding's `node_register_module_v<N>` symbol against Electron's ABI.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The module ABI versions named by `node_register_module_v<N>` symbols in a .node file's bytes. */
export function registeredAbis(bytes) {
  const found = new Set();
  for (const match of bytes.toString('latin1').matchAll(/node_register_module_v(\d+)/g)) found.add(Number(match[1]));
  return [...found];
}

/** Electron's module ABI for a version (from node-abi), e.g. "45.4.1" → 140. */
export function electronAbi(version) {
  return Number(require('node-abi').getAbi(version, 'electron'));
}

/** null when `bytes` is built for `abi`; otherwise the sentence saying why it must not be shipped. */
export function abiProblem(bytes, abi, file) {
  const abis = registeredAbis(bytes);
  if (abis.length === 0) {
    // N-API addons register without an ABI number and load in any runtime.
    return bytes.includes('napi_register_module_v1') ? null : `${file} has no node_register_module_v<N> symbol: it is not a Node addon.`;
  }
  if (abis.includes(abi)) return null;
  return `${file} is built for module ABI ${abis.join(', ')}, but Electron needs ABI ${abi}: it is the Node build, not the Electron one (run scripts/build-electron-native.mjs).`;
}

function main() {
  const [file, version = require('electron/package.json').version] = process.argv.slice(2);
  if (!file) {
    console.error('Usage: node scripts/check-native-abi.mjs FILE.node [ELECTRON_VERSION]');
    process.exit(2);
  }
  const abi = electronAbi(version);
  const problem = abiProblem(readFileSync(file), abi, file);
  if (problem) {
    console.error(`check-native-abi: ${problem}`);
    process.exit(1);
  }
  console.log(`check-native-abi: ${file} is built for Electron ${version} (ABI ${abi}).`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
