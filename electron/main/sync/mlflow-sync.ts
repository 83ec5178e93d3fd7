import type { ModelVersionRecord, RegisteredModelRecord, RunRecord } from '../../../shared/schemas/bundle';
import type { ImportSummary } from '../../../shared/schemas/sync';
import { toIso } from '../core/clock';
import type { JobControl } from '../core/jobs';
import { canonicalJson, sha256Hex } from '../core/hashing';
import type { ImportDeps } from './import-bundle';
import { importFromSource } from './import-source';
import { type ArtifactBytes, withArtifacts } from './mlflow-artifacts';
import { MlflowClient, type MlflowClientOptions } from './mlflow-client';
import { GetRun, MetricHistory, SearchModelVersions, SearchRegisteredModels, modelFromRest, runFromRest, versionFromRest } from './mlflow-rest';

/** What one pass over a tracking server found. */
export interface MlflowState {
  models: RegisteredModelRecord[];
  versions: ModelVersionRecord[];
  runs: RunRecord[];
  /** ONNX and MLmodel files of the versions, by SHA-256. */
  artifacts: ArtifactBytes;
  lastUpdate: string | null;
}

/**
 * Read registered models, versions (aliases, legacy stages, tags) and the runs they come from (params, full metric
 * histories, tags, dataset inputs) and the versions' ONNX and MLmodel files. Runs already in the workspace are not fetched again (`knownRun`): runs never
 * change once finished, and their metric histories are most of the traffic.
 */
export async function readMlflowState(client: MlflowClient, knownRun: (runId: string) => boolean, job?: JobControl): Promise<MlflowState> {
  const models: RegisteredModelRecord[] = [];
  const versions: ModelVersionRecord[] = [];
  const artifacts: ArtifactBytes = new Map();
  let lastUpdate: string | null = null;
  for await (const m of client.paginate('registered-models/search', { max_results: 1000 }, SearchRegisteredModels, (p) => p.registered_models)) {
    job?.throwIfCancelled();
    models.push(modelFromRest(m));
    const filter = `name='${m.name.replace(/'/g, "\\'")}'`;
    for await (const v of client.paginate('model-versions/search', { filter, max_results: 1000 }, SearchModelVersions, (p) => p.model_versions)) {
      versions.push(await withArtifacts(client, versionFromRest(v), artifacts));
      const updated = v.last_updated_timestamp ?? v.creation_timestamp;
      if (lastUpdate === null || new Date(updated).toISOString() > lastUpdate) lastUpdate = new Date(updated).toISOString();
    }
    job?.report('mlflow', models.length, null, `Read ${m.name}`);
  }
  const runIds = [...new Set(versions.map((v) => v.runId).filter((id): id is string => id !== undefined && !knownRun(id)))].sort();
  const runs: RunRecord[] = [];
  for (const [i, runId] of runIds.entries()) {
    job?.throwIfCancelled();
    const { run } = await client.get('runs/get', { run_id: runId }, GetRun);
    const history = [];
    for (const key of new Set(run.data.metrics.map((m) => m.key))) {
      for await (const point of client.paginate('metrics/get-history', { run_id: runId, metric_key: key }, MetricHistory, (p) => p.metrics)) history.push(point);
    }
    runs.push(runFromRest(run, history));
    job?.report('mlflow', i + 1, runIds.length, `Read run ${runId}`);
  }
  return { models, versions, runs, artifacts, lastUpdate };
}

/**
 * Sync a live MLflow server into the workspace as one 'mlflow-live' snapshot (scope full: versions and models no
 * longer on the server are retired). Unchanged registries say "already imported" and change nothing.
 */
export async function syncMlflow(deps: ImportDeps, options: MlflowClientOptions, job?: JobControl): Promise<ImportSummary> {
  const client = new MlflowClient(options);
  const known = deps.workspace.db.prepare('SELECT 1 FROM run WHERE run_id = ?').pluck();
  const state = await readMlflowState(client, (runId) => known.get(runId) !== undefined, job);
  const observedAt = toIso(deps.clock.now());
  const summary = await importFromSource(
    deps,
    {
      kind: 'mlflow-live',
      source: client.baseUrl,
      label: `MLflow ${client.baseUrl}`,
      observedAt,
      // The registry state identifies the snapshot; runs are facts, fetched only when new, so they are left out.
      contentSha256: sha256Hex(canonicalJson({ source: client.baseUrl, models: state.models, versions: state.versions })),
      scope: 'full',
      ordered: true,
    },
    (session) => {
      for (const r of state.runs) session.writeRecord('runs', r, `${client.baseUrl} run ${r.runId}`);
      for (const m of state.models) session.writeRecord('registered-models', m, `${client.baseUrl} model ${m.name}`);
      for (const v of state.versions) session.writeRecord('model-versions', v, `${client.baseUrl} ${v.model} v${v.version}`);
      return Promise.all([...state.artifacts].map(([sha256, bytes]) => session.writeArtifact(sha256, bytes))).then(() => undefined);
    },
    job,
  );
  // The cursor is advisory (what the server last showed); it is written only after the snapshot committed.
  deps.workspace.db
    .prepare(
      `INSERT INTO sync_cursor (source, kind, last_update_time, last_snapshot_id, updated_at) VALUES (?, 'mlflow-live', ?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET last_update_time = excluded.last_update_time, last_snapshot_id = excluded.last_snapshot_id, updated_at = excluded.updated_at`,
    )
    .run(client.baseUrl, state.lastUpdate, summary.snapshotId, observedAt);
  return summary;
}
