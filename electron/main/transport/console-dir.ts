import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AttestError } from '../core/errors';

/**
 * Where the built console (Vite output) is: beside the bundled CLI in dist/, or ATTEST_CONSOLE_DIR.
 * Refuses with a clear sentence when it has not been built.
 */
export function findConsoleDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.ATTEST_CONSOLE_DIR,
    join(__dirname, 'renderer'),
    resolve(__dirname, '..', 'renderer'),
    resolve(process.cwd(), 'dist', 'renderer'),
  ].filter((c): c is string => typeof c === 'string');
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) {
    throw new AttestError(
      'unsupported',
      'The console is not built (dist/renderer/index.html is missing).',
      'Run `npm run build` in the Attest folder, then try again.',
    );
  }
  return resolve(found);
}
