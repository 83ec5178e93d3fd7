import { existsSync, readFileSync } from 'node:fs';
import { AttestError } from '../core/errors';
import { sha256Hex } from '../core/hashing';
import { artifactPath } from '../store/artifact-paths';
import type { WorkspacePaths } from '../workspace/paths';

/**
 * Read an artifact from the content-addressed store and prove it is the one the registry recorded.
 * Called before every replay run: a file changed on disk after import must never be replayed as the model.
 */
export function readVerifiedArtifact(paths: WorkspacePaths, expectedSha256: string, what: string): Uint8Array {
  const file = artifactPath(paths, expectedSha256);
  return readVerifiedFile(file, expectedSha256, what);
}

/** Read a file and check its SHA-256; refuses with the file, the expected and the found hash. */
export function readVerifiedFile(file: string, expectedSha256: string, what: string): Uint8Array {
  if (!existsSync(file)) {
    throw new AttestError(
      'not-found',
      `The artifact of ${what} is missing from the workspace: ${file} does not exist (expected SHA-256 ${expectedSha256}).`,
      'Re-import the bundle that carries this model version; replay needs the exact artifact.',
    );
  }
  const bytes = readFileSync(file);
  const found = sha256Hex(bytes);
  if (found !== expectedSha256) {
    throw new AttestError(
      'integrity',
      `Refusing to replay ${what}: the artifact file ${file} has SHA-256 ${found}, but the registry records ${expectedSha256}. The file was changed after import.`,
      'Do not trust replays of this version until the artifact is restored: re-import the signed bundle that carries it.',
      { file, expected: expectedSha256, found },
    );
  }
  return bytes;
}
