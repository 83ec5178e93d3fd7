import { open, readFile, stat } from 'node:fs/promises';
import type { ImportSummary } from '../../../shared/schemas/sync';
import { AttestError } from '../core/errors';
import type { JobControl } from '../core/jobs';
import { type ImportDeps, importBundle } from './import-bundle';
import { importMlflowExport, isMlflowExportJson } from './import-mlflow-export';
import { importOpenLineageFile } from './import-openlineage';

/**
 * Import whatever `path` is: a snapshot bundle (tar, or gzip), an mlflow-export-import folder or file, or an
 * OpenLineage .json/.jsonl file. Decided by content, not by name, except .json vs .jsonl.
 */
export async function importPath(deps: ImportDeps, path: string, options: { allowUnverified?: boolean }, job?: JobControl): Promise<ImportSummary> {
  switch (await detectImportKind(path)) {
    case 'bundle':
      return importBundle(deps, path, options, job);
    case 'mlflow-export':
      return importMlflowExport(deps, path, job);
    case 'openlineage':
      return importOpenLineageFile(deps, path, job);
  }
}

/** What kind of source `path` is, by content (and .json vs .jsonl); refuses anything Attest does not import. */
export async function detectImportKind(path: string): Promise<ImportKind> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AttestError('not-found', `Nothing to import at ${path}.`, 'Check the path.');
  }
  if (info.isDirectory()) return 'mlflow-export';
  const head = await readHead(path, 512);
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  const isTar = head.subarray(257, 262).toString('latin1') === 'ustar';
  if (isGzip || isTar) return 'bundle';
  if (path.endsWith('.json') && isMlflowExportJson(await readJson(path))) return 'mlflow-export';
  if (/\.(jsonl|ndjson|json)$/.test(path)) return 'openlineage';
  throw new AttestError(
    'bad-input',
    `${path} is neither a snapshot bundle, an mlflow-export-import folder, nor an OpenLineage .json/.jsonl file.`,
    'Pass a .attest bundle, the folder written by mlflow-export-import, or an OpenLineage events file.',
  );
}

export type ImportKind = 'bundle' | 'mlflow-export' | 'openlineage';

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}
