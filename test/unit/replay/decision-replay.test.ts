import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import type { Main } from '../../../electron/main/main-context';
import { artifactPath } from '../../../electron/main/store/artifact-paths';
import { call } from '../../../electron/cli/with-main';
import { AttestError } from '../../../electron/main/core/errors';
import type { JobControl } from '../../../electron/main/core/jobs';
import { runBatchReplay } from '../../../electron/main/replay/batch-replay';
import { ReplayBatchSummary } from '../../../shared/schemas/replay';
import { captureIo } from '../../support/replay-fixtures';
import { buildLogisticModel } from '../../support/replay-models';
import { makeReplayWorkspace, scoreRows, seedDecisions, seedModelVersion, seededRandom } from '../../support/replay-workspace';

const FEATURES = ['age_years', 'debt_to_income', 'credit_utilization', 'delinquencies_2y'];
const SPEC = { features: FEATURES, means: [42, 0.3, 0.4, 0.5], stds: [12, 0.1, 0.2, 0.8], coef: [-0.4, 0.9, 1.2, 0.7], intercept: -1.3 };
const RULE = { output: 'pd', index: 0, operator: '>=' as const, threshold: 0.5, whenTrue: 'DECLINE', whenFalse: 'APPROVE' };
const PROFILE = {
  format: 'attest-profile/1' as const,
  rowCount: 3000,
  features: Object.fromEntries(
    FEATURES.map((f, i) => [f, { kind: 'numeric' as const, mean: SPEC.means[i] as number, std: 1, min: 0, max: 100, missing: 0, binEdges: [], binCounts: [3000] }]),
  ),
};

function rows(n: number, seed: number): number[][] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => [20 + Math.round(r() * 50), r() * 0.8, r(), Math.floor(r() * 4)]);
}

