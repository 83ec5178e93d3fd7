import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandIo } from '../../electron/cli/command';

/** The repository root (this file is test/support/replay-fixtures.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The shared ONNX replay fixtures, kept beside the repository (../shared/fixtures/onnx). */
export const ONNX_FIXTURES = join(REPO_ROOT, '..', 'shared', 'fixtures', 'onnx');

/** Are the shared fixtures present on this machine? */
export function hasOnnxFixtures(): boolean {
  return existsSync(join(ONNX_FIXTURES, 'ORT_NODE_RESULTS.json'));
}

/** In-memory CLI io that records what a command printed. */
export function captureIo(): { io: CommandIo; out: () => string; err: () => string } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: {},
      interrupted: new Promise<void>(() => undefined),
    },
    out: () => stdout,
    err: () => stderr,
  };
}
