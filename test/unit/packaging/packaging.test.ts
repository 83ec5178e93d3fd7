import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/replay-fixtures';

const require = createRequire(import.meta.url);
// The js-yaml electron-builder itself reads its config with.
const yaml = require('js-yaml') as { load(text: string): unknown };
const abi = require('../../../scripts/check-native-abi.mjs') as {
  abiProblem(bytes: Buffer, abi: number, file: string): string | null;
  electronAbi(version: string): number;
};

interface BuilderConfig {
  extraMetadata?: { main?: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

const config = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const electronVersion = (require('electron/package.json') as { version: string }).version;

describe('electron-builder.yml', () => {
  it('starts the app from the built main and packs the built entry points', () => {
    expect(config.extraMetadata?.main).toBe('dist/electron/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'dist/workers/**', 'dist/cli.cjs', '!**/*.map']));
  });

  it('ships the Electron-ABI better-sqlite3, the demo and the fonts as resources where native-binding.ts looks', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        { from: 'build/electron-native/better_sqlite3.node', to: 'electron-native/better_sqlite3.node' },
        { from: 'resources/demo', to: 'demo' },
        { from: 'resources/fonts', to: 'fonts' },
      ]),
    );
    expect(readFileSync(join(REPO_ROOT, 'electron/main/shell/native-binding.ts'), 'utf8')).toContain("join(resourcesPath, 'electron-native', 'better_sqlite3.node')");
  });

  it('unpacks native modules from the archive and never rebuilds node_modules for Electron', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/onnxruntime-node/**', 'node_modules/better-sqlite3/**']));
    expect(config.npmRebuild).toBe(false);
  });

  it('sets the production fuses, under the key electron-builder 26 reads', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as { definitions: Record<string, { properties?: Record<string, unknown> }> };
    const fuseKeys = Object.keys(schema.definitions.FuseOptionsV1?.properties ?? {});
    expect(Object.keys(config.electronFuses).every((k) => fuseKeys.includes(k))).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('targets AppImage and deb, NSIS and dmg', () => {
    expect([config.linux.target, config.win.target, config.mac.target]).toEqual([['AppImage', 'deb'], ['nsis'], ['dmg']]);
  });
});

describe('built app', () => {
  it('has every entry point the packaged app loads (npm run build)', () => {
    const workers = readdirSync(join(REPO_ROOT, 'electron/main'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.worker.ts'))
      .map((f) => `dist/workers/${f.split('/').pop()!.replace(/\.ts$/, '.cjs')}`);
    expect(workers.length).toBeGreaterThan(0);
    const missing = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/cli.cjs', ...workers].filter(
      (f) => !existsSync(join(REPO_ROOT, f)),
    );
    expect(missing, 'run `npm run build`').toEqual([]);
  });
});

describe('scripts/check-native-abi.mjs', () => {
  it("refuses node_modules' Node-ABI better-sqlite3 for Electron, and accepts it for Node's own ABI", () => {
    const file = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const bytes = readFileSync(file);
    expect(abi.abiProblem(bytes, abi.electronAbi(electronVersion), file)).toMatch(/is built for module ABI \d+, but Electron needs ABI \d+/);
    expect(abi.abiProblem(bytes, Number(process.versions.modules), file)).toBeNull();
  });

  it('refuses a file that is not a Node addon', () => {
    expect(abi.abiProblem(Buffer.from('MZ not an addon'), 150, 'x.node')).toMatch(/not a Node addon/);
  });
});
