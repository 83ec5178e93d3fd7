import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AttestError } from '../core/errors';

/**
 * resources/demo/index.json: the demo bundles in import order, and the key that signed them.
 * The bundles carry their own signatures, checked by the importer like any other bundle.
 */
export const DemoIndex = z.object({
  bank: z.string(),
  publicKey: z.string(),
  bundles: z.array(z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).loose()).min(1),
}).loose();
export type DemoIndex = z.infer<typeof DemoIndex>;

export interface DemoSource {
  dir: string;
  index: DemoIndex;
  publicKeyPem: string;
}

/** Find the shipped demo (beside the source tree, the bundled CLI, or the packaged app's resources). */
export function findDemoSource(env: NodeJS.ProcessEnv = process.env): DemoSource {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const candidates = [
    env.ATTEST_DEMO_DIR,
    resolve(__dirname, '..', 'resources', 'demo'),
    resolve(__dirname, '..', '..', '..', 'resources', 'demo'),
    resourcesPath ? join(resourcesPath, 'demo') : undefined,
  ].filter((c): c is string => typeof c === 'string');
  const dir = candidates.find((c) => existsSync(join(c, 'index.json')));
  if (!dir) {
    throw new AttestError('unsupported', 'The demo data (resources/demo/index.json) is not part of this installation.', 'Reinstall Attest, or run `npm run demo:generate` in a source checkout.');
  }
  const index = DemoIndex.parse(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));
  return { dir, index, publicKeyPem: readFileSync(join(dir, index.publicKey), 'utf8') };
}
