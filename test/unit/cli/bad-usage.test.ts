import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMain } from '../../../electron/main/main-context';
import { latestSchemaVersion } from '../../../electron/main/store/migrate';
import { runAttest } from '../../support/cli';
import { makeTempDir } from '../../support/temp';

/** Every bad input: one clear line on stderr, exit code 2, nothing changed. */
function expectOneLineError(result: ReturnType<typeof runAttest>, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^attest: /);
  expect(result.stderr).toMatch(pattern);
}

describe('attest CLI: usage', () => {
  it('prints help and version', () => {
    const help = runAttest(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: attest <command>/);
    expect(help.stdout).toMatch(/models/);
    const version = runAttest(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^attest \d+\.\d+\.\d+/);
  });

  it('rejects an unknown command', () => {
    expectOneLineError(runAttest(['frobnicate']), /Unknown command "frobnicate".*attest --help/);
  });

  it('rejects an unknown flag with the usage', () => {
    expectOneLineError(runAttest(['models', '--frob']), /Unknown option '--frob'.*Usage: attest models/);
  });

  it('rejects stray arguments', () => {
    expectOneLineError(runAttest(['models', 'extra']), /takes 0 argument/);
  });

  it('rejects a malformed --as-of date', () => {
    const t = makeTempDir();
    createMain({ workspaceDir: t.dir, create: true }).close();
    expectOneLineError(runAttest(['models', '--workspace', t.dir, '--as-of', 'last tuesday']), /asOf/);
    t.cleanup();
  });
});

describe('attest CLI: bad workspaces change nothing', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('a folder that does not exist', () => {
    expectOneLineError(runAttest(['models', '--workspace', join(dir, 'missing')]), /does not exist/);
  });

  it('a file instead of a folder', () => {
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    expectOneLineError(runAttest(['models', '--workspace', file]), /is a file, not a workspace folder/);
  });

  it('a folder that is not a workspace', () => {
    expectOneLineError(runAttest(['models', '--workspace', dir]), /not an Attest workspace \(it has no attest.db\)/);
  });

  it('an attest.db that is not a database', () => {
    const db = join(dir, 'attest.db');
    writeFileSync(db, 'not sqlite '.repeat(500));
    const before = readFileSync(db);
    expectOneLineError(runAttest(['models', '--workspace', dir]), /not an Attest workspace database/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('a database from a newer build', () => {
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    createMain({ workspaceDir: ws, create: true }).close();
    const raw = new Database(join(ws, 'attest.db'));
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    raw.close();
    const before = readFileSync(join(ws, 'attest.db'));
    expectOneLineError(runAttest(['models', '--workspace', ws]), /newer Attest/);
    expect(readFileSync(join(ws, 'attest.db')).equals(before)).toBe(true);
  });

  it('honours ATTEST_WORKSPACE when --workspace is absent', () => {
    expectOneLineError(runAttest(['models'], { ATTEST_WORKSPACE: join(dir, 'nowhere') }), /nowhere does not exist/);
  });
});
