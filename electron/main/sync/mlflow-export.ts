import { modelFromRest, versionFromRest } from './mlflow-rest';
import { z } from 'zod';
import type { ModelVersionRecord, RegisteredModelRecord, RunRecord } from '../../../shared/schemas/bundle';

/**
 * The JSON written by mlflow-export-import (model.json, run.json): not the REST shapes. Params and tags are
 * objects, metrics `{ key: [{ value, timestamp, step }] }`, model-version tags an object, timestamps in ms
 * (numbers, or strings from old servers). Loose objects: the tool adds `_`-prefixed readable copies.
 */
const Millis = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const TagList = z.array(z.looseObject({ key: z.string(), value: z.string() }));
const Tags = z.union([z.record(z.string(), z.string()), TagList]).default({});
const System = z.looseObject({ export_time: z.number(), mlflow_tracking_uri: z.string().optional() });

const ExportedVersion = z.looseObject({
  version: z.union([z.string(), z.number()]).transform(String),
  creation_timestamp: Millis,
  last_updated_timestamp: Millis.optional(),
  current_stage: z.string().optional(),
  description: z.string().nullable().optional(),
  run_id: z.string().optional(),
  source: z.string().optional(),
  status: z.string().optional(),
  tags: Tags,
});

export const ExportedModel = z.looseObject({
  system: System,
  mlflow: z.looseObject({
    registered_model: z.looseObject({
      name: z.string().min(1),
      creation_timestamp: Millis,
      last_updated_timestamp: Millis.optional(),
      description: z.string().nullable().optional(),
      aliases: z.array(z.looseObject({ alias: z.string(), version: z.union([z.string(), z.number()]).transform(String) })).default([]),
      tags: Tags,
      versions: z.array(ExportedVersion).default([]),
    }),
  }),
});
export type ExportedModel = z.infer<typeof ExportedModel>;

export const ExportedRun = z.looseObject({
  system: System,
  mlflow: z.looseObject({
    info: z.looseObject({
      run_id: z.string().min(1),
      experiment_id: z.string().optional(),
      user_id: z.string().optional(),
      status: z.string().optional(),
      start_time: Millis.nullable().optional(),
      end_time: Millis.nullable().optional(),
      artifact_uri: z.string().optional(),
      run_name: z.string().optional(),
    }),
    params: z.record(z.string(), z.string()).default({}),
    metrics: z.record(z.string(), z.array(z.looseObject({ value: z.union([z.number(), z.string()]), timestamp: Millis, step: Millis.default(0) }))).default({}),
    tags: Tags,
  }),
});
export type ExportedRun = z.infer<typeof ExportedRun>;

const iso = (ms: number) => new Date(ms).toISOString();
const tagList = (tags: z.infer<typeof Tags>) => (Array.isArray(tags) ? tags : Object.entries(tags).map(([key, value]) => ({ key, value })));
const tagObject = (tags: z.infer<typeof Tags>) => Object.fromEntries(tagList(tags).map((t) => [t.key, t.value]));

/** When the export was taken (the snapshot's observed time). */
export function exportTime(exported: { system: { export_time: number } }): string {
  return iso(exported.system.export_time * 1000);
}

/** A registered model and its versions as bundle records, mapped as live sync maps them (mlflow-rest.ts). */
export function modelRecords(exported: ExportedModel): { model: RegisteredModelRecord; versions: ModelVersionRecord[] } {
  const m = exported.mlflow.registered_model;
  // The export writes tags as an object where REST writes a list, and nests versions under their model.
  return {
    model: modelFromRest({ ...m, tags: tagList(m.tags) }),
    versions: m.versions.map((v) => versionFromRest({ ...v, name: m.name, tags: tagList(v.tags) })),
  };
}

/** A run as a bundle record; metric values MLflow wrote as strings (NaN, Infinity) stay strings. */
export function runRecord(exported: ExportedRun): RunRecord {
  const { info, params, metrics, tags } = exported.mlflow;
  return {
    runId: info.run_id,
    ...(info.experiment_id ? { experimentId: info.experiment_id } : {}),
    ...(info.run_name ? { runName: info.run_name } : {}),
    ...(info.user_id ? { userId: info.user_id } : {}),
    ...(info.status ? { status: info.status } : {}),
    ...(typeof info.start_time === 'number' ? { startTime: iso(info.start_time) } : {}),
    ...(typeof info.end_time === 'number' ? { endTime: iso(info.end_time) } : {}),
    ...(info.artifact_uri ? { artifactUri: info.artifact_uri } : {}),
    params,
    metrics: Object.entries(metrics).flatMap(([key, points]) =>
      points.map((p) => ({ key, value: typeof p.value === 'number' ? p.value : (p.value as 'NaN'), timestamp: iso(p.timestamp), step: p.step })),
    ),
    tags: tagObject(tags),
    datasetInputs: [],
  };
}
