import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AttestError } from '../core/errors';

const LockHolder = z.object({ pid: z.number().int(), host: z.string(), purpose: z.string(), since: z.string() });
type LockHolder = z.infer<typeof LockHolder>;

export const LOCK_FILE = 'workspace.lock';

/** A held workspace lock; release it when the work ends (also released if the process dies). */
export interface WorkspaceLock {
  release(): void;
}

/**
 * Take the workspace's writer lock for `purpose` ("attest serve", "attest import", the desktop console).
 * SQLite already serialises writes; the lock keeps two long-running writers (two consoles, an import
 * while the console imports) from interleaving, and tells the second one who holds the workspace.
 * A lock left by a process that no longer exists on this host is taken over.
 */
export function acquireWorkspaceLock(root: string, purpose: string, now: string): WorkspaceLock {
  const path = join(root, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), purpose, since: now };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return { release: () => releaseIfMine(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && isAlive(holder)) throw inUse(root, holder);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new AttestError('conflict', `Could not take the lock of workspace ${root}.`, 'Try again in a moment.');
}

function readHolder(path: string): LockHolder | null {
  try {
    return LockHolder.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null; // unreadable or half-written: treated as stale
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot check another machine's processes: assume alive
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfMine(path: string): void {
  const holder = readHolder(path);
  if (holder && holder.pid === process.pid && holder.host === hostname()) rmSync(path, { force: true });
}

function inUse(root: string, holder: LockHolder): AttestError {
  return new AttestError(
    'conflict',
    `Workspace ${root} is in use by ${holder.purpose} (process ${holder.pid} on ${holder.host}, since ${holder.since}).`,
    'Wait for it to finish or close it, then try again. Nothing was changed.',
  );
}
