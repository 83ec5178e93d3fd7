import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIso } from '../../../electron/main/core/clock';
import { listMonitoringResults } from '../../../electron/main/governance/monitoring-repo';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { findDemoSource } from '../../../electron/main/workspace/demo-source';
import type { MonitoringResults } from '../../../shared/schemas/monitoring';
import { runAttest } from '../../support/governance-cli';
import { freshMain } from '../../support/governance-workspace';

describe('the demo workspace shows drift on the credit model', () => {
  let ws: ReturnType<typeof freshMain>;
  beforeAll(async () => {
    ws = freshMain();
    const source = findDemoSource({});
    const ctx = ws.main.ctx;
    trustKey(ctx.workspace.db, source.publicKeyPem, 'demo', ctx.actor, toIso(ctx.clock.now()));
    for (const bundle of source.index.bundles) {
      await importBundle({ workspace: ctx.workspace, clock: ctx.clock, actor: ctx.actor }, join(source.dir, bundle.file), {});
    }
  }, 180_000);
  afterAll(() => ws.cleanup());

  async function value<T>(channel: string, request: unknown): Promise<T> {
    const result = await ws.main.dispatch(channel, request);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }

  it('has a feature with CSI above 0.25 for the champion credit version, and the CLI and channel agree', async () => {
    const request = { model: 'retail-credit-pd', version: '4', window: 'month' as const };
    const { jobId } = await value<{ jobId: string }>('monitoring:compute', request);
    expect((await ws.main.ctx.jobs.wait(jobId)).state).toBe('succeeded');
    const results = await value<MonitoringResults>('monitoring:results', request);
    const csi = results.results.filter((m) => m.metric === 'csi');
    const drifted = csi.filter((m) => (m.value ?? 0) > 0.25);
    expect(drifted.length).toBeGreaterThan(0);
    expect(drifted.every((m) => m.band === 'red')).toBe(true);
    const mvId = results.run?.modelVersionId ?? -1;
    const forPacks = listMonitoringResults(ws.main.ctx.workspace.db, mvId, 'month').filter((m) => m.metric === 'csi');
    expect(forPacks.map((m) => m.value)).toEqual(csi.map((m) => m.value));
    ws.main.close();
    const cli = await runAttest(['monitor', '--workspace', ws.dir, '--model', 'retail-credit-pd', '--version', '4', '--json']);
    const fromCli = (JSON.parse(cli.stdout) as MonitoringResults).results.filter((m) => m.metric === 'csi');
    expect(fromCli.map((m) => [m.windowStart, m.feature, m.value])).toEqual(csi.map((m) => [m.windowStart, m.feature, m.value]));
  });
});
