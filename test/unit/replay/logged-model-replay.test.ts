import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-main';
import { fixedClock } from '../../../electron/main/core/clock';
import type { Main } from '../../../electron/main/main-context';
import { syncMlflow } from '../../../electron/main/sync/mlflow-sync';
import { makeReplayWorkspace, scoreRows, seedDecisions } from '../../support/replay-workspace';
import { buildLogisticModel } from '../../support/replay-models';
import { startServer } from '../sync/mlflow-server';
import { LOGGED_MODEL_ID, mlflow3Routes, mlmodel3 } from '../sync/mlflow3-routes';

const FEATURES = ['income', 'debt'];
const ONNX = buildLogisticModel({ features: FEATURES, means: [50, 10], stds: [20, 5], coef: [-0.8, 1.1], intercept: -0.2 });

describe('replay of a version registered from an MLflow 3 logged model', () => {
  let main: Main;
  let cleanup: () => void;
  let server: Server;

  beforeAll(async () => {
    ({ main, cleanup } = makeReplayWorkspace());
    const started = await startServer(mlflow3Routes(ONNX, mlmodel3(FEATURES)), null);
    server = started.server;
    const deps = { workspace: main.ctx.workspace, clock: fixedClock('2026-03-01T00:00:00.000Z'), actor: { user: 'engineer', displayName: 'E' } };
    const summary = await syncMlflow(deps, { url: started.url, timeoutMs: 500, retries: 1, backoffMs: 5 });
    const db = main.ctx.workspace.db;
    const versionId = db.prepare(`SELECT v.id FROM model_version v WHERE v.version = '3' AND v.mlflow_model_id = ?`).pluck().get(LOGGED_MODEL_ID) as number;
    const rows = [
      [80, 4],
      [20, 25],
      [55, 12],
    ];
    const scores = await scoreRows(ONNX, FEATURES, rows, 'pd');
    seedDecisions(
      main,
      { modelVersionId: versionId, snapshotId: summary.snapshotId },
      rows.map((row, i) => ({ uid: `LM-${i}`, decidedAt: `2026-03-1${i}T09:00:00.000Z`, inputs: { income: row[0] as number, debt: row[1] as number }, outputs: { pd: [scores[i]] } })),
    );
  });
  afterAll(async () => {
    cleanup();
    await new Promise((resolve) => server.close(resolve));
  });

  it('replays a logged decision with the ONNX file fetched from the logged model, identical to what was served', async () => {
    const replay = await call(main, 'replay:decision', { decisionId: 'LM-1' });
    expect(replay.verdict).toBe('identical');
    expect(replay.maxAbsDiff).toBe(0);
  });
});