describe('decision replay from a workspace', () => {
  let main: Main;
  let cleanup: () => void;
  let dir: string;
  const bytes = buildLogisticModel(SPEC);

  beforeAll(async () => {
    ({ main, cleanup } = makeReplayWorkspace());
    dir = main.ctx.workspace.paths.root;
    const ids = seedModelVersion(main, { model: 'credit-pd', version: '3', bytes, rule: RULE, tolerance: { atol: 1e-6, rtol: 1e-5 }, profile: PROFILE });
    const data = rows(300, 7);
    const scores = await scoreRows(bytes, FEATURES, data, 'pd');
    seedDecisions(
      main,
      ids,
      data.map((row, i) => ({
        uid: `D-${String(i).padStart(4, '0')}`,
        decidedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 9, i % 60)).toISOString(),
        inputs: Object.fromEntries(FEATURES.map((f, j) => [f, row[j] as number])),
        outputs: { pd: [scores[i]] },
        decision: (scores[i] as number) >= 0.5 ? 'DECLINE' : 'APPROVE',
      })),
    );
  });
  afterAll(() => cleanup());

  it('replays one decision: identical, stored with runtime fingerprint and tolerance, audited', async () => {
    const replay = await call(main, 'replay:decision', { decisionId: 'D-0001' });
    expect(replay.verdict).toBe('identical');
    expect(replay.maxAbsDiff).toBe(0);
    expect(replay.recordedDecision).toBe(replay.replayedDecision);
    expect(replay.tolerance).toEqual({ atol: 1e-6, rtol: 1e-5, source: 'model-version-tag' });
    expect(replay.runtime).toMatchObject({ onnxruntime: '1.30.0', executionProvider: 'cpu', intraOpNumThreads: 1 });
    expect(replay.runtime.cpu).not.toBe('');
    const history = await call(main, 'replay:history', { decisionId: 'D-0001' });
    expect(history.map((h) => h.replayId)).toEqual([replay.replayId]);
    const audit = main.ctx.workspace.db.prepare(`SELECT object_id FROM audit_event WHERE action = 'replay.decision'`).all();
    expect(audit).toEqual([{ object_id: 'D-0001' }]);
  });

  it('gives exact reason codes for a logistic model: coef/std · (x − mean) on the logit', async () => {
    const replay = await call(main, 'replay:decision', { decisionId: 'D-0002' });
    const codes = replay.reasonCodes;
    expect(codes?.method).toBe('linear-exact');
    expect(codes?.scale).toBe('logit');
    expect(codes?.baselineSource).toMatch(/training dataset train-credit-pd-3/);
    for (const code of codes?.top ?? []) {
      const j = FEATURES.indexOf(code.feature);
      const exact = ((SPEC.coef[j] as number) / (SPEC.stds[j] as number)) * ((code.value as number) - (SPEC.means[j] as number));
      expect(code.contribution).toBeCloseTo(exact, 3);
    }
    const sizes = (codes?.top ?? []).map((c) => Math.abs(c.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('replays every decision of the version in a worker thread: 100% reproduced, stored as one batch', async () => {
    const { jobId } = await call(main, 'replay:batch', { model: 'credit-pd', version: '3' });
    const status = await main.ctx.jobs.wait(jobId);
    expect(status.state, JSON.stringify(status.error)).toBe('succeeded');
    const summary = ReplayBatchSummary.parse(status.result);
    expect(summary.total).toBe(300);
    expect(summary.reproducedPercent).toBe(100);
    expect(summary.counts.identical).toBe(300);
    const stored = main.ctx.workspace.db.prepare('SELECT count(*) AS n FROM replay WHERE batch_id = ?').get(summary.batchId);
    expect(stored).toEqual({ n: 300 });
    const batch = main.ctx.workspace.db.prepare('SELECT total, artifact_sha256 FROM replay_batch WHERE id = ?').get(summary.batchId);
    expect(batch).toEqual({ total: 300, artifact_sha256: summary.artifactSha256 });
    const [row] = await call(main, 'replay:history', { batchId: summary.batchId, decisionId: 'D-0005', limit: 5 });
    expect(row).toMatchObject({ decisionId: 'D-0005', batchId: summary.batchId, verdict: 'identical', maxAbsDiff: 0, maxRelDiff: 0, reasonCodes: null, tolerance: summary.tolerance, runtime: summary.runtime });
    expect(row?.replayedOutputs).toEqual(row?.recordedOutputs);
    expect(row?.recordedDecision).toBe(row?.replayedDecision);
  });

  it('stores a changed decision from a batch as a failure, with the recorded and replayed decisions', async () => {
    const ids = main.ctx.workspace.db.prepare(`SELECT id AS modelVersionId, first_snapshot_id AS snapshotId FROM model_version WHERE version = '3'`).get() as { modelVersionId: number; snapshotId: number };
    const inputs = { age_years: 30, debt_to_income: 0.2, credit_utilization: 0.3, delinquencies_2y: 0 };
    const [score] = await scoreRows(bytes, FEATURES, [FEATURES.map((f) => inputs[f as keyof typeof inputs])], 'pd');
    seedDecisions(main, ids, [{ uid: 'X-1', decidedAt: '2026-04-02T10:00:00.000Z', inputs, outputs: { pd: [score] }, decision: 'DECLINE' }]);
    const { jobId } = await call(main, 'replay:batch', { model: 'credit-pd', version: '3', from: '2026-04-01' });
    const summary = ReplayBatchSummary.parse((await main.ctx.jobs.wait(jobId)).result);
    expect(summary).toMatchObject({ total: 1, reproducedPercent: 0, failures: [{ decisionId: 'X-1', verdict: 'decision-changed', maxAbsDiff: 0 }] });
    const [row] = await call(main, 'replay:history', { batchId: summary.batchId, limit: 5 });
    expect(row).toMatchObject({ decisionId: 'X-1', verdict: 'decision-changed', recordedDecision: 'DECLINE', replayedDecision: 'APPROVE', recordedOutputs: { pd: [score] } });
  });

  it('honours the date window and the limit', async () => {
    const { jobId } = await call(main, 'replay:batch', { model: 'credit-pd', version: '3', from: '2026-03-02', to: '2026-03-03', limit: 15 });
    const summary = ReplayBatchSummary.parse((await main.ctx.jobs.wait(jobId)).result);
    expect(summary.total).toBe(15);
  });

  it('cancels a batch and stores nothing', async () => {
    const before = main.ctx.workspace.db.prepare('SELECT count(*) AS n FROM replay').get();
    const { jobId } = await call(main, 'replay:batch', { model: 'credit-pd', version: '3' });
    main.ctx.jobs.cancel(jobId);
    const status = await main.ctx.jobs.wait(jobId);
    expect(status.state).toBe('cancelled');
    expect(main.ctx.workspace.db.prepare('SELECT count(*) AS n FROM replay').get()).toEqual(before);
  });

  it('cancelled after chunks were stored, deletes them: the table holds exactly what it held before', async () => {
    const { db } = main.ctx.workspace;
    const ids = db.prepare(`SELECT id AS modelVersionId, first_snapshot_id AS snapshotId FROM model_version WHERE version = '3'`).get() as { modelVersionId: number; snapshotId: number };
    const data = rows(1300, 11);
    const scores = await scoreRows(bytes, FEATURES, data, 'pd');
    seedDecisions(main, ids, data.map((row, i) => ({ uid: `C-${i}`, decidedAt: new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString(), inputs: Object.fromEntries(FEATURES.map((f, j) => [f, row[j] as number])), outputs: { pd: [scores[i]] }, decision: null })));
    const entries = () => db.prepare('SELECT count(*) AS n FROM replay_entry').get();
    const before = entries();
    const controller = new AbortController();
    let storedBeforeCancel = 0;
    const job: JobControl = {
      signal: controller.signal,
      report: (phase, done) => {
        // Cancel once the first chunk is in the table (rows of the batch are written as chunks come back).
        if (phase === 'replaying' && done > 0 && !controller.signal.aborted) {
          storedBeforeCancel = (db.prepare('SELECT count(*) AS n FROM replay_entry').get() as { n: number }).n - (before as { n: number }).n;
          controller.abort();
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new AttestError('cancelled', 'cancelled', '');
      },
    };
    await expect(runBatchReplay(main.ctx, job, { model: 'credit-pd', version: '3', from: '2026-06-01' })).rejects.toThrow(/cancelled/);
    expect(storedBeforeCancel).toBeGreaterThan(0);
    expect(entries()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM replay_batch_pending').get()).toEqual({ n: 0 });
  });

  it('replays a selection of several chunks on several threads: one stored row per decision, same verdicts', async () => {
    const { jobId } = await call(main, 'replay:batch', { model: 'credit-pd', version: '3', from: '2026-06-01' });
    const status = await main.ctx.jobs.wait(jobId);
    expect(status.state, JSON.stringify(status.error)).toBe('succeeded');
    const summary = ReplayBatchSummary.parse(status.result);
    expect(summary).toMatchObject({ total: 1300, reproducedPercent: 100 });
    expect(summary.counts.identical).toBe(1300);
    const stored = main.ctx.workspace.db.prepare('SELECT count(*) AS n, count(DISTINCT decision_id) AS d FROM replay WHERE batch_id = ?').get(summary.batchId);
    expect(stored).toEqual({ n: 1300, d: 1300 });
  });

  it('deletes the rows a crashed batch left behind before the next batch starts', async () => {
    const { db } = main.ctx.workspace;
    const before = db.prepare('SELECT count(*) AS n FROM replay_entry').get() as { n: number };
    // What a process killed mid-batch leaves: the pending marker and some rows, never visible in `replay`.
    db.prepare(`INSERT INTO replay_batch_pending (id, started_at) VALUES ('crashed-batch', '2026-06-01T00:00:00.000Z')`).run();
    db.prepare(`INSERT INTO replay_entry (decision_id, batch_id, verdict) SELECT id, 'crashed-batch', 'identical' FROM decision LIMIT 7`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM replay WHERE batch_id = 'crashed-batch'`).get()).toEqual({ n: 0 });
    const { jobId } = await call(main, 'replay:batch', { model: 'credit-pd', version: '3', limit: 10 });
    expect((await main.ctx.jobs.wait(jobId)).state).toBe('succeeded');
    expect(db.prepare(`SELECT count(*) AS n FROM replay_entry WHERE batch_id = 'crashed-batch'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM replay_batch_pending').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM replay_entry').get()).toEqual({ n: before.n + 10 });
  });

  it('runs from the command line, single and batch', async () => {
    const single = captureIo();
    expect(await runCli(['replay', '--decision', 'D-0003', '--workspace', dir], single.io)).toBe(0);
    expect(single.out()).toMatch(/Verdict: IDENTICAL/);
    expect(single.out()).toMatch(/Reason codes \(linear-exact/);
    const batch = captureIo();
    expect(await runCli(['replay', '--model', 'credit-pd', '--version', '3', '--limit', '50', '--workspace', dir], batch.io)).toBe(0);
    expect(batch.out()).toMatch(/Reproduced: 100.00%/);
    expect(await runCli(['replay', '--workspace', dir], captureIo().io)).toBe(2);
  });

  it('refuses a tampered artifact, naming the file and both hashes', async () => {
    const { sha256 } = seedModelVersion(main, { model: 'credit-pd', version: '4', bytes: buildLogisticModel({ ...SPEC, intercept: -1.0 }), rule: RULE });
    const ids = main.ctx.workspace.db.prepare(`SELECT id AS modelVersionId, first_snapshot_id AS snapshotId FROM model_version WHERE version = '4'`).get() as { modelVersionId: number; snapshotId: number };
    seedDecisions(main, ids, [{ uid: 'T-1', decidedAt: '2026-03-05T10:00:00.000Z', inputs: { age_years: 30, debt_to_income: 0.2, credit_utilization: 0.3, delinquencies_2y: 0 }, outputs: { pd: [0.1] } }]);
    const file = artifactPath(main.ctx.workspace.paths, sha256);
    writeFileSync(file, buildLogisticModel({ ...SPEC, intercept: 2.0 }));
    const result = await main.dispatch('replay:decision', { decisionId: 'T-1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('integrity');
    expect(result.error.message).toContain(file);
    expect(result.error.message).toContain(sha256);
    expect(result.error.message).toMatch(/has SHA-256 [0-9a-f]{64}, but the registry records/);
    const { jobId } = await call(main, 'replay:batch', { model: 'credit-pd', version: '4' });
    const status = await main.ctx.jobs.wait(jobId);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('integrity');
  });
});
