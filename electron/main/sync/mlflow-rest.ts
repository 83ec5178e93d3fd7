import { z } from 'zod';
import type { DatasetRecord, LoggedModelRecord, ModelVersionRecord, RegisteredModelRecord, RunRecord } from '../../../shared/schemas/bundle';

/**
 * MLflow REST response shapes (protobuf JSON, snake_case; unset fields and empty lists omitted; int64 as numbers
 * or, from old servers, strings; NaN as a string), as listed in the shared MLflow fixtures.
 */
const Millis = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]);
const KeyValues = z.array(z.looseObject({ key: z.string(), value: z.string().default('') })).default([]);

export const RestRegisteredModel = z.looseObject({
  name: z.string().min(1),
  creation_timestamp: Millis,
  last_updated_timestamp: Millis.optional(),
  description: z.string().optional(),
  tags: KeyValues,
  aliases: z.array(z.looseObject({ alias: z.string(), version: z.string() })).default([]),
});
export const SearchRegisteredModels = z.looseObject({ registered_models: z.array(RestRegisteredModel).default([]), next_page_token: z.string().optional() });

export const RestModelVersion = z.looseObject({
  name: z.string(),
  version: z.string(),
  creation_timestamp: Millis,
  last_updated_timestamp: Millis.optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  tags: KeyValues,
  /** MLflow 3: the logged model the version was registered from. */
  model_id: z.string().optional(),
});
export const SearchModelVersions = z.looseObject({ model_versions: z.array(RestModelVersion).default([]), next_page_token: z.string().optional() });

const RestMetric = z.looseObject({
  key: z.string(),
  value: z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]),
  timestamp: Millis,
  step: Millis.default(0),
  // MLflow 3 (undocumented): the dataset a logged model's metric was computed on.
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
});
export const MetricHistory = z.looseObject({ metrics: z.array(RestMetric).default([]), next_page_token: z.string().optional() });

const RestDataset = z.looseObject({
  name: z.string(),
  digest: z.string(),
  source_type: z.string().optional(),
  source: z.string().optional(),
  schema: z.string().optional(),
  profile: z.string().optional(),
});

export const GetRun = z.looseObject({
  run: z.looseObject({
    info: z.looseObject({
      run_id: z.string().min(1),
      experiment_id: z.string().optional(),
      run_name: z.string().optional(),
      user_id: z.string().optional(),
      status: z.string().optional(),
      start_time: Millis.optional(),
      end_time: Millis.optional(),
      artifact_uri: z.string().optional(),
    }),
    data: z.looseObject({ metrics: z.array(RestMetric).default([]), params: KeyValues, tags: KeyValues }).default({ metrics: [], params: [], tags: [] }),
    inputs: z.looseObject({ dataset_inputs: z.array(z.looseObject({ tags: KeyValues, dataset: RestDataset })).default([]) }).default({ dataset_inputs: [] }),
  }),
});
export type GetRun = z.infer<typeof GetRun>;

const iso = (ms: number) => new Date(ms).toISOString();
const toObject = (list: KeyValue[]) => Object.fromEntries(list.map((t) => [t.key, t.value]));

type KeyValue = { key: string; value: string };

/** The registered-model fields MLflow writes the same way in REST answers and in mlflow-export-import files. */
export interface MlflowModelFields {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp?: number | undefined;
  description?: string | null | undefined;
  tags: KeyValue[];
  aliases: { alias: string; version: string }[];
}

/** The model-version fields shared by REST answers and export files (the export names the model outside). */
export interface MlflowVersionFields {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp?: number | undefined;
  current_stage?: string | undefined;
  description?: string | null | undefined;
  source?: string | undefined;
  run_id?: string | undefined;
  status?: string | undefined;
  tags: KeyValue[];
  model_id?: string | undefined;
}

/** A registered model as a bundle record (from REST or an export file). */
export function modelFromRest(m: MlflowModelFields): RegisteredModelRecord {
  return {
    name: m.name,
    createdAt: iso(m.creation_timestamp),
    ...(m.last_updated_timestamp !== undefined ? { updatedAt: iso(m.last_updated_timestamp) } : {}),
    ...(m.description ? { description: m.description } : {}),
    tags: toObject(m.tags),
    aliases: Object.fromEntries(m.aliases.map((a) => [a.alias, a.version])),
  };
}

/** A model version as a bundle record (from REST or an export file); the legacy stage "None" means no stage. */
export function versionFromRest(v: MlflowVersionFields): ModelVersionRecord {
  return {
    model: v.name,
    version: v.version,
    createdAt: iso(v.creation_timestamp),
    ...(v.last_updated_timestamp !== undefined ? { updatedAt: iso(v.last_updated_timestamp) } : {}),
    ...(v.current_stage && v.current_stage !== 'None' ? { stage: v.current_stage } : {}),
    ...(v.status ? { status: v.status } : {}),
    ...(v.description ? { description: v.description } : {}),
    ...(v.run_id ? { runId: v.run_id } : {}),
    ...(v.source ? { source: v.source } : {}),
    ...(v.model_id ? { loggedModelId: v.model_id } : {}),
    tags: toObject(v.tags),
  };
}

