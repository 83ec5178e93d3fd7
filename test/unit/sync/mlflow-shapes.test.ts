import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GetRun, ListArtifacts, MetricHistory, SearchModelVersions, SearchRegisteredModels } from '../../../electron/main/sync/mlflow-rest';
import { sharedFixturesDir } from '../../support/fixtures';

const shapes = z
  .object({
    endpoints: z.record(z.string(), z.object({ path: z.string().optional(), request: z.record(z.string(), z.string()).optional(), response: z.record(z.string(), z.string()).optional() }).loose()),
    messages: z.record(z.string(), z.record(z.string(), z.string())),
  })
  .loose()
  .parse(JSON.parse(readFileSync(sharedFixturesDir('mlflow', 'mlflow_rest_response_shapes.json'), 'utf8')));

/** The object schema inside defaults, optionals and arrays. */
function objectOf(schema: z.ZodType): z.ZodObject<Record<string, z.ZodType>> {
  let current: unknown = schema;
  for (let i = 0; i < 10; i++) {
    if (current instanceof z.ZodObject) return current;
    const def = (current as { _zod: { def: { innerType?: unknown; element?: unknown } } })._zod.def;
    current = def.innerType ?? def.element;
  }
  throw new Error('no object schema inside');
}

const keys = (schema: z.ZodType) => Object.keys(objectOf(schema).shape).sort();
/** The schema of one field of an object schema (looking through defaults and arrays). */
const field = (schema: z.ZodType, ...path: string[]): z.ZodType => path.reduce<z.ZodType>((s, key) => {
  const next = objectOf(s).shape[key];
  if (!next) throw new Error(`no field ${key}`);
  return next;
}, schema);
const fixtureKeys = (fields: Record<string, string> | undefined) => Object.keys(fields ?? {});

describe('MLflow REST schemas against ../shared/fixtures/mlflow/mlflow_rest_response_shapes.json', () => {
  it('read only fields the MLflow REST API defines, for every endpoint the sync calls', () => {
    const checks: [z.ZodType, Record<string, string> | undefined][] = [
      [SearchRegisteredModels, shapes.endpoints['registered-models/search']?.response],
      [field(SearchRegisteredModels, 'registered_models'), shapes.messages.RegisteredModel],
      [SearchModelVersions, shapes.endpoints['model-versions/search']?.response],
      [field(SearchModelVersions, 'model_versions'), shapes.messages.ModelVersion],
      [GetRun, shapes.endpoints['runs/get']?.response],
      [field(GetRun, 'run'), shapes.messages.Run],
      [field(GetRun, 'run', 'info'), shapes.messages.RunInfo],
      [field(GetRun, 'run', 'data'), shapes.messages.RunData],
      [field(GetRun, 'run', 'inputs'), shapes.messages.RunInputs],
      [MetricHistory, shapes.endpoints['metrics/get-history']?.response],
      [field(MetricHistory, 'metrics'), shapes.messages.Metric],
      [ListArtifacts, shapes.endpoints['artifacts/list']?.response],
      [field(ListArtifacts, 'files'), shapes.messages.FileInfo],
    ];
    for (const [schema, fields] of checks) {
      expect(fixtureKeys(fields).length).toBeGreaterThan(0);
      for (const key of keys(schema)) expect(fixtureKeys(fields), key).toContain(key);
    }
    for (const key of keys(field(GetRun, 'run', 'inputs', 'dataset_inputs', 'dataset'))) expect(fixtureKeys(shapes.messages.Dataset)).toContain(key);
  });

  it('calls the endpoints at the paths, with the parameters, the fixture lists', () => {
    for (const [endpoint, params] of [
      ['registered-models/search', ['max_results', 'page_token']],
      ['model-versions/search', ['filter', 'max_results', 'page_token']],
      ['runs/get', ['run_id']],
      ['metrics/get-history', ['run_id', 'metric_key', 'page_token']],
      ['artifacts/list', ['run_id', 'path', 'page_token']],
    ] as const) {
      expect(shapes.endpoints[endpoint]?.path).toBe(`/api/2.0/mlflow/${endpoint}`);
      for (const p of params) expect(fixtureKeys(shapes.endpoints[endpoint]?.request)).toContain(p);
    }
  });
});
