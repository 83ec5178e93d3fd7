import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { sha256Hex } from '../../../electron/main/core/hashing';
import { artifactPath } from '../../../electron/main/store/artifact-paths';
import { listInventory } from '../../../electron/main/store/inventory-repo';
import { findReplayTarget } from '../../../electron/main/store/replay-repo';
import { credentialsFromEnv, normaliseServerUrl } from '../../../electron/main/sync/mlflow-client';
import { syncMlflow } from '../../../electron/main/sync/mlflow-sync';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { makeTempDir } from '../../support/temp';
import { MLMODEL_TEXT, ONNX_BYTES, type Route, mlflowRoutes, startServer } from './mlflow-server';

const actor = { user: 'engineer', displayName: 'E. Engineer' };
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
    // The cursor: the latest update the server showed (here credit-pd's own stamp).
    expect(ws.db.prepare('SELECT last_update_time FROM sync_cursor').pluck().get()).toBe('2023-11-14T22:21:40.000Z');
    const onnxSha = sha256Hex(ONNX_BYTES);
    expect(ws.db.prepare("SELECT v.artifact_sha256 FROM model_version v WHERE v.version = '2'").pluck().get()).toBe(onnxSha);
    expect(readFileSync(artifactPath(ws.paths, onnxSha), 'utf8')).toBe(ONNX_BYTES);
    expect(readFileSync(artifactPath(ws.paths, sha256Hex(MLMODEL_TEXT)), 'utf8')).toBe(MLMODEL_TEXT);
    expect(ws.db.prepare('SELECT media_type FROM artifact ORDER BY media_type').pluck().all()).toEqual(['application/onnx', 'application/x-yaml']);
    // The MLmodel is parsed: its signature is where replay reads it, the rest summarised beside its hash.
    expect(findReplayTarget(ws.db, { model: 'credit-pd', version: '2' }).signature).toEqual({
      inputs: [{ name: '0', type: 'float32', shape: [-1, 2] }],
      outputs: [{ name: 'pd', type: 'float32', shape: [-1, 1] }],
    });
    expect(ws.db.prepare("SELECT mlmodel_sha256, mlmodel_json, onnx_opset FROM model_version WHERE version = '2'").get()).toEqual({
      mlmodel_sha256: sha256Hex(MLMODEL_TEXT),
      mlmodel_json: '{"artifactPath":"model","flavors":["onnx"],"mlflowVersion":"2.19.0","modelUuid":"9f1c2b7a","onnxData":"model.onnx","onnxVersion":"1.16.1","runId":"r1"}',
      onnx_opset: null,
    });
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

  it('syncs incrementally: a second sync fetches only the model list and records nothing; an updated version is picked up', async () => {
    const routes = mlflowRoutes();
    const calls = new Map<string, number>();
    const count = (k: string): Route => (q, n) => {
      calls.set(k, (calls.get(k) ?? 0) + 1);
      return routes[k]!(q, n);
    };
    const counted = Object.fromEntries(Object.keys(routes).map((k) => [k, count(k)]));
    const started = await startServer(counted, null);
    server = started.server;
    const first = await syncMlflow(deps(), options(started.url));
    const firstCalls = new Map(calls);
    expect(firstCalls.get('model-versions/search')).toBe(3); // churn's slow page is asked twice
    expect(firstCalls.get('/get-artifact')).toBe(2);
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(ws.paths.db);

    calls.clear();
    const second = await syncMlflow(deps('2026-03-02T00:00:00.000Z'), options(started.url));
    expect(second).toMatchObject({ alreadyImported: true, snapshotId: first.snapshotId });
    expect(second.message).toMatch(/Nothing changed at http:\/\/127\.0\.0\.1:\d+ since snapshot \d+/);
    // Only the model list: neither model was stamped as updated since the first sync.
    expect(calls.get('model-versions/search') ?? 0).toBe(0);
    expect([...calls.keys()].sort()).toEqual(['registered-models/search']);
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(ws.paths.db).equals(before)).toBe(true);

    // Version 2 moves to Archived; MLflow stamps both the version and its registered model.
    routes['registered-models/search'] = (q) =>
      q.get('page_token') === 'p2'
        ? { body: { registered_models: [{ name: 'churn', creation_timestamp: '1700000000000' }] } }
        : { body: { registered_models: [{ name: 'credit-pd', creation_timestamp: 1700000000000, last_updated_timestamp: 1700000900000, tags: [{ key: 'attest.risk_tier', value: 'high' }], aliases: [{ alias: 'champion', version: '2' }] }], next_page_token: 'p2' } };
    const versions = routes['model-versions/search']!;
    routes['model-versions/search'] = (q, n) => {
      const answer = versions(q, n);
      const list = (answer.body as { model_versions?: { version: string }[] }).model_versions;
      return list ? { body: { model_versions: list.map((v) => (v.version === '2' ? { ...v, current_stage: 'Archived', last_updated_timestamp: 1700000900000 } : v)) } } : answer;
    };
    calls.clear();
    const third = await syncMlflow(deps('2026-03-03T00:00:00.000Z'), options(started.url));
    expect(third.alreadyImported).toBe(false);
    expect(third.counts).toMatchObject({ registeredModels: 1, modelVersions: 1, runs: 0, artifacts: 0 });
    expect(calls.get('model-versions/search')).toBe(1);
    expect(calls.get('/get-artifact') ?? 0).toBe(0);
    const credit = listInventory(ws.db, null, '2026-03-03T00:00:00.000Z').find((m) => m.name === 'credit-pd');
    expect(credit?.versions.map((v) => [v.version, v.stage])).toEqual([
      ['2', 'Archived'],
      ['1', null],
    ]);
    expect(ws.db.prepare('SELECT last_update_time FROM sync_cursor').pluck().get()).toBe('2023-11-14T22:28:20.000Z');
    // --full ignores the cursor and re-reads every version (here: nothing new to record).
    calls.clear();
    expect((await syncMlflow(deps('2026-03-04T00:00:00.000Z'), { ...options(started.url), full: true })).alreadyImported).toBe(true);
    expect(calls.get('model-versions/search')).toBe(2);
  });

  it('refuses a version whose MLmodel cannot be read, naming the server, version and file, and writes nothing', async () => {
    const routes = mlflowRoutes();
    const artifact = routes['/get-artifact'];
    const started = await startServer({ ...routes, '/get-artifact': (q, n) => (q.get('path') === 'model/MLmodel' ? { body: null, raw: 'flavors: [onnx' } : artifact!(q, n)) }, null);
    server = started.server;
    await expect(syncMlflow(deps(), options(started.url))).rejects.toThrow(/credit-pd v2, MLmodel, line 2: the MLmodel file is not valid YAML/);
    expect(ws.db.prepare('SELECT count(*) FROM model_version').pluck().get()).toBe(0);
  });

  it('keeps credentials out of URLs and reads them from the environment only', () => {
    expect(() => normaliseServerUrl('https://user:pw@mlflow.bank')).toThrow(/contains credentials/);
    expect(normaliseServerUrl('https://mlflow.bank/root/')).toBe('https://mlflow.bank/root');
    expect(credentialsFromEnv({ ATTEST_MLFLOW_TOKEN: 't' })).toEqual({ token: 't' });
    expect(credentialsFromEnv({ ATTEST_MLFLOW_USERNAME: 'u', ATTEST_MLFLOW_PASSWORD: 'p' })).toEqual({ username: 'u', password: 'p' });
  });
});
