import type { ArtifactRef, ModelVersionRecord } from '../../../shared/schemas/bundle';
import { sha256Hex } from '../core/hashing';
import type { MlflowClient } from './mlflow-client';
import { ListArtifacts } from './mlflow-rest';

/** Downloaded artifact bytes by SHA-256 (a file shared by versions is fetched and stored once). */
export type ArtifactBytes = Map<string, Uint8Array>;

/** The artifact directory of a version inside its run: `runs:/<run>/<dir>` or `…/artifacts/<dir>`. */
export function versionArtifactDir(version: ModelVersionRecord): string | null {
  const source = version.source ?? '';
  const runs = /^runs:\/[^/]+\/(.+)$/.exec(source);
  if (runs?.[1]) return runs[1].replace(/\/+$/, '');
  const index = source.lastIndexOf('/artifacts/');
  return index >= 0 ? source.slice(index + '/artifacts/'.length).replace(/\/+$/, '') || null : null;
}

/**
 * Fetch a version's ONNX file and MLmodel (when its run holds them) and return the version with artifact refs.
 * Other flavours (pickles) are not fetched: Attest replays ONNX only.
 */
export async function withArtifacts(client: MlflowClient, version: ModelVersionRecord, store: ArtifactBytes): Promise<ModelVersionRecord> {
  const dir = versionArtifactDir(version);
  if (!version.runId || dir === null) return version;
  const files = [];
  for await (const f of client.paginate('artifacts/list', { run_id: version.runId, path: dir }, ListArtifacts, (p) => p.files)) files.push(f);
  const onnx = files.find((f) => !f.is_dir && f.path.endsWith('.onnx'));
  const mlmodel = files.find((f) => !f.is_dir && f.path.split('/').pop() === 'MLmodel');
  const fetchRef = async (path: string, mediaType: string): Promise<ArtifactRef> => {
    const bytes = await client.getArtifact(version.runId ?? '', path);
    const sha256 = sha256Hex(bytes);
    store.set(sha256, bytes);
    return { sha256, size: bytes.length, mediaType, fileName: path.split('/').pop() ?? path };
  };
  return {
    ...version,
    ...(onnx ? { artifact: await fetchRef(onnx.path, 'application/onnx'), framework: version.framework ?? 'onnx' } : {}),
    ...(mlmodel ? { mlmodel: await fetchRef(mlmodel.path, 'application/x-yaml') } : {}),
  };
}
