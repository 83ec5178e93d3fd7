import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-main';
import type { Main } from '../../../electron/main/main-context';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { ReplayBatchSummary } from '../../../shared/schemas/replay';
import { REPO_ROOT } from '../../support/replay-fixtures';
import { makeReplayWorkspace } from '../../support/replay-workspace';

const DEMO = join(REPO_ROOT, 'resources', 'demo');

describe.skipIf(!existsSync(join(DEMO, 'index.json')))('replaying the demo bank', () => {
  let main: Main;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ main, cleanup } = makeReplayWorkspace());
    const index = JSON.parse(readFileSync(join(DEMO, 'index.json'), 'utf8')) as { bundles: { file: string }[] };
    const first = index.bundles[0]?.file as string;
    // The signature is the importer's concern (tested there); here the bundle only supplies real decisions.
    await importBundle(main.ctx, join(DEMO, first), { allowUnverified: true });
  }, 120_000);
  afterAll(() => cleanup());

  it('reproduces 100% of the decisions of the busiest model version, identically', async () => {
    const busiest = main.ctx.workspace.db
      .prepare(
        `SELECT m.name AS model, v.version, count(*) AS n FROM decision d JOIN model_version v ON v.id = d.model_version_id
         JOIN registered_model m ON m.id = v.model_id GROUP BY v.id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { model: string; version: string; n: number };
    expect(busiest.n).toBeGreaterThan(100);
    const { jobId } = await call(main, 'replay:batch', { model: busiest.model, version: busiest.version });
    const status = await main.ctx.jobs.wait(jobId);
    expect(status.state, JSON.stringify(status.error)).toBe('succeeded');
    const summary = ReplayBatchSummary.parse(status.result);
    expect(summary.total).toBe(busiest.n);
    expect(summary.reproducedPercent).toBe(100);
    expect(summary.counts.identical).toBe(busiest.n);
    expect(summary.tolerance.source).toBe('model-version-tag');
  });

  it('explains a demo decision against its training profile', async () => {
    const { decision_uid } = main.ctx.workspace.db.prepare('SELECT decision_uid FROM decision ORDER BY id LIMIT 1').get() as { decision_uid: string };
    const replay = await call(main, 'replay:decision', { decisionId: decision_uid });
    expect(['identical', 'within-tolerance']).toContain(replay.verdict);
    expect(replay.reasonCodes?.top.length).toBeGreaterThan(0);
    expect(replay.reasonCodes?.baselineSource).toMatch(/training dataset/);
  });
});
