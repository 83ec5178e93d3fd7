import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { sha256Hex } from '../../../electron/main/core/hashing';
import { artifactPath } from '../../../electron/main/store/artifact-paths';
import { readModelVersion } from '../../../electron/main/store/model-version-repo';
import { findReplayTarget } from '../../../electron/main/store/replay-repo';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { createBundleFromMlflow } from '../../../electron/main/sync/create-bundle';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { syncMlflow } from '../../../electron/main/sync/mlflow-sync';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { buildLogisticModel } from '../../support/replay-models';
import { makeTempDir } from '../../support/temp';
import { type Route, mlflowRoutes, startServer } from './mlflow-server';
import { LOGGED_MODEL_ID, OTHER_LOGGED_MODEL_ID, loggedModelJson, mlflow3Routes, mlmodel3 } from './mlflow3-routes';

const FEATURES = ['income', 'debt'];
const ONNX = buildLogisticModel({ features: FEATURES, means: [50, 10], stds: [20, 5], coef: [-0.8, 1.1], intercept: -0.2 });
const MLMODEL = mlmodel3(FEATURES);
const actor = { user: 'engineer', displayName: 'E. Engineer' };

/** Counts calls per route key, so a test can say what a sync asked for. */
function counting(routes: Record<string, Route>): { routes: Record<string, Route>; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const wrapped = Object.fromEntries(
    Object.keys(routes).map((k): [string, Route] => [
      k,
      (q, n) => {
        calls.set(k, (calls.get(k) ?? 0) + 1);
        return routes[k]!(q, n);
      },
    ]),
  );
  return { routes: wrapped, calls };
}

