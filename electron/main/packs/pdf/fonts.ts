import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AttestError } from '../../core/errors';

/** Font files embedded in every pack (DejaVu: Latin with accents, Greek, Cyrillic, Hebrew, Arabic). */
export const FONT_FILES = { sans: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' } as const;

/** Find resources/fonts beside the source tree, the bundled main, or the packaged app's resources. */
export function findFontsDir(env: NodeJS.ProcessEnv = process.env): string {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const candidates = [
    env.ATTEST_FONTS_DIR,
    resolve(__dirname, '..', 'resources', 'fonts'),
    resolve(__dirname, '..', '..', 'resources', 'fonts'),
    resolve(__dirname, '..', '..', '..', '..', 'resources', 'fonts'),
    resourcesPath ? join(resourcesPath, 'fonts') : undefined,
  ].filter((c): c is string => typeof c === 'string');
  const dir = candidates.find((c) => existsSync(join(c, FONT_FILES.sans)));
  if (!dir) {
    throw new AttestError('unsupported', 'The pack fonts (resources/fonts/DejaVuSans.ttf) are not part of this installation.', 'Reinstall Attest; packs embed these fonts and never fetch any.');
  }
  return dir;
}
