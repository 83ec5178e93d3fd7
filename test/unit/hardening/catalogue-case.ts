import { expect } from 'vitest';
import { runAttest } from '../../support/cli';
import { snapshotWorkspace } from '../../support/hardening';

/** One bad input: how to write it, and the exit code and one-line error Attest must answer with. */
export interface BadInputCase {
  name: string;
  /** Write the input under `root` (beside the workspace) and return the CLI arguments, without --workspace. */
  make(root: string): Promise<string[]>;
  exit: number;
  /** What the single error line must say (what was wrong, and where). */
  error: RegExp;
  /** Commands that take no workspace (replay-case) are run without --workspace. */
  noWorkspace?: boolean;
  /** replay-case reports "cannot replay here" (exit 3) as its result on stdout, with the reason on one line. */
  onStdout?: boolean;
  /** Set while Attest does not yet refuse this input: why, and where the fix belongs. The case is then skipped. */
  gap?: string;
}

/** Run a case through the built CLI and check the answer and that the workspace did not change. */
export async function expectRefused(c: BadInputCase, root: string, ws: string): Promise<void> {
  const args = await c.make(root);
  const before = snapshotWorkspace(ws);
  const result = runAttest(c.noWorkspace ? args : [...args, '--workspace', ws]);
  // Progress lines ("7% Importing …") may precede it; the error itself is exactly one "attest:" line.
  const errors = c.onStdout ? result.stdout.split('\n').filter((l) => c.error.test(l)) : result.stderr.split('\n').filter((l) => l.startsWith('attest: '));
  expect({ code: result.code, errors: errors.length }, result.stderr).toEqual({ code: c.exit, errors: 1 });
  expect(errors[0]).toMatch(c.error);
  expect(result.stderr).not.toMatch(/\n\s+at |Internal error/);
  expect(snapshotWorkspace(ws)).toEqual(before);
}
