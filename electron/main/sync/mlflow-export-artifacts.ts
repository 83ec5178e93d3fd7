import { lstat, readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ArtifactRef, ModelVersionRecord } from '../../../shared/schemas/bundle';
import { AttestError } from '../core/errors';
import { sha256Hex } from '../core/hashing';
import { type ArtifactBytes, versionArtifactDir, withFiles } from './mlflow-artifacts';

/**
 * A version with the ONNX file and MLmodel that mlflow-export-import copied beside its run (`<run folder>/run.json`
 * and `<run folder>/artifacts/<model dir>/…`), hashed and kept in `store`, as live sync fetches them. A version
 * whose run or model folder is not in the export keeps only its record. Symlinks are not followed, and a model
 * folder that would lie outside the run's artifacts folder is refused.
 */
export async function withExportedArtifacts(root: string, runJson: string | undefined, version: ModelVersionRecord, store: ArtifactBytes, where: string): Promise<ModelVersionRecord> {
  const dir = versionArtifactDir(version);
  if (runJson === undefined || dir === null) return version;
  const artifacts = join(dirname(runJson), 'artifacts');
  const modelDir = resolve(artifacts, dir);
  if (!modelDir.startsWith(artifacts + sep)) {
    throw new AttestError('bad-input', `${where}: the version's source "${version.source ?? ''}" points outside its run's artifacts folder.`, 'The export was altered or not written by mlflow-export-import; nothing was imported.');
  }
  const isRealDir = async (path: string) => (await lstat(path).catch(() => null))?.isDirectory() === true;
  if (!(await isRealDir(artifacts)) || !(await isRealDir(modelDir))) return version;
  const entries = await readdir(modelDir, { withFileTypes: true });
  const pick = (match: (name: string) => boolean) => entries.filter((e) => e.isFile() && match(e.name)).map((e) => e.name).sort()[0];
  const read = async (name: string | undefined, mediaType: string): Promise<{ ref: ArtifactRef; bytes: Uint8Array } | null> => {
    if (name === undefined) return null;
    const path = join(modelDir, name);
    if (!(await lstat(path)).isFile()) return null;
    const bytes = await readFile(path);
    const sha256 = sha256Hex(bytes);
    store.set(sha256, bytes);
    return { ref: { sha256, size: bytes.length, mediaType, fileName: name }, bytes };
  };
  const onnx = await read(pick((n) => n.endsWith('.onnx')), 'application/onnx');
  const mlmodel = await read(pick((n) => n === 'MLmodel'), 'application/x-yaml');
  return withFiles(version, onnx, mlmodel, `${where} (${relative(root, modelDir)})`);
}
