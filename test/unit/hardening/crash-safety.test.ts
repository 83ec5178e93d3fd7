import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { runAttest } from '../../support/cli';
import { sampleBundleContent } from '../../support/fixtures';
import { TRUSTED_KEY, createTrustingWorkspace, makeHardeningWorkspace, snapshotWorkspace } from '../../support/hardening';
import { REPO_ROOT } from '../../support/replay-fixtures';

const CLI = join(REPO_ROOT, 'bin', 'attest.js');
const COUNTED = ['snapshot', 'decision', 'model_version', 'audit_event'];

function counts(ws: string): Record<string, number> {
  const db = new Database(join(ws, 'attest.db'), { readonly: true });
  try {
    return Object.fromEntries(COUNTED.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

function integrity(ws: string): string {
  const db = new Database(join(ws, 'attest.db'));
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** Resolve when the child's stderr matches `pattern` (e.g. a progress line), or reject when it exits first. */
function waitForOutput(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child[stream]?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}: ${seen}`)));
  });
}

describe('crash safety', () => {
  let env: ReturnType<typeof makeHardeningWorkspace>;
  let big = '';
  beforeAll(async () => {
    env = makeHardeningWorkspace();
    big = join(env.root, 'big.attest.gz');
    await writeBundle(big, sampleBundleContent({ decisions: 200_000 }), TRUSTED_KEY);
  }, 120_000);
  afterAll(() => env.cleanup());

  it('an import killed with SIGKILL mid-way leaves an intact database with no partial snapshot; the same import then succeeds', async () => {
    const before = counts(env.ws);
    const child = spawn(process.execPath, [CLI, 'import', big, '--workspace', env.ws], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Killed once the decisions are being written, well inside the import's one transaction.
    await waitForOutput(child, 'stderr', /Importing decisions\/decisions\.jsonl/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(integrity(env.ws)).toBe('ok');
    expect(counts(env.ws)).toEqual(before);
    // The dead process's lock is stale (its pid is gone), so the retry is not refused.
    const again = runAttest(['import', big, '--workspace', env.ws]);
    expect(again.code, again.stderr).toBe(0);
    expect(counts(env.ws).decision).toBe(before.decision! + 200_000);
  });

  it('a second process is refused with "in use by" while attest serve holds the workspace, changing nothing', async () => {
    const serve = spawn(process.execPath, [CLI, 'serve', '--workspace', env.ws], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitForOutput(serve, 'stdout', /Listening on 127\.0\.0\.1/);
      const before = snapshotWorkspace(env.ws);
      for (const args of [['import', big], ['demo'], ['monitor', 'threshold', '--model', 'credit-pd', '--metric', 'psi', '--alert', '0.2']]) {
        const refused = runAttest([...args, '--workspace', env.ws]);
        expect(refused.code, refused.stderr).toBe(2);
        expect(refused.stderr).toMatch(/^attest: Workspace .* is in use by attest serve \(process \d+ on .*\)/m);
      }
      expect(snapshotWorkspace(env.ws)).toEqual(before);
    } finally {
      serve.kill('SIGTERM');
      await new Promise((resolve) => serve.on('exit', resolve));
    }
  });

  it('a full disk gives a clear error and leaves the workspace usable', (context) => {
    const mnt = join(env.root, 'small-disk');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      // Mounting needs root (or CAP_SYS_ADMIN); on a developer machine without it the case cannot be staged.
      context.skip('mount -t tmpfs is not permitted here');
    }
    try {
      const ws = join(mnt, 'ws');
      createTrustingWorkspace(ws);
      const result = runAttest(['import', big, '--workspace', ws]);
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/^attest: The disk holding the workspace is full; the change was rolled back/m);
      expect(result.stderr).not.toMatch(/Internal error|bug in Attest/);
      expect(integrity(ws)).toBe('ok');
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});
