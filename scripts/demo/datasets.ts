import type { DatasetRecord } from '../../shared/schemas/bundle';
import { monthEndDate, monthLabel } from './calendar';
import type { Population } from './population';
import type { TrainedVersion } from './train-version';

/** OpenLineage namespace of the bank's data lake (fictional). */
export const LAKE_NAMESPACE = 's3://northwind-datalake';

/** An OpenLineage dataset identity. */
export interface DatasetId {
  namespace: string;
  name: string;
}

/** Where the source system keeps a population's records (OpenLineage naming for PostgreSQL). */
export function sourceTable(p: Population): DatasetId {
  return { namespace: 'postgres://core-banking.northwind.internal:5432', name: `corebank.public.${p.id.replace(/-/g, '_')}` };
}

/** The raw monthly extract of a population in the lake. */
export function rawExtract(p: Population, m: number): DatasetId {
  return { namespace: LAKE_NAMESPACE, name: `raw/${p.id}/month=${monthLabel(m)}` };
}

/** The monthly feature table built from the raw extract. */
export function featureTable(p: Population, m: number): DatasetId {
  return { namespace: LAKE_NAMESPACE, name: `features/${p.id}/month=${monthLabel(m)}` };
}

/** The training set of a version; its MLflow dataset `source` is `<namespace>/<name>` of this identity. */
export function trainingSet(t: TrainedVersion): DatasetId {
  return { namespace: LAKE_NAMESPACE, name: `features/${t.spec.population.id}/training/as_of=${monthEndDate(t.data.window[1])}` };
}

/** The registered model version as an OpenLineage dataset, output of the training job. */
export function modelDataset(t: TrainedVersion): DatasetId {
  return { namespace: 'mlflow://mlflow.northwind.internal', name: `models/${t.spec.name}/versions/${t.version}` };
}

/** Training-set columns as an MLflow column-spec schema. */
export function trainingSchema(t: TrainedVersion): { mlflow_colspec: { type: string; name: string; required: boolean }[] } {
  const cols = t.spec.population.features.map((f) => ({ type: f.decimals === 0 ? 'long' : 'double', name: f.name, required: true }));
  const targetType = t.spec.population.target === 'fraction' ? 'double' : 'long';
  return { mlflow_colspec: [...cols, { type: targetType, name: t.data.targetName, required: true }] };
}

/** The MLflow dataset input of a version's run: digest of the exact training rows, schema and profile. */
export function datasetRecord(t: TrainedVersion): DatasetRecord {
  const id = trainingSet(t);
  return {
    name: `${t.spec.population.id}-training-${monthEndDate(t.data.window[1])}`,
    digest: t.data.digest,
    sourceType: 's3',
    source: `${id.namespace}/${id.name}`,
    schema: trainingSchema(t),
    profile: t.profile,
  };
}
