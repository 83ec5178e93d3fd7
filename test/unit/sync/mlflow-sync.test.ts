import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { listInventory } from '../../../electron/main/store/inventory-repo';
import { credentialsFromEnv, normaliseServerUrl } from '../../../electron/main/sync/mlflow-client';
import { syncMlflow } from '../../../electron/main/sync/mlflow-sync';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { makeTempDir } from '../../support/temp';

const actor = { user: 'engineer', displayName: 'E. Engineer' };
type Route = (query: URLSearchParams, attempt: number) => { status?: number; body: unknown; delayMs?: number; raw?: string };

/** Answers with the REST shapes of ../shared/fixtures/mlflow/mlflow_rest_response_shapes.json. */
function mlflowRoutes(): Record<string, Route> {
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
                { name: 'credit-pd', version: '2', creation_timestamp: '1700000200000', current_stage: 'Production', run_id: 'r1', tags: [{ key: 'k', value: 'v' }] },
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
    'metrics/get-history': () => ({ body: { metrics: [{ key: 'auc', value: 0.7, timestamp: 1700000030000, step: 0 }, { key: 'auc', value: 'NaN', timestamp: 1700000040000, step: 1 }] } }),
  };
}

async function startServer(routes: Record<string, Route>, token: string | null): Promise<{ server: Server; url: string }> {
  const attempts = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const endpoint = url.pathname.replace('/api/2.0/mlflow/', '');
    const key = `${endpoint}?${url.searchParams.get('filter') ?? ''}${url.searchParams.get('page_token') ?? ''}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    if (token !== null && req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401).end('{"error_code":"UNAUTHENTICATED"}');
      return;
    }
    const route = routes[endpoint];
    if (!route) {
      res.writeHead(404).end('{}');
      return;
    }
    const answer = route(url.searchParams, attempts.get(key) ?? 1);
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(answer.raw ?? JSON.stringify(answer.body));
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('live MLflow sync', () => {
  let cleanup = () => {};
  let ws: Workspace;
  let server: Server | null = null;
  const deps = (at = '2026-03-01T00:00:00.000Z') => ({ workspace: ws, clock: fixedClock(at), actor });
  const options = (url: string, token?: string) => ({ url, timeoutMs: 200, retries: 2, backoffMs: 10, ...(token ? { token } : {}) });
  beforeEach(() => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    ws = openWorkspace(join(t.dir, 'ws'), { create: true });
  });
  afterEach(async () => {
    ws.close();
    cleanup();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = null;
  });

  it('syncs models, versions, aliases, stages, runs with metric history and datasets — through a 503, a slow page and pagination', async () => {
    const started = await startServer(mlflowRoutes(), 'secret');
    server = started.server;
    const summary = await syncMlflow(deps(), options(started.url, 'secret'));
    expect(summary).toMatchObject({ verification: 'not-signed-source', alreadyImported: false });
    expect(summary.counts).toMatchObject({ registeredModels: 2, modelVersions: 2, aliasMoves: 1, runs: 1 });
    const inventory = listInventory(ws.db, null, '2026-03-01T00:00:00.000Z');
    const credit = inventory.find((m) => m.name === 'credit-pd');
    expect(credit?.riskTier).toBe('high');
    expect(credit?.versions.map((v) => [v.version, v.stage, v.aliases.join()])).toEqual([
      ['2', 'Production', 'champion'],
      ['1', null, ''],
    ]);
    expect(ws.db.prepare("SELECT value, value_text FROM run_metric WHERE run_id = 'r1' ORDER BY step").all()).toEqual([
      { value: 0.7, value_text: null },
      { value: null, value_text: 'NaN' },
    ]);
    expect(ws.db.prepare("SELECT profile_json FROM dataset WHERE name = 'loans'").pluck().get()).toBe('{"num_rows":150}');
    expect(ws.db.prepare('SELECT last_update_time FROM sync_cursor').pluck().get()).toBe('2023-11-14T22:16:40.000Z');
    const again = await syncMlflow(deps('2026-03-02T00:00:00.000Z'), options(started.url, 'secret'));
    expect(again.alreadyImported).toBe(true);
  });

  it('says clearly when credentials are refused, the answer is not JSON, or the server never answers', async () => {
    const started = await startServer({ ...mlflowRoutes(), 'registered-models/search': () => ({ body: null, raw: '<html>login</html>' }) }, 'secret');
    server = started.server;
    await expect(syncMlflow(deps(), options(started.url))).rejects.toThrow(/refused the credentials \(HTTP 401\)/);
    await expect(syncMlflow(deps(), options(started.url, 'secret'))).rejects.toThrow(/answered registered-models\/search with something that is not JSON/);
    await expect(syncMlflow(deps(), options('http://127.0.0.1:9', 'x'))).rejects.toThrow(/could not be reached/);
    expect(ws.db.prepare('SELECT count(*) FROM snapshot').pluck().get()).toBe(0);
  });

  it('keeps credentials out of URLs and reads them from the environment only', () => {
    expect(() => normaliseServerUrl('https://user:pw@mlflow.bank')).toThrow(/contains credentials/);
    expect(normaliseServerUrl('https://mlflow.bank/root/')).toBe('https://mlflow.bank/root');
    expect(credentialsFromEnv({ ATTEST_MLFLOW_TOKEN: 't' })).toEqual({ token: 't' });
    expect(credentialsFromEnv({ ATTEST_MLFLOW_USERNAME: 'u', ATTEST_MLFLOW_PASSWORD: 'p' })).toEqual({ username: 'u', password: 'p' });
  });
});
