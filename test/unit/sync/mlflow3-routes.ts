import { type Route, mlflowRoutes } from './mlflow-server';

/** The logged model credit-pd v3 was registered from, and one more logged model of the same experiment. */
export const LOGGED_MODEL_ID = 'm-4f2a9c';
export const OTHER_LOGGED_MODEL_ID = 'm-77be01';

/** An MLflow 3 MLmodel for a per-feature ONNX model (as mlflow.onnx.log_model writes it, with model_id). */
export function mlmodel3(features: string[]): string {
  const inputs = features.map((f) => ({ type: 'tensor', name: f, 'tensor-spec': { dtype: 'float32', shape: [-1, 1] } }));
  return [
    'artifact_path: model',
    'flavors:',
    '  onnx:',
    '    data: model.onnx',
    '    onnx_version: 1.17.0',
    'mlflow_version: 3.1.0',
    `model_id: ${LOGGED_MODEL_ID}`,
    'model_uuid: 0c7d',
    'run_id: r1',
    'signature:',
    `  inputs: '${JSON.stringify(inputs)}'`,
    `  outputs: '[{"name": "pd", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1]}}]'`,
    '',
  ].join('\n');
}

/** LoggedModel JSON as service.proto's LoggedModel (info + data), timestamps in ms. */
export function loggedModelJson(id: string, overrides: { status?: string; tags?: { key: string; value: string }[] } = {}): unknown {
  return {
    info: {
      model_id: id,
      experiment_id: '3',
      name: id === LOGGED_MODEL_ID ? 'credit-pd-onnx' : 'challenger',
      creation_timestamp_ms: 1700000250000,
      last_updated_timestamp_ms: 1700000260000,
      artifact_uri: `mlflow-artifacts:/3/models/${id}/artifacts`,
      status: overrides.status ?? 'LOGGED_MODEL_READY',
      model_type: 'onnx',
      source_run_id: 'r1',
      tags: overrides.tags ?? [{ key: 'mlflow.user', value: 'ana' }],
      registrations: id === LOGGED_MODEL_ID ? [{ name: 'credit-pd', version: '3' }] : [],
    },
    data: {
      params: [{ key: 'C', value: '0.5' }],
      metrics: [
        { key: 'auc', value: 0.81, timestamp: 1700000255000, step: 0, dataset_name: 'holdout', dataset_digest: '9a1b', model_id: id, run_id: 'r1' },
        { key: 'accuracy', value: 'NaN', timestamp: '1700000255000', model_id: id },
      ],
    },
  };
}

/**
 * An MLflow 3 server: the MLflow 2 stand-in plus credit-pd v3 registered from a logged model (source
 * `models:/m-…`), the logged-model endpoints (get, a two-page search, artifact listing and download).
 */
export function mlflow3Routes(onnx: Uint8Array, mlmodel: string): Record<string, Route> {
  const base = mlflowRoutes();
  const versions = base['model-versions/search']!;
  return {
    ...base,
    'model-versions/search': (q, n) => {
      const answer = versions(q, n);
      const list = (answer.body as { model_versions?: unknown[] }).model_versions;
      if (!list) return answer;
      const v3 = { name: 'credit-pd', version: '3', creation_timestamp: 1700000300000, current_stage: 'Staging', source: `models:/${LOGGED_MODEL_ID}`, run_id: 'r1', model_id: LOGGED_MODEL_ID, status: 'READY' };
      return { body: { model_versions: [...list, v3] } };
    },
    'logged-models/get': (q) =>
      q.get('model_id') === LOGGED_MODEL_ID
        ? { body: { model: loggedModelJson(LOGGED_MODEL_ID) } }
        : { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Logged model with ID '${q.get('model_id')}' not found.` } },
    'logged-models/search': (q) =>
      q.get('experiment_ids') !== '3'
        ? { body: {} }
        : q.get('page_token') === 'lp2'
          ? { body: { models: [loggedModelJson(OTHER_LOGGED_MODEL_ID)] } }
          : { body: { models: [loggedModelJson(LOGGED_MODEL_ID)], next_page_token: 'lp2' } },
    'logged-models/artifacts/directories': (q) =>
      q.get('model_id') === LOGGED_MODEL_ID
        ? { body: { root_uri: `mlflow-artifacts:/3/models/${LOGGED_MODEL_ID}/artifacts`, files: [{ path: 'MLmodel', is_dir: false, file_size: mlmodel.length }, { path: 'model.onnx', is_dir: false, file_size: onnx.length }, { path: 'requirements.txt', is_dir: false, file_size: 12 }] } }
        : { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } },
    '/logged-models/artifacts/files': (q) => {
      const path = q.get('artifact_file_path');
      if (q.get('model_id') !== LOGGED_MODEL_ID || (path !== 'MLmodel' && path !== 'model.onnx')) return { status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } };
      return { body: null, raw: path === 'model.onnx' ? Buffer.from(onnx) : mlmodel };
    },
  };
}
