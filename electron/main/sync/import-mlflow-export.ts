import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import type { ImportSummary } from '../../../shared/schemas/sync';
import { AttestError } from '../core/errors';
import { sha256Hex } from '../core/hashing';
import type { JobControl } from '../core/jobs';
import type { ImportDeps } from './import-bundle';
import { importFromSource } from './import-source';
import type { ModelVersionRecord, RegisteredModelRecord } from '../../../shared/schemas/bundle';
import type { ArtifactBytes } from './mlflow-artifacts';
import { ExportedModel, ExportedRun, exportTime, modelRecords, runRecord } from './mlflow-export';
import { withExportedArtifacts } from './mlflow-export-artifacts';

const MAX_DEPTH = 8;

interface ExportFile {
  full: string;
  rel: string;
  sha256: string;
  parsed: { kind: 'model'; value: ExportedModel } | { kind: 'run'; value: ExportedRun };
}

/** Whether a JSON value looks like an mlflow-export-import file (model.json or run.json). */
export function isMlflowExportJson(value: unknown): boolean {
  const mlflow = (value as { mlflow?: Record<string, unknown> } | null)?.mlflow;
  return typeof (value as { system?: unknown } | null)?.system === 'object' && typeof mlflow === 'object' && mlflow !== null && ('registered_model' in mlflow || 'info' in mlflow);
}

/**
 * Import an mlflow-export-import output (a folder with models/…/model.json and …/runs/…/run.json, or one such
 * file) as one snapshot observed at the export time. An export may cover some models only, so it never retires
 * what it does not list ('incremental').
 */
export async function importMlflowExport(deps: ImportDeps, path: string, job?: JobControl): Promise<ImportSummary> {
  const root = resolve(path);
  const isDir = (await stat(root)).isDirectory();
  const files = isDir ? await collect(root, root, 0) : [await readExportFile(root, basename(root))].filter((f): f is ExportFile => f !== null);
  if (files.length === 0) {
    throw new AttestError('bad-input', `${root} holds no mlflow-export-import model.json or run.json files.`, 'Point at the folder written by export-models / export-runs.');
  }
  // Only registry state needs exports in order; runs are facts and may arrive in any order.
  const times = files.map((f) => exportTime(f.parsed.value)).sort();
  const source = files.map((f) => f.parsed.value.system.mlflow_tracking_uri).find((u) => u !== undefined) ?? 'mlflow-export';
  const artifacts: ArtifactBytes = new Map();
  const models = await readModels(root, files, artifacts);
  // The model files copied beside runs are part of the content: a re-export with other files is a new snapshot.
  const artifactLines = [...artifacts.keys()].map((sha) => `artifact\u0000${sha}`);
  const contentSha256 = sha256Hex([...files.map((f) => `${f.rel}\u0000${f.sha256}`), ...artifactLines].sort().join('\n'));
  return importFromSource(
    deps,
    { kind: 'mlflow-export', source, label: basename(root), observedAt: times.at(-1) ?? '', contentSha256, scope: 'incremental', ordered: files.some((f) => f.parsed.kind === 'model') },
    (session) => {
      // Runs first, then models before their versions, so every reference resolves.
      for (const f of files) if (f.parsed.kind === 'run') session.writeRecord('runs', runRecord(f.parsed.value), f.rel);
      for (const { rel, model, versions } of models) {
        session.writeRecord('registered-models', model, rel);
        for (const v of versions) session.writeRecord('model-versions', v, `${rel}, version ${v.version}`);
      }
      return Promise.all([...artifacts].map(([sha256, bytes]) => session.writeArtifact(sha256, bytes))).then(() => undefined);
    },
    job,
  );
}

/** Each exported model's records, its versions carrying the ONNX and MLmodel files found beside their runs. */
async function readModels(root: string, files: ExportFile[], artifacts: ArtifactBytes): Promise<{ rel: string; model: RegisteredModelRecord; versions: ModelVersionRecord[] }[]> {
  const runJson = new Map<string, string>();
  for (const f of files) if (f.parsed.kind === 'run') runJson.set(f.parsed.value.mlflow.info.run_id, f.full);
  const out = [];
  for (const f of files) {
    if (f.parsed.kind !== 'model') continue;
    const { model, versions } = modelRecords(f.parsed.value);
    const withFiles = [];
    for (const v of versions) withFiles.push(await withExportedArtifacts(root, v.runId === undefined ? undefined : runJson.get(v.runId), v, artifacts, `${f.rel}, version ${v.version}`));
    out.push({ rel: f.rel, model, versions: withFiles });
  }
  return out;
}

async function collect(root: string, dir: string, depth: number): Promise<ExportFile[]> {
  if (depth > MAX_DEPTH) return [];
  const found: ExportFile[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    // Artifacts folders hold model files, not export metadata; symlinks are not followed out of the export.
    if (entry.isDirectory() && entry.name !== 'artifacts') found.push(...(await collect(root, full, depth + 1)));
    else if (entry.isFile() && entry.name.endsWith('.json')) {
      const file = await readExportFile(full, relative(root, full));
      if (file) found.push(file);
    }
  }
  return found;
}

async function readExportFile(full: string, rel: string): Promise<ExportFile | null> {
  const bytes = await readFile(full);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!isMlflowExportJson(value)) return null;
  const isModel = 'registered_model' in (value as { mlflow: object }).mlflow;
  const parsed = isModel ? parse(ExportedModel, value, rel) : parse(ExportedRun, value, rel);
  return { full, rel, sha256: sha256Hex(bytes), parsed: isModel ? { kind: 'model', value: parsed as ExportedModel } : { kind: 'run', value: parsed as ExportedRun } };
}

function parse<T extends z.ZodType>(schema: T, value: unknown, rel: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new AttestError('bad-input', `${rel}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`, 'This file does not look like mlflow-export-import output; check the tool version.');
}