describe('live MLflow sync of MLflow 3 logged models', () => {
  let cleanup = () => {};
  let ws: Workspace;
  let server: Server | null = null;
  let dir = '';
  const deps = (at = '2026-03-01T00:00:00.000Z') => ({ workspace: ws, clock: fixedClock(at), actor });
  const options = (url: string) => ({ url, timeoutMs: 500, retries: 2, backoffMs: 10 });
  const start = async (routes: Record<string, Route>) => {
    const started = await startServer(routes, null);
    server = started.server;
    return started.url;
  };
  const dbBytes = () => {
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    return readFileSync(ws.paths.db);
  };
  beforeEach(() => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    dir = t.dir;
    ws = openWorkspace(join(t.dir, 'ws'), { create: true });
  });
  afterEach(async () => {
    ws.close();
    cleanup();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = null;
  });

  it('stores the logged models (by id and by experiment, across pages) with history, links version → logged model → run, and fetches the files', async () => {
    const url = await start(mlflow3Routes(ONNX, MLMODEL));
    const summary = await syncMlflow(deps(), options(url));
    expect(summary.counts).toMatchObject({ registeredModels: 2, modelVersions: 3, runs: 1, loggedModels: 2, artifacts: 4 });
    expect(summary.message).toMatch(/2 loggedModels/);
    // The version's link, its logged model's facts, and the run that logged it.
    const linked = ws.db
      .prepare(
        `SELECT v.mlflow_model_id, l.name, l.experiment_id, l.artifact_uri, l.model_type, l.created_at, r.run_id
         FROM model_version v JOIN logged_model l ON l.mlflow_model_id = v.mlflow_model_id JOIN run r ON r.run_id = l.source_run_id WHERE v.version = '3'`,
      )
      .get();
    expect(linked).toEqual({
      mlflow_model_id: LOGGED_MODEL_ID,
      name: 'credit-pd-onnx',
      experiment_id: '3',
      artifact_uri: `mlflow-artifacts:/3/models/${LOGGED_MODEL_ID}/artifacts`,
      model_type: 'onnx',
      created_at: '2023-11-14T22:17:30.000Z',
      run_id: 'r1',
    });
    const state = ws.db
      .prepare(`SELECT s.status, s.updated_at, s.tags_json, s.params_json, s.metrics_json FROM logged_model_state s JOIN logged_model l ON l.id = s.logged_model_id WHERE l.mlflow_model_id = ?`)
      .get(LOGGED_MODEL_ID);
    expect(state).toEqual({
      status: 'LOGGED_MODEL_READY',
      updated_at: '2023-11-14T22:17:40.000Z',
      tags_json: '{"mlflow.user":"ana"}',
      params_json: '{"C":"0.5"}',
      metrics_json:
        '[{"key":"accuracy","step":0,"timestamp":"2023-11-14T22:17:35.000Z","value":"NaN"},{"datasetDigest":"9a1b","datasetName":"holdout","key":"auc","step":0,"timestamp":"2023-11-14T22:17:35.000Z","value":0.81}]',
    });
    // Found only through the experiment search (second page): recorded, but no version points at it.
    expect(ws.db.prepare('SELECT mlflow_model_id FROM logged_model ORDER BY mlflow_model_id').pluck().all()).toEqual([LOGGED_MODEL_ID, OTHER_LOGGED_MODEL_ID]);
    // The files come from the logged model's artifact location, content-addressed like a run's.
    const sha = sha256Hex(ONNX);
    expect(ws.db.prepare(`SELECT artifact_sha256, mlmodel_sha256, onnx_opset FROM model_version WHERE version = '3'`).get()).toEqual({
      artifact_sha256: sha,
      mlmodel_sha256: sha256Hex(MLMODEL),
      onnx_opset: expect.any(Number) as number,
    });
    expect(readFileSync(artifactPath(ws.paths, sha)).equals(Buffer.from(ONNX))).toBe(true);
    expect(JSON.parse(ws.db.prepare(`SELECT mlmodel_json FROM model_version WHERE version = '3'`).pluck().get() as string)).toMatchObject({ mlflowVersion: '3.1.0', modelId: LOGGED_MODEL_ID });
    expect(findReplayTarget(ws.db, { model: 'credit-pd', version: '3' }).signature?.inputs.map((i) => i.name)).toEqual(FEATURES);
    // The Model version screen names the logged model beside the version's other facts.
    expect(readModelVersion(ws.db, 'credit-pd', '3', null, '2026-03-01T00:00:00.000Z').version.loggedModelId).toBe(LOGGED_MODEL_ID);
    expect(readModelVersion(ws.db, 'credit-pd', '2', null, '2026-03-01T00:00:00.000Z').version.loggedModelId).toBeNull();
  });

  it('syncs incrementally: nothing new records nothing; a stamped model re-reads its logged models and keeps their history as of each date', async () => {
    const base = mlflow3Routes(ONNX, MLMODEL);
    const { routes, calls } = counting(base);
    const url = await start(routes);
    const first = await syncMlflow(deps(), options(url));
    expect(calls.get('logged-models/get')).toBe(1);
    expect(calls.get('logged-models/search')).toBe(2);
    const before = dbBytes();

    calls.clear();
    const second = await syncMlflow(deps('2026-03-02T00:00:00.000Z'), options(url));
    expect(second).toMatchObject({ alreadyImported: true, snapshotId: first.snapshotId });
    expect([...calls.keys()]).toEqual(['registered-models/search']);
    expect(dbBytes().equals(before)).toBe(true);

    // credit-pd is stamped (a version moved stage) and the logged model got a tag: both are read again, files are not.
    const models = base['registered-models/search']!;
    base['registered-models/search'] = (q, n) => {
      const answer = models(q, n);
      const list = (answer.body as { registered_models?: { name: string }[] }).registered_models ?? [];
      return { body: { ...(answer.body as object), registered_models: list.map((m) => (m.name === 'credit-pd' ? { ...m, last_updated_timestamp: 1700000900000 } : m)) } };
    };
    const tagged = { tags: [{ key: 'mlflow.user', value: 'ana' }, { key: 'validated', value: 'yes' }] };
    base['logged-models/get'] = () => ({ body: { model: loggedModelJson(LOGGED_MODEL_ID, tagged) } });
    base['logged-models/search'] = (q) => ({ body: { models: q.get('page_token') ? [] : [loggedModelJson(LOGGED_MODEL_ID, tagged), loggedModelJson(OTHER_LOGGED_MODEL_ID)] } });
    calls.clear();
    const third = await syncMlflow(deps('2026-03-03T00:00:00.000Z'), options(url));
    expect(third.counts).toMatchObject({ loggedModels: 1, artifacts: 0, runs: 0 });
    expect(calls.get('/logged-models/artifacts/files') ?? 0).toBe(0);
    const tagsAsOf = (at: string) =>
      ws.db
        .prepare(
          `SELECT s.tags_json FROM logged_model_state s JOIN logged_model l ON l.id = s.logged_model_id
           WHERE l.mlflow_model_id = :id AND s.valid_from <= :at AND (s.valid_to IS NULL OR s.valid_to > :at)`,
        )
        .pluck()
        .get({ id: LOGGED_MODEL_ID, at });
    expect(tagsAsOf('2026-03-02T12:00:00.000Z')).toBe('{"mlflow.user":"ana"}');
    expect(tagsAsOf('2026-03-03T12:00:00.000Z')).toBe('{"mlflow.user":"ana","validated":"yes"}');
  });

  it('handles an MLflow 2 server (404, ENDPOINT_NOT_FOUND, 405) by saying so in the summary, never failing', async () => {
    const url = await start(mlflowRoutes());
    const summary = await syncMlflow(deps(), options(url));
    expect(summary.alreadyImported).toBe(false);
    expect(summary.message).toMatch(/has no logged-models endpoints \(MLflow 2\), so no MLflow 3 logged models were read\./);
    expect(ws.db.prepare('SELECT count(*) FROM logged_model').pluck().get()).toBe(0);
    await new Promise((resolve) => server?.close(resolve));

    // Answered as MLflow answers an unknown API route, and a version naming a logged model the server cannot show.
    const routes = mlflow3Routes(ONNX, MLMODEL);
    const notFound: Route = () => ({ status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND', message: 'not found' } });
    const url2 = await start({ ...routes, 'logged-models/get': notFound, 'logged-models/search': notFound, 'logged-models/artifacts/directories': notFound });
    const again = await syncMlflow(deps('2026-03-02T00:00:00.000Z'), { ...options(url2), full: true });
    expect(again.message).toMatch(/has no logged-models endpoints/);
    expect(ws.db.prepare(`SELECT artifact_sha256, mlflow_model_id FROM model_version WHERE version = '3'`).get()).toEqual({ artifact_sha256: null, mlflow_model_id: LOGGED_MODEL_ID });
    await new Promise((resolve) => server?.close(resolve));

    // A server (or proxy) that has the path but not the method: 405 with an HTML page.
    const url3 = await start({ ...mlflowRoutes(), 'logged-models/search': () => ({ status: 405, body: null, raw: '<html>Method Not Allowed</html>' }) });
    const third = await syncMlflow(deps('2026-03-03T00:00:00.000Z'), { ...options(url3), full: true });
    expect(third.message).toMatch(/has no logged-models endpoints/);
  });

  it('keeps the record of a version whose logged model is gone (RESOURCE_DOES_NOT_EXIST) and says which', async () => {
    const routes = mlflow3Routes(ONNX, MLMODEL);
    const versions = routes['model-versions/search']!;
    routes['model-versions/search'] = (q, n) => {
      const answer = versions(q, n);
      const list = (answer.body as { model_versions?: { version: string }[] }).model_versions;
      return list ? { body: { model_versions: list.map((v) => (v.version === '3' ? { ...v, source: 'models:/m-gone', model_id: 'm-gone' } : v)) } } : answer;
    };
    const url = await start(routes);
    const summary = await syncMlflow(deps(), options(url));
    expect(summary.message).toMatch(/The logged model m-gone, named by credit-pd v3, is not on the server \(RESOURCE_DOES_NOT_EXIST\)\./);
    expect(summary.message).toMatch(/artifacts of logged model m-gone \(credit-pd v3\) are not on the server/);
    expect(ws.db.prepare(`SELECT artifact_sha256, mlflow_model_id FROM model_version WHERE version = '3'`).get()).toEqual({ artifact_sha256: null, mlflow_model_id: 'm-gone' });
  });

  it('refuses bad JSON or a wrong shape from the logged-models endpoints, changing nothing', async () => {
    const routes = mlflow3Routes(ONNX, MLMODEL);
    const url = await start(routes);
    await syncMlflow(deps(), options(url));
    const before = dbBytes();
    const search = routes['logged-models/search']!;
    routes['logged-models/search'] = () => ({ body: null, raw: '{"models": [' });
    await expect(syncMlflow(deps('2026-03-02T00:00:00.000Z'), { ...options(url), full: true })).rejects.toThrow(/answered logged-models\/search with something that is not JSON/);
    routes['logged-models/search'] = search;
    routes['logged-models/get'] = () => ({ body: { model: { info: { name: 'no id', creation_timestamp_ms: 1 } } } });
    await expect(syncMlflow(deps('2026-03-02T00:00:00.000Z'), { ...options(url), full: true })).rejects.toThrow(/logged-models\/m-4f2a9c returned an unexpected shape at model\.info\.model_id/);
    expect(dbBytes().equals(before)).toBe(true);
  });

  it('carries logged models in a bundle as their own member, imported with the same history', async () => {
    const url = await start(mlflow3Routes(ONNX, MLMODEL));
    const key = signingKeyFromSeed(new Uint8Array(32).fill(9));
    const out = join(dir, 'snap.attest');
    const clock = fixedClock('2026-05-01T00:00:00.000Z');
    const manifest = await createBundleFromMlflow(out, { mlflow: options(url), lineageFiles: [] }, key, clock);
    expect(manifest.members.filter((m) => m.kind !== 'artifact').map((m) => [m.kind, m.records])).toEqual([
      ['registered-models', 2],
      ['model-versions', 3],
      ['runs', 1],
      ['logged-models', 2],
    ]);
    trustKey(ws.db, publicKeyPem(key), 'connected', actor, '2026-05-01T00:00:00.000Z');
    const summary = await importBundle({ workspace: ws, clock, actor }, out, {});
    expect(summary.counts).toMatchObject({ loggedModels: 2, modelVersions: 3 });
    expect(summary.message).toMatch(/2 logged models/);
    expect(ws.db.prepare(`SELECT mlflow_model_id, artifact_sha256 FROM model_version WHERE version = '3'`).get()).toEqual({ mlflow_model_id: LOGGED_MODEL_ID, artifact_sha256: sha256Hex(ONNX) });
  });
});
