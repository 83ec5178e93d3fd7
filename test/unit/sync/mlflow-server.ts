import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The stand-in model file and MLmodel the server hands out for run r1. */
export const ONNX_BYTES = 'onnx-bytes';
export const MLMODEL_TEXT = [
  'artifact_path: model',
  'flavors:',
  '  onnx:',
  '    data: model.onnx',
  '    onnx_version: 1.16.1',
  'mlflow_version: 2.19.0',
  'model_uuid: 9f1c2b7a',
  'run_id: r1',
  'signature:',
  `  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1,`,
  `    2]}}]'`,
  `  outputs: '[{"name": "pd", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1]}}]'`,
  '',
].join('\n');

/** One endpoint's answer for a query and the attempt number (1 = first call of this exact request). */
export type Route = (query: URLSearchParams, attempt: number) => { status?: number; body: unknown; delayMs?: number; raw?: string | Buffer };

/**
 * The route key of a request path. MLflow 3's logged-model routes carry the id in the path; it is passed to the
 * route as the `model_id` query parameter: `logged-models/get`, `logged-models/artifacts/directories` and (the UI's
 * download route, outside /api/) `/logged-models/artifacts/files`.
 */
function routeOf(pathname: string, query: URLSearchParams): string {
  const api = /^\/api\/2\.0\/mlflow\/logged-models\/(m-[^/]+)(\/artifacts\/directories)?$/.exec(pathname);
  if (api?.[1]) {
    query.set('model_id', decodeURIComponent(api[1]));
    return api[2] ? 'logged-models/artifacts/directories' : 'logged-models/get';
  }
  const ajax = /^\/ajax-api\/2\.0\/mlflow\/logged-models\/(m-[^/]+)\/artifacts\/files$/.exec(pathname);
  if (ajax?.[1]) {
    query.set('model_id', decodeURIComponent(ajax[1]));
    return '/logged-models/artifacts/files';
  }
  return pathname.replace('/api/2.0/mlflow/', '');
}

/** A POST's JSON body as query parameters (lists joined with commas), so routes read GET and POST alike. */
async function bodyParams(req: IncomingMessage, query: URLSearchParams): Promise<void> {
  if (req.method !== 'POST') return;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
  for (const [k, v] of Object.entries(body)) query.set(k, Array.isArray(v) ? v.join(',') : String(v));
}

/** Endpoints MLflow serves only as POST (a GET is answered 405, as Flask does). */
const POST_ONLY = new Set(['logged-models/search']);

/** Answers with the REST shapes of ../shared/fixtures/mlflow/mlflow_rest_response_shapes.json. */
export function mlflowRoutes(): Record<string, Route> {
  return {
    'registered-models/search': (q, attempt) =>
      attempt === 1
        ? { status: 503, body: { error_code: 'TEMPORARILY_UNAVAILABLE' } }
        : q.get('page_token') === 'p2'
          ? { body: { registered_models: [{ name: 'churn', creation_timestamp: '1700000000000' }] } }
          : {
              body: {
                registered_models: [
                  { name: 'credit-pd', creation_timestamp: 1700000000000, last_updated_timestamp: 1700000500000, tags: [{ key: 'attest.risk_tier', value: 'high' }], aliases: [{ alias: 'champion', version: '2' }] },
                ],
                next_page_token: 'p2',
              },
            },
    'model-versions/search': (q, attempt) =>
      q.get('filter') === "name='churn'"
        ? { delayMs: attempt === 1 ? 400 : 0, body: {} }
        : {
            body: {
              model_versions: [
                { name: 'credit-pd', version: '1', creation_timestamp: 1700000100000, current_stage: 'None', run_id: 'r1', status: 'READY' },
                { name: 'credit-pd', version: '2', creation_timestamp: '1700000200000', current_stage: 'Production', run_id: 'r1', source: 'runs:/r1/model', tags: [{ key: 'k', value: 'v' }] },
              ],
            },
          },
    'runs/get': () => ({
      body: {
        run: {
          info: { run_id: 'r1', experiment_id: '3', status: 'FINISHED', start_time: 1700000000000, end_time: 1700000050000 },
          data: { metrics: [{ key: 'auc', value: 0.8, timestamp: 1700000040000, step: 1 }], params: [{ key: 'depth', value: '6' }], tags: [{ key: 'mlflow.user', value: 'ana' }] },
          inputs: { dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'loans', digest: '062ac4fa', source_type: 's3', source: '{"uri": "s3://b/loans"}', profile: '{"num_rows": 150}' } }] },
        },
      },
    }),
    'artifacts/list': (q) =>
      q.get('path') === 'model'
        ? { body: { root_uri: 's3://b/r1/artifacts', files: [{ path: 'model/MLmodel', is_dir: false, file_size: 9 }, { path: 'model/model.onnx', is_dir: false, file_size: '10' }, { path: 'model/extra', is_dir: true }] } }
        : { body: {} },
    '/get-artifact': (q) => ({ body: null, raw: q.get('path') === 'model/model.onnx' ? ONNX_BYTES : MLMODEL_TEXT }),
    'metrics/get-history': () => ({ body: { metrics: [{ key: 'auc', value: 0.7, timestamp: 1700000030000, step: 0 }, { key: 'auc', value: 'NaN', timestamp: 1700000040000, step: 1 }] } }),
  };
}

/**
 * An in-process MLflow stand-in on 127.0.0.1 (no MLflow server can run here). It asks for a bearer `token`, or
 * for basic auth when given a username and password (MLflow's basic-auth app); null = no auth.
 */
export async function startServer(routes: Record<string, Route>, token: string | { username: string; password: string } | null): Promise<{ server: Server; url: string }> {
  const expectedAuthorization = token === null ? null : typeof token === 'string' ? `Bearer ${token}` : `Basic ${Buffer.from(`${token.username}:${token.password}`).toString('base64')}`;
  const attempts = new Map<string, number>();
  const server = createServer((req, res) => void answer(req, res));
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    await bodyParams(req, url.searchParams);
    const endpoint = routeOf(url.pathname, url.searchParams);
    if (POST_ONLY.has(endpoint) !== (req.method === 'POST')) {
      res.writeHead(405).end('<html>Method Not Allowed</html>');
      return;
    }
    const key = `${endpoint}?${url.searchParams.get('filter') ?? ''}${url.searchParams.get('page_token') ?? ''}${url.searchParams.get('model_id') ?? ''}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    if (expectedAuthorization !== null && req.headers.authorization !== expectedAuthorization) {
      res.writeHead(401).end('{"error_code":"UNAUTHENTICATED"}');
      return;
    }
    const route = routes[endpoint];
    if (!route) {
      res.writeHead(404).end('{}');
      return;
    }
    const reply = route(url.searchParams, attempts.get(key) ?? 1);
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(reply.raw ?? JSON.stringify(reply.body));
    }, reply.delayMs ?? 0);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
