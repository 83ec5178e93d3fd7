import type { LoggedModelRecord, ModelVersionRecord, RegisteredModelRecord, RunRecord } from '../../../shared/schemas/bundle';
import type { ImportSummary } from '../../../shared/schemas/sync';
import { toIso } from '../core/clock';
import type { JobControl } from '../core/jobs';
import { canonicalJson, sha256Hex } from '../core/hashing';
import type { ImportDeps } from './import-bundle';
import { importFromSource } from './import-source';
import { type ArtifactBytes, loggedModelOfSource, withArtifacts } from './mlflow-artifacts';
import { MlflowClient, type MlflowClientOptions } from './mlflow-client';
import { LoggedModelReader } from './mlflow-logged-models';
import { GetRun, MetricHistory, SearchModelVersions, SearchRegisteredModels, modelFromRest, runFromRest, versionFromRest } from './mlflow-rest';

/** What one pass over a tracking server found. */
export interface MlflowState {
  models: RegisteredModelRecord[];
  versions: ModelVersionRecord[];
  runs: RunRecord[];
  /** MLflow 3 logged models the versions were registered from, and those of their runs' experiments. */
  loggedModels: LoggedModelRecord[];
  /** What the summary should say beyond the counts (a server without logged models, a logged model gone). */
  notes: string[];
  /** ONNX and MLmodel files of the versions, by SHA-256. */
  artifacts: ArtifactBytes;
  lastUpdate: string | null;
  /** Models not changed since the cursor, whose versions were not fetched (incremental sync). */
  unchangedModels: string[];
}

/** What the workspace already holds from this server, so an incremental sync fetches only what changed. */
export interface KnownState {
  run(runId: string): boolean;
  /** The experiment of a run already in the workspace (null when unknown). */
  runExperiment(runId: string): string | null;
  /** The last update time the previous successful sync saw (null: sync everything). */
  cursor: string | null;
  model(name: string): boolean;
  /** The version's ONNX file and MLmodel are already recorded (they never change, so are not fetched again). */
  versionFiles(model: string, version: string): boolean;
}

const NOTHING_KNOWN: KnownState = { run: () => false, runExperiment: () => null, cursor: null, model: () => false, versionFiles: () => false };
const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * Read registered models, versions (aliases, legacy stages, tags), the MLflow 3 logged models they were registered
 * from, the runs they come from (params, full metric histories, tags, dataset inputs) and the versions' ONNX and
 * MLmodel files; then, where the server has the endpoint, every logged model of those runs' experiments. Runs
 * already in the workspace are not fetched again: runs never change once finished, and their metric histories are
 * most of the traffic.
 */
export async function readMlflowState(client: MlflowClient, known: KnownState = NOTHING_KNOWN, job?: JobControl): Promise<MlflowState> {
  const loggedModels = new LoggedModelReader(client, job);
  const registry = await readRegistry(client, known, loggedModels, job);
  const { versions } = registry;
  const namedBy = (id: string) => versions.filter((v) => v.loggedModelId === id || loggedModelOfSource(v.source) === id).map((v) => `${v.model} v${v.version}`).join(', ');
  await loggedModels.readByIds(versions.flatMap((v) => [v.loggedModelId, loggedModelOfSource(v.source)]).filter((id): id is string => typeof id === 'string'), namedBy);
  // MLflow sets a version's run to its logged model's source run; an older or partial record may lack it.
  const linked = versions.map((v) => {
    const sourceRunId = v.loggedModelId ? loggedModels.models.get(v.loggedModelId)?.sourceRunId : undefined;
    return v.runId === undefined && sourceRunId ? { ...v, runId: sourceRunId } : v;
  });
  const runIds = [...new Set(linked.map((v) => v.runId).filter((id): id is string => id !== undefined))].sort();
  const runs = await readRuns(client, runIds.filter((id) => !known.run(id)), job);
  const experiments = [...runIds.map((id) => runs.find((r) => r.runId === id)?.experimentId ?? known.runExperiment(id)), ...loggedModels.records().map((m) => m.experimentId)];
  await loggedModels.readExperiments(experiments.filter((e): e is string => typeof e === 'string'));
  return { ...registry, versions: linked, runs, loggedModels: loggedModels.records(), notes: loggedModels.notes };
}

type RegistryRead = Pick<MlflowState, 'models' | 'versions' | 'artifacts' | 'lastUpdate' | 'unchangedModels'>;

/** The registered models (always whole) and the versions of those changed since the cursor, with their files. */
async function readRegistry(client: MlflowClient, known: KnownState, loggedModels: LoggedModelReader, job?: JobControl): Promise<RegistryRead> {
  const models: RegisteredModelRecord[] = [];
  const versions: ModelVersionRecord[] = [];
  const unchangedModels: string[] = [];
  const artifacts: ArtifactBytes = new Map();
  let lastUpdate = known.cursor;
  const seen = (ms: number) => {
    if (lastUpdate === null || isoOf(ms) > lastUpdate) lastUpdate = isoOf(ms);
  };
  // The model list is always read whole: it carries aliases and tags, and shows which models are gone.
  for await (const m of client.paginate('registered-models/search', { max_results: 1000 }, SearchRegisteredModels, (p) => p.registered_models)) {
    job?.throwIfCancelled();
    models.push(modelFromRest(m));
    const updated = m.last_updated_timestamp ?? m.creation_timestamp;
    seen(updated);
    // MLflow stamps the registered model when a version is created, deleted or moves stage.
    if (known.cursor !== null && known.model(m.name) && isoOf(updated) <= known.cursor) {
      unchangedModels.push(m.name);
      continue;
    }
    const filter = `name='${m.name.replace(/'/g, "\\'")}'`;
    for await (const v of client.paginate('model-versions/search', { filter, max_results: 1000 }, SearchModelVersions, (p) => p.model_versions)) {
      const record = versionFromRest(v);
      versions.push(known.versionFiles(record.model, record.version) ? record : await versionWithFiles(client, record, artifacts, loggedModels));
      seen(v.last_updated_timestamp ?? v.creation_timestamp);
    }
    job?.report('mlflow', models.length, null, `Read ${m.name}`);
  }
  return { models, versions, artifacts, lastUpdate, unchangedModels };
}

