import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireWorkspaceLock } from '../../../electron/main/workspace/lock';
import { makeTempDir } from '../../support/temp';

describe('workspace writer lock', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());
  const now = '2026-11-22T12:00:00.000Z';

  it('is taken, refused to a second holder with who holds it, and released', () => {
    const lock = acquireWorkspaceLock(dir, 'attest serve', now);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'attest serve' });
    expect(() => acquireWorkspaceLock(dir, 'attest import', now)).toThrow(
      new RegExp(`in use by attest serve \\(process ${process.pid} on .*since ${now}\\)`),
    );
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireWorkspaceLock(dir, 'attest import', now).release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), purpose: 'crashed', since: now }));
    const lock = acquireWorkspaceLock(dir, 'attest demo', now);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ purpose: 'attest demo' });
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    writeFileSync(join(dir, LOCK_FILE), '{half-writ');
    acquireWorkspaceLock(dir, 'attest demo', now).release();
  });

  it('respects a lock held on another host', () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'other-host', purpose: 'attest serve', since: now }));
    expect(() => acquireWorkspaceLock(dir, 'attest demo', now)).toThrow(/on other-host/);
  });
});
