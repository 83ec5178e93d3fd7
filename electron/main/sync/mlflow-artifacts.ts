import type { ArtifactRef, ModelVersionRecord } from '../../../shared/schemas/bundle';
import { sha256Hex } from '../core/hashing';
import type { MlflowClient } from './mlflow-client';
import { ListArtifacts } from './mlflow-rest';
import { parseMlmodel } from './mlmodel';
import { readOnnxOpset } from './onnx-opset';

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

/** The MLflow 3 logged model a version's source names (`models:/m-…`), or null. */
export function loggedModelOfSource(source: string | undefined): string | null {
  return /^models:\/(m-[^/]+)\/?$/.exec(source ?? '')?.[1] ?? null;
}

/**
 * Fetch a version's ONNX file and MLmodel and return the version with artifact refs, the ONNX opset and the
 * MLmodel's signature: from its run (`runs:/<run>/<dir>`, `…/artifacts/<dir>`) or, for a version registered from an
 * MLflow 3 logged model (`models:/m-…`), from the root of that logged model's artifact location. Other flavours
 * (pickles) are not fetched: Attest replays ONNX only.
 */
export async function withArtifacts(client: MlflowClient, version: ModelVersionRecord, store: ArtifactBytes): Promise<ModelVersionRecord> {
  const loggedModel = loggedModelOfSource(version.source);
  if (loggedModel !== null) {
    const files = [];
    for await (const f of client.paginate(`logged-models/${encodeURIComponent(loggedModel)}/artifacts/directories`, {}, ListArtifacts, (p) => p.files)) files.push(f);
    return withListedFiles(client, version, files, store, (path) => client.getLoggedModelArtifact(loggedModel, path));
  }
  const dir = versionArtifactDir(version);
  const runId = version.runId;
  if (!runId || dir === null) return version;
  const files = [];
  for await (const f of client.paginate('artifacts/list', { run_id: runId, path: dir }, ListArtifacts, (p) => p.files)) files.push(f);
  return withListedFiles(client, version, files, store, (path) => client.getArtifact(runId, path));
}

/** Download the ONNX file and MLmodel of one listed directory, hash them into `store`, and attach them. */
async function withListedFiles(
  client: MlflowClient,
  version: ModelVersionRecord,
  files: { path: string; is_dir: boolean }[],
  store: ArtifactBytes,
  download: (path: string) => Promise<Buffer>,
): Promise<ModelVersionRecord> {
  const onnx = files.find((f) => !f.is_dir && f.path.endsWith('.onnx'));
  const mlmodel = files.find((f) => !f.is_dir && f.path.split('/').pop() === 'MLmodel');
  const fetchFile = async (path: string, mediaType: string): Promise<{ ref: ArtifactRef; bytes: Buffer }> => {
    const bytes = await download(path);
    const sha256 = sha256Hex(bytes);
    store.set(sha256, bytes);
    return { ref: { sha256, size: bytes.length, mediaType, fileName: path.split('/').pop() ?? path }, bytes };
  };
  const where = `MLflow ${client.baseUrl}: ${version.model} v${version.version}`;
  return withFiles(version, onnx ? await fetchFile(onnx.path, 'application/onnx') : null, mlmodel ? await fetchFile(mlmodel.path, 'application/x-yaml') : null, where);
}

/**
 * A version with its ONNX file and MLmodel (fetched, or read from an export folder): refs by hash, the opset the
 * ONNX file imports, and the signature its MLmodel declares (refused with `where` when the MLmodel is unreadable).
 */
export function withFiles(
  version: ModelVersionRecord,
  onnx: { ref: ArtifactRef; bytes: Uint8Array } | null,
  mlmodel: { ref: ArtifactRef; bytes: Uint8Array } | null,
  where: string,
): ModelVersionRecord {
  const opset = onnx ? readOnnxOpset(onnx.bytes) : null;
  const signature = mlmodel ? parseMlmodel(mlmodel.bytes, `${where}, ${mlmodel.ref.fileName ?? 'MLmodel'}`).signature : undefined;
  return {
    ...version,
    ...(onnx ? { artifact: onnx.ref, framework: version.framework ?? 'onnx' } : {}),
    ...(opset !== null && version.onnxOpset === undefined ? { onnxOpset: opset } : {}),
    ...(mlmodel ? { mlmodel: mlmodel.ref } : {}),
    ...(signature && version.signature === undefined ? { signature } : {}),
  };
}