/** A version with its files; one whose logged model (or its artifact route) is not on the server keeps its record. */
async function versionWithFiles(client: MlflowClient, record: ModelVersionRecord, artifacts: ArtifactBytes, loggedModels: LoggedModelReader): Promise<ModelVersionRecord> {
  const loggedModel = loggedModelOfSource(record.source);
  if (loggedModel === null) return withArtifacts(client, record, artifacts);
  const files = await loggedModels.unlessMissing(() => withArtifacts(client, record, artifacts), `artifacts of logged model ${loggedModel} (${record.model} v${record.version}) are not on the server; the version was recorded without its files`);
  return files ?? record;
}

/** Runs with their full metric histories. */
async function readRuns(client: MlflowClient, runIds: string[], job?: JobControl): Promise<RunRecord[]> {
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
  return runs;
}

/** What the workspace holds from `source`; `full` ignores the cursor and re-reads every version. */
function knownState(deps: ImportDeps, source: string, full: boolean): KnownState {
  const db = deps.workspace.db;
  const run = db.prepare('SELECT 1 FROM run WHERE run_id = ?').pluck();
  const runExperiment = db.prepare('SELECT experiment_id FROM run WHERE run_id = ?').pluck();
  const model = db.prepare('SELECT 1 FROM registered_model WHERE name = ?').pluck();
  const files = db.prepare(
    `SELECT 1 FROM model_version v JOIN registered_model m ON m.id = v.model_id
     WHERE m.name = ? AND v.version = ? AND v.artifact_sha256 IS NOT NULL AND v.mlmodel_sha256 IS NOT NULL`,
  );
  // The cursor counts only while the snapshot it came from is in the workspace.
  const cursor = full
    ? null
    : ((db.prepare('SELECT c.last_update_time FROM sync_cursor c JOIN snapshot s ON s.id = c.last_snapshot_id WHERE c.source = ?').pluck().get(source) as string | null | undefined) ?? null);
  return {
    run: (id) => run.get(id) !== undefined,
    runExperiment: (id) => (runExperiment.get(id) as string | null | undefined) ?? null,
    cursor,
    model: (name) => model.get(name) !== undefined,
    versionFiles: (m, v) => files.get(m, v) !== undefined,
  };
}

/**
 * Sync a live MLflow server into the workspace as one 'mlflow-live' snapshot (scope full: versions and models no
 * longer on the server are retired). Incremental by update time: versions are fetched only for models MLflow
 * stamped as updated since the last successful sync of this server (`full` re-reads them all), and files already
 * recorded are not downloaded again. A sync that finds nothing new records nothing and says so.
 */
export async function syncMlflow(deps: ImportDeps, options: MlflowClientOptions & { full?: boolean }, job?: JobControl): Promise<ImportSummary> {
  const client = new MlflowClient(options);
  const state = await readMlflowState(client, knownState(deps, client.baseUrl, options.full === true), job);
  const observedAt = toIso(deps.clock.now());
  const summary = await importFromSource(
    deps,
    {
      kind: 'mlflow-live',
      source: client.baseUrl,
      label: `MLflow ${client.baseUrl}`,
      observedAt,
      // What was read identifies the snapshot; runs are facts, fetched only when new, so they are left out.
      contentSha256: sha256Hex(
        canonicalJson({ source: client.baseUrl, models: state.models, versions: state.versions, unchanged: state.unchangedModels, ...(state.loggedModels.length > 0 ? { loggedModels: state.loggedModels } : {}) }),
      ),
      scope: 'full',
      ordered: true,
      skipIfUnchanged: true,
    },
    (session) => {
      for (const name of state.unchangedModels) session.keepVersionsOf(name);
      for (const r of state.runs) session.writeRecord('runs', r, `${client.baseUrl} run ${r.runId}`);
      for (const m of state.loggedModels) session.writeRecord('logged-models', m, `${client.baseUrl} logged model ${m.modelId}`);
      for (const m of state.models) session.writeRecord('registered-models', m, `${client.baseUrl} model ${m.name}`);
      for (const v of state.versions) session.writeRecord('model-versions', v, `${client.baseUrl} ${v.model} v${v.version}`);
      return Promise.all([...state.artifacts].map(([sha256, bytes]) => session.writeArtifact(sha256, bytes))).then(() => undefined);
    },
    job,
  );
  const said = state.notes.length > 0 ? { ...summary, message: `${summary.message} ${state.notes.join(' ')}` } : summary;
  // The cursor is advisory (what the server last showed); it is written only after a snapshot committed, so a
  // sync that found nothing new leaves the workspace exactly as it was.
  if (said.alreadyImported) return said;
  deps.workspace.db
    .prepare(
      `INSERT INTO sync_cursor (source, kind, last_update_time, last_snapshot_id, updated_at) VALUES (?, 'mlflow-live', ?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET last_update_time = excluded.last_update_time, last_snapshot_id = excluded.last_snapshot_id, updated_at = excluded.updated_at`,
    )
    .run(client.baseUrl, state.lastUpdate, said.snapshotId, observedAt);
  return said;
}
