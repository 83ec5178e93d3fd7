import type { z } from 'zod';
import type { BundleManifest } from '../../../shared/schemas/bundle';
import { AttestError } from '../core/errors';
import { ARTIFACTS_PREFIX, MANIFEST_PATH, SIGNATURE_PATH, assertSafeMemberPath } from './bundle-layout';

/** The hint for every integrity failure of a bundle. */
export const tamperedHint =
  'The file was damaged in transit or altered after it was signed. Nothing was imported; ask the sender for a fresh copy and compare its SHA-256.';

/** Parse a small JSON entry (manifest, signature) with its schema; errors name the entry and the field. */
export function parseJsonEntry<T extends z.ZodType>(schema: T, bytes: Buffer, where: string): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AttestError('integrity', `${where} is not valid JSON.`, tamperedHint);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestError('integrity', `${where}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`, tamperedHint);
  }
  return parsed.data;
}

/** The manifest's own member list must be safe before any entry is matched against it. */
export function checkManifestMembers(path: string, manifest: BundleManifest): void {
  const seen = new Set<string>([MANIFEST_PATH, SIGNATURE_PATH]);
  for (const member of manifest.members) {
    assertSafeMemberPath(member.path, `${path}: manifest`);
    if (seen.has(member.path)) {
      throw new AttestError('integrity', `${path}: the manifest lists ${member.path} twice (or a reserved name).`, tamperedHint);
    }
    seen.add(member.path);
    if (member.kind === 'artifact' && member.path !== `${ARTIFACTS_PREFIX}${member.sha256}`) {
      throw new AttestError('integrity', `${path}: artifact member ${member.path} is not stored under its SHA-256.`, tamperedHint);
    }
  }
}
