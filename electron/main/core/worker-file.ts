import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AttestError } from './errors';

/**
 * Where the build put worker `file` (dist/workers/<name>.cjs): beside the bundled CLI or Electron main, one
 * folder up from a bundled script, or in the repository's dist/ when running from source (tests).
 */
export function builtWorkerFile(file: string, what: string): string {
  const candidates = [
    join(__dirname, 'workers', file),
    resolve(__dirname, '..', 'workers', file),
    resolve(__dirname, '..', '..', '..', 'dist', 'workers', file),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new AttestError(
      'unsupported',
      `The ${what} worker is not built (${file} is missing from dist/workers).`,
      'Run `npm run build` in the Attest folder, then try again.',
    );
  return found;
}
