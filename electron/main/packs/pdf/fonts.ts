import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AttestError } from '../../core/errors';

/**
 * Font files for packs. DejaVu, embedded in every pack: Latin with accents, Greek, Cyrillic, Hebrew, Arabic.
 * WenQuanYi Micro Hei, embedded in a pack only when one of its texts needs it: Chinese, Japanese, Korean, with
 * Latin, Greek and Cyrillic too (fallback-font.ts). A font collection: FALLBACK_FACE names the face used.
 */
export const FONT_FILES = { sans: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf', fallback: 'wqy-microhei.ttc' } as const;
export const FALLBACK_FACE = 'WenQuanYiMicroHei';

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
  const dir = candidates.find((c) => Object.values(FONT_FILES).every((file) => existsSync(join(c, file))));
  if (!dir) {
    throw new AttestError(
      'unsupported',
      `The pack fonts (resources/fonts: ${Object.values(FONT_FILES).join(', ')}) are not all part of this installation.`,
      'Reinstall Attest; packs embed these fonts and never fetch any.',
    );
  }
  return dir;
}
