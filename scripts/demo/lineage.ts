import { daysInMonth, isoAt, monthLabel } from './calendar';
import type { DatasetId } from './datasets';
import { featureTable, modelDataset, rawExtract, sourceTable, trainingSet } from './datasets';
import type { Population } from './population';
import { Rng } from './prng';
import type { TrainedVersion } from './train-version';

/** Producer URI the bank's Airflow OpenLineage provider writes (fictional deployment of a real integration). */
const PRODUCER = 'https://github.com/apache/airflow/tree/providers-openlineage/2.1.0';
const SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACET_VERSIONS: Record<string, string> = {
  SchemaDatasetFacet: '1-2-0', DatasetVersionDatasetFacet: '1-0-1', NominalTimeRunFacet: '1-0-1',
  JobTypeJobFacet: '2-0-4', TagsRunFacet: '1-0-0', DocumentationJobFacet: '1-1-0',
};

function facet(kind: string, body: Record<string, unknown>): Record<string, unknown> {
  const version = FACET_VERSIONS[kind] ?? '1-0-0';
  return { _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/${version}/${kind}.json#/$defs/${kind}`, ...body };
}

interface JobRun {
  namespace: string;
  job: string;
  description: string;
  runId: string;
  start: string;
  end: string;
  inputs: { id: DatasetId; facets?: Record<string, unknown> }[];
  outputs: { id: DatasetId; facets?: Record<string, unknown> }[];
  runFacets?: Record<string, unknown>;
}

/** The START and COMPLETE events of one job run, as the Airflow integration emits them. */
function runEvents(r: JobRun): Record<string, unknown>[] {
  const job = {
    namespace: r.namespace,
    name: r.job,
    facets: {
      jobType: facet('JobTypeJobFacet', { processingType: 'BATCH', integration: 'AIRFLOW', jobType: 'TASK' }),
      documentation: facet('DocumentationJobFacet', { description: r.description }),
    },
  };
  const ds = (d: { id: DatasetId; facets?: Record<string, unknown> }): Record<string, unknown> => ({ ...d.id, ...(d.facets ? { facets: d.facets } : {}) });
  const run = { runId: r.runId, facets: { nominalTime: facet('NominalTimeRunFacet', { nominalStartTime: r.start }), ...(r.runFacets ?? {}) } };
  const base = { producer: PRODUCER, schemaURL: SCHEMA_URL, job, run, inputs: r.inputs.map(ds) };
  return [
    { eventType: 'START', eventTime: r.start, ...base, outputs: [] },
    { eventType: 'COMPLETE', eventTime: r.end, ...base, outputs: r.outputs.map(ds) },
  ];
}

/** Monthly extract and feature-build runs of a population, on the last evening of month `m`. */
export function ingestionEvents(p: Population, m: number, seed: string): Record<string, unknown>[] {
  const rng = new Rng(seed, `${p.id}/lineage/${m}`);
  const day = daysInMonth(m);
  const ns = 'airflow://northwind-dataplatform';
  return [
    ...runEvents({
      namespace: ns, job: `ingest_${p.id.replace(/-/g, '_')}.extract`, description: `Monthly extract of ${p.id} from core banking`,
      runId: rng.uuid(), start: isoAt(m, day, 21, 0), end: isoAt(m, day, 21, 7 + rng.int(20)),
      inputs: [{ id: sourceTable(p) }], outputs: [{ id: rawExtract(p, m) }],
    }),
    ...runEvents({
      namespace: ns, job: `features_${p.id.replace(/-/g, '_')}.build`, description: `Feature table ${p.id} for ${monthLabel(m)}`,
      runId: rng.uuid(), start: isoAt(m, day, 22, 0), end: isoAt(m, day, 22, 12 + rng.int(30)),
      inputs: [{ id: rawExtract(p, m) }],
      outputs: [{ id: featureTable(p, m), facets: { schema: facet('SchemaDatasetFacet', { fields: p.features.map((f) => ({ name: f.name, type: f.decimals ? 'DOUBLE' : 'BIGINT', description: f.description })) }) } }],
    }),
  ];
}

/** The OpenLineage run id of a version's training job (also tagged on its MLflow run). */
export function trainingLineageRunId(t: TrainedVersion, seed: string): string {
  return new Rng(seed, `${t.spec.name}/v${t.version}/lineage`).uuid();
}

/**
 * Training-set assembly and training runs of a version. The training run carries the MLflow run id in a
 * `tags` run facet (key `mlflow_run_id`) and outputs the model version as a dataset in the MLflow namespace.
 */
export function trainingEvents(t: TrainedVersion, seed: string): Record<string, unknown>[] {
  const rng = new Rng(seed, `${t.spec.name}/v${t.version}/lineage-build`);
  const ns = 'airflow://northwind-mlops';
  const [from, to] = t.data.window;
  const features = Array.from({ length: to - from + 1 }, (_, i) => ({ id: featureTable(t.spec.population, from + i) }));
  const day = t.plan.day - 1;
  const schema = facet('SchemaDatasetFacet', { fields: t.spec.population.features.map((f) => ({ name: f.name, type: f.decimals ? 'DOUBLE' : 'BIGINT' })) });
  const trainingOut = { id: trainingSet(t), facets: { schema, version: facet('DatasetVersionDatasetFacet', { datasetVersion: t.data.digest }) } };
  const tags = [
    ['mlflow_run_id', t.runId], ['mlflow_experiment_id', t.spec.experimentId],
    ['registered_model', t.spec.name], ['model_version', t.version],
  ].map(([key, value]) => ({ key, value, source: 'MLFLOW' }));
  return [
    ...runEvents({
      namespace: ns, job: `train_${t.spec.name.replace(/-/g, '_')}.build_training_set`, description: `Training set for ${t.spec.name}`,
      runId: rng.uuid(), start: isoAt(t.plan.created, day, 1, 0), end: isoAt(t.plan.created, day, 1, 40),
      inputs: features, outputs: [trainingOut],
    }),
    ...runEvents({
      namespace: ns, job: `train_${t.spec.name.replace(/-/g, '_')}.fit`, description: `Fit and register ${t.spec.name}`,
      runId: trainingLineageRunId(t, seed), start: isoAt(t.plan.created, day, 2, 10), end: isoAt(t.plan.created, day, 2, 15 + t.lossHistory.length),
      inputs: [trainingOut], outputs: [{ id: modelDataset(t) }],
      runFacets: { tags: facet('TagsRunFacet', { tags }) },
    }),
  ];
}
