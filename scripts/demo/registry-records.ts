import { createHash } from 'node:crypto';
import type { ArtifactRef, ModelVersionRecord, RegisteredModelRecord, RunRecord } from '../../shared/schemas/bundle';
import { DECISION_RULE_TAG, TOLERANCE_TAG } from '../../shared/schemas/bundle';
import type { ModelSpec } from './catalog-types';
import { DEMO_TOLERANCE } from './catalog-types';
import { isoAt, monthEndDate, monthLabel } from './calendar';
import { AI_ONNX_OPSET } from './onnx-proto-helpers';
import { governanceTags, versionCreatedAt, versionStates, versionUpdatedAt } from './timeline';
import type { VersionState } from './timeline';
import type { TrainedVersion } from './train-version';
import { datasetRecord } from './datasets';

/** Where the bank's MLflow keeps run artifacts (fictional host). */
export const MLFLOW_ARTIFACT_ROOT = 's3://northwind-mlflow/artifacts';

/** SHA-256 reference to a file carried in a bundle. */
export function artifactRef(bytes: Uint8Array, mediaType: string, fileName: string): ArtifactRef {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mediaType, fileName };
}

/** The registered model as the registry shows it at the end of month `m`. */
export function registeredModelRecord(spec: ModelSpec, m: number): RegisteredModelRecord {
  const aliases: Record<string, string> = {};
  for (const s of versionStates(spec, m)) if (s.alias) aliases[s.alias] = s.version;
  const first = spec.versions[0];
  const createdAt = first ? versionCreatedAt(first) : isoAt(m);
  const updates = spec.versions.flatMap((v) => [v.created, v.promoted ?? Infinity, v.rejected ?? Infinity, v.deleted ?? Infinity]).filter((x) => x <= m);
  return { name: spec.name, createdAt, updatedAt: isoAt(Math.max(...updates), 15, 9), description: spec.description, tags: governanceTags(spec, m), aliases };
}

/** The MLflow MLmodel file of a version (YAML as MLflow writes it; the signature is per-column tensors). */
export function mlmodelBytes(t: TrainedVersion, onnxSize: number): Uint8Array {
  const spec = (name: string): string => `{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1]}, "name": "${name}"}`;
  const inputs = t.spec.population.features.map((f) => spec(f.name)).join(', ');
  const created = versionCreatedAt(t.plan).replace('T', ' ').replace('Z', '000');
  const text = [
    'artifact_path: model',
    'flavors:',
    '  onnx:',
    '    code: null',
    '    data: model.onnx',
    '    onnx_version: 1.10.2',
    '    providers:',
    '    - CPUExecutionProvider',
    '  python_function:',
    '    data: model.onnx',
    '    loader_module: mlflow.onnx',
    '    python_version: 3.11.9',
    'mlflow_version: 2.19.0',
    `model_size_bytes: ${onnxSize}`,
    `model_uuid: ${t.runId.split('').reverse().join('')}`,
    `run_id: ${t.runId}`,
    'signature:',
    `  inputs: '[${inputs}]'`,
    `  outputs: '[${spec(t.spec.output)}]'`,
    '  params: null',
    `utc_time_created: '${created}'`,
    '',
  ].join('\n');
  return Buffer.from(text, 'utf8');
}

function versionTags(t: TrainedVersion, state: VersionState): Record<string, string> {
  const tags: Record<string, string> = { validation_status: state.validation, [TOLERANCE_TAG]: JSON.stringify(DEMO_TOLERANCE) };
  if (t.spec.rule) tags[DECISION_RULE_TAG] = JSON.stringify(t.spec.rule);
  tags['attest.feature_order'] = JSON.stringify(t.spec.population.features.map((f) => f.name));
  tags['training_window'] = `${monthLabel(t.data.window[0])}..${monthLabel(t.data.window[1])}`;
  return tags;
}

/** A model version as the registry shows it at the end of month `m`. */
export function modelVersionRecord(t: TrainedVersion, state: VersionState, m: number): ModelVersionRecord {
  const mlmodel = mlmodelBytes(t, t.onnx.length);
  return {
    model: t.spec.name,
    version: t.version,
    createdAt: versionCreatedAt(t.plan),
    updatedAt: versionUpdatedAt(t.spec, t.plan, m),
    stage: state.stage,
    status: 'READY',
    description: t.plan.note,
    runId: t.runId,
    source: `${MLFLOW_ARTIFACT_ROOT}/${t.spec.experimentId}/${t.runId}/artifacts/model`,
    tags: versionTags(t, state),
    framework: 'onnx',
    onnxOpset: AI_ONNX_OPSET,
    artifact: artifactRef(t.onnx, 'application/onnx', 'model.onnx'),
    mlmodel: artifactRef(mlmodel, 'application/x-yaml', 'MLmodel'),
    signature: {
      inputs: t.spec.population.features.map((f) => ({ name: f.name, type: 'float32', shape: [-1, 1] })),
      outputs: [{ name: t.spec.output, type: 'float32', shape: [-1, 1] }],
    },
  };
}

function userId(owner: string): string {
  const ascii = owner.normalize('NFD').replace(/[^A-Za-z ]/g, '').toLowerCase().split(' ');
  return `${(ascii[0] ?? 'x').slice(0, 1)}.${ascii[ascii.length - 1] ?? 'user'}`;
}

/** The MLflow training run of a version, linked both ways to its OpenLineage run. */
export function runRecord(t: TrainedVersion, lineageRunId: string): RunRecord {
  const start = new Date(isoAt(t.plan.created, t.plan.day, 2, 10)).getTime() - 86_400_000;
  const at = (minutes: number): string => new Date(start + minutes * 60_000).toISOString();
  const history = t.lossHistory.map((value, step) => ({ key: 'train_log_loss', value: Number(value.toFixed(6)), timestamp: at(2 + step), step }));
  const finals = Object.entries(t.metrics).map(([key, value]) => ({ key, value, timestamp: at(4 + t.lossHistory.length), step: 0 }));
  return {
    runId: t.runId,
    experimentId: t.spec.experimentId,
    runName: `${t.spec.name}-train-${monthEndDate(t.plan.created - 1)}`,
    userId: userId(t.spec.owner),
    status: 'FINISHED',
    startTime: at(0),
    endTime: at(5 + t.lossHistory.length),
    artifactUri: `${MLFLOW_ARTIFACT_ROOT}/${t.spec.experimentId}/${t.runId}/artifacts`,
    params: { ...t.params, training_window: `${monthLabel(t.data.window[0])}..${monthLabel(t.data.window[1])}` },
    metrics: [...history, ...finals],
    tags: {
      'mlflow.runName': `${t.spec.name}-train-${monthEndDate(t.plan.created - 1)}`,
      'mlflow.user': userId(t.spec.owner),
      'mlflow.source.type': 'JOB',
      'mlflow.source.name': `airflow://northwind-mlops/train.${t.spec.name}`,
      'mlflow.note.content': t.plan.note,
      'openlineage.run_id': lineageRunId,
      'openlineage.job': `train.${t.spec.name}`,
      model_family: t.spec.family,
    },
    datasetInputs: [{ dataset: datasetRecord(t), tags: { 'mlflow.data.context': 'training' } }],
  };
}