/** JSON held inside a string (dataset schema/profile); kept as the string when it is not JSON. */
function innerJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A run (with full metric histories, fetched separately) as a bundle record. */
export function runFromRest(r: GetRun['run'], history: z.infer<typeof RestMetric>[]): RunRecord {
  const { info, data, inputs } = r;
  const datasetInputs = inputs.dataset_inputs.map((input) => {
    const d = input.dataset;
    const dataset: DatasetRecord = {
      name: d.name,
      digest: d.digest,
      ...(d.source_type ? { sourceType: d.source_type } : {}),
      ...(d.source ? { source: d.source } : {}),
      ...(d.schema ? { schema: innerJson(d.schema) } : {}),
      ...(d.profile ? { profile: innerJson(d.profile) } : {}),
    };
    return { dataset, tags: toObject(input.tags) };
  });
  return {
    runId: info.run_id,
    ...(info.experiment_id ? { experimentId: info.experiment_id } : {}),
    ...(info.run_name ? { runName: info.run_name } : {}),
    ...(info.user_id ? { userId: info.user_id } : {}),
    ...(info.status ? { status: info.status } : {}),
    ...(info.start_time !== undefined ? { startTime: iso(info.start_time) } : {}),
    ...(info.end_time !== undefined ? { endTime: iso(info.end_time) } : {}),
    ...(info.artifact_uri ? { artifactUri: info.artifact_uri } : {}),
    params: toObject(data.params),
    metrics: (history.length > 0 ? history : data.metrics).map((m) => ({ key: m.key, value: m.value, timestamp: iso(m.timestamp), step: m.step })),
    tags: toObject(data.tags),
    datasetInputs,
  };
}

/** artifacts/list: one directory level of a run's artifacts. */
export const ListArtifacts = z.looseObject({
  root_uri: z.string().optional(),
  files: z.array(z.looseObject({ path: z.string(), is_dir: z.boolean().default(false), file_size: Millis.optional() })).default([]),
  next_page_token: z.string().optional(),
});

/** An MLflow 3 logged model (service.proto `LoggedModel`: `info` and `data`). */
export const RestLoggedModel = z.looseObject({
  info: z.looseObject({
    model_id: z.string().min(1),
    experiment_id: z.string().optional(),
    name: z.string().default(''),
    creation_timestamp_ms: Millis,
    last_updated_timestamp_ms: Millis.optional(),
    artifact_uri: z.string().optional(),
    status: z.string().optional(),
    status_message: z.string().optional(),
    model_type: z.string().optional(),
    source_run_id: z.string().optional(),
    tags: KeyValues,
  }),
  data: z.looseObject({ params: KeyValues, metrics: z.array(RestMetric).default([]) }).default({ params: [], metrics: [] }),
});
export type RestLoggedModel = z.infer<typeof RestLoggedModel>;
/** GET logged-models/{model_id}. */
export const GetLoggedModel = z.looseObject({ model: RestLoggedModel });
/** POST logged-models/search. */
export const SearchLoggedModels = z.looseObject({ models: z.array(RestLoggedModel).default([]), next_page_token: z.string().optional() });

/** A logged model as a bundle record. */
export function loggedModelFromRest(m: RestLoggedModel): LoggedModelRecord {
  const { info, data } = m;
  return {
    modelId: info.model_id,
    name: info.name,
    ...(info.experiment_id ? { experimentId: info.experiment_id } : {}),
    ...(info.source_run_id ? { sourceRunId: info.source_run_id } : {}),
    ...(info.artifact_uri ? { artifactUri: info.artifact_uri } : {}),
    ...(info.model_type ? { modelType: info.model_type } : {}),
    ...(info.status ? { status: info.status } : {}),
    ...(info.status_message ? { statusMessage: info.status_message } : {}),
    createdAt: iso(info.creation_timestamp_ms),
    ...(info.last_updated_timestamp_ms !== undefined ? { updatedAt: iso(info.last_updated_timestamp_ms) } : {}),
    tags: toObject(info.tags),
    params: toObject(data.params),
    metrics: [...data.metrics].sort(byMetricPoint).map((p) => ({
      key: p.key,
      value: p.value,
      timestamp: iso(p.timestamp),
      step: p.step,
      ...(p.dataset_name ? { datasetName: p.dataset_name } : {}),
      ...(p.dataset_digest ? { datasetDigest: p.dataset_digest } : {}),
    })),
  };
}

// MLflow does not promise an order; a stable one keeps an unchanged logged model from looking changed.
function byMetricPoint(a: z.infer<typeof RestMetric>, b: z.infer<typeof RestMetric>): number {
  const key = (m: z.infer<typeof RestMetric>) => [m.key, String(m.timestamp).padStart(16, '0'), String(m.step).padStart(16, '0'), m.dataset_name ?? '', m.dataset_digest ?? ''].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
