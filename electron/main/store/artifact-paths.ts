import { join } from 'node:path';
import type { WorkspacePaths } from '../workspace/paths';

/** Where the content-addressed store keeps a file: artifacts/sha256/<first two hex>/<hash>. */
export function artifactPath(paths: WorkspacePaths, sha256: string): string {
  return join(paths.artifacts, 'sha256', sha256.slice(0, 2), sha256);
}
