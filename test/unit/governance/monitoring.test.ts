import { afterEach, describe, expect, it } from 'vitest';
import type { Main } from '../../../electron/main/main-context';
import { listFairnessResults, listMonitoringResults } from '../../../electron/main/governance/monitoring-repo';
import type { MonitoringResults } from '../../../shared/schemas/monitoring';
import { runAttest } from '../../support/governance-cli';
import { februaryDecisions, januaryDecisions, seedMonitoredVersion } from '../../support/governance-monitoring';
import { freshMain } from '../../support/governance-workspace';

async function call<T>(main: Main, channel: string, request: unknown): Promise<T> {
  const result = await main.dispatch(channel, request);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function compute(main: Main, window = 'month'): Promise<MonitoringResults> {
  const { jobId } = await call<{ jobId: string }>(main, 'monitoring:compute', { model: 'credit-pd', version: '3', window });
  const status = await main.ctx.jobs.wait(jobId);
  if (status.state !== 'succeeded') throw new Error(JSON.stringify(status.error));
  return call<MonitoringResults>(main, 'monitoring:results', { model: 'credit-pd', version: '3', window });
}

describe('monitoring (worker, storage, channels, CLI)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  function workspace() {
    const ws = freshMain((db) => seedMonitoredVersion(db, [...januaryDecisions(), ...februaryDecisions()]));
    cleanup = ws.cleanup;
    return ws;
  }
  const pick = (r: MonitoringResults, month: string, metric: string, feature: string | null = null) =>
    r.results.find((m) => m.windowStart.startsWith(month) && m.metric === metric && m.feature === feature && m.segment === null);

  it('finds no drift in the reference-like month and the hand-computed shift in the next', async () => {
    const { main } = workspace();
    const r = await compute(main);
    expect(r.run).toMatchObject({ decisionCount: 80, windowKind: 'month', referenceDataset: 'credit-train-2025', notes: [] });
    expect(pick(r, '2026-01', 'csi', 'income')).toMatchObject({ value: 0, band: 'green', n: 40, windowEnd: '2026-02-01T00:00:00.000Z' });
    // (0.1−0.25)·ln(0.4)·2 + (0.3−0.25)·ln(1.2) + (0.5−0.25)·ln(2) = 0.274887 + 0.009116 + 0.173287
    const shifted = pick(r, '2026-02', 'csi', 'income');
    expect(shifted?.value).toBeCloseTo(0.45729, 4);
    expect(shifted).toMatchObject({ band: 'red', thresholdWarn: 0.1, thresholdAlert: 0.25 });
    expect(pick(r, '2026-02', 'csi', 'channel')).toMatchObject({ value: 0, band: 'green' });
    expect(pick(r, '2026-01', 'approval_rate')?.value).toBeCloseTo(24 / 40, 12);
    expect(pick(r, '2026-02', 'approval_rate')?.value).toBeCloseTo(24 / 40, 12);
  });

  it('measures performance where outcomes exist: a perfectly separating score has AUC 1 and KS 1', async () => {
    const { main } = workspace();
    const r = await compute(main);
    expect(pick(r, '2026-01', 'auc')).toMatchObject({ value: 1, band: 'green' });
    expect(pick(r, '2026-01', 'gini')?.value).toBe(1);
    expect(pick(r, '2026-01', 'ks')?.value).toBe(1);
    expect(pick(r, '2026-01', 'event_rate')?.value).toBeCloseTo(16 / 40, 12);
    expect(r.results.filter((m) => m.windowStart.startsWith('2026-01') && m.metric === 'calibration_bin')).toHaveLength(10);
    expect(pick(r, '2026-02', 'auc')).toBeUndefined();
  });

  it('flags the four-fifths rule once groups are large enough, with the change logged', async () => {
    const { main } = workspace();
    const before = await compute(main);
    const young = (r: MonitoringResults, metric: string) => r.fairness.find((f) => f.windowStart.startsWith('2026-02') && f.group === '18-25' && f.metric === metric);
    expect(young(before, 'disparate_impact')).toMatchObject({ value: 0.5, flag: 'small-sample', referenceGroup: '26-65', n: 20 });
    await call(main, 'monitoring:configure', { model: 'credit-pd', settings: { minGroupSize: 10 }, thresholds: [{ metric: 'csi', warn: 0.1, alert: 0.5 }] });
    const after = await compute(main);
    expect(young(after, 'disparate_impact')).toMatchObject({ value: 0.5, flag: 'adverse', threshold: 0.8 });
    expect(young(after, 'statistical_parity_difference')?.value).toBeCloseTo(-0.4, 12);
    expect(young(after, 'favourable_rate')?.value).toBeCloseTo(0.4, 12);
    expect(pick(after, '2026-02', 'csi', 'income')).toMatchObject({ band: 'amber', thresholdAlert: 0.5 });
    const log = await call<{ events: { action: string; objectId: string }[] }>(main, 'audit:list', { action: 'setting changed' });
    expect(log.events.map((e) => e.objectId).sort()).toEqual(['monitoring.settings.credit-pd', 'monitoring.threshold.credit-pd.csi']);
  });

  it('keeps earlier runs while the exported lists return the latest run per window kind', async () => {
    const { main } = workspace();
    await compute(main);
    await compute(main, 'all');
    const second = await compute(main);
    const db = main.ctx.workspace.db;
    const mvId = second.run?.modelVersionId ?? -1;
    const rows = listMonitoringResults(db, mvId);
    expect(new Set(rows.map((m) => m.runId)).size).toBe(2);
    expect(rows.filter((m) => m.windowKind === 'month').every((m) => m.runId === second.run?.id)).toBe(true);
    expect(rows.filter((m) => m.windowKind === 'all' && m.metric === 'decision_count')).toMatchObject([{ value: 80 }]);
    expect(listFairnessResults(db, mvId, 'month').length).toBe(second.fairness.length);
    expect((db.prepare('SELECT count(*) AS n FROM monitoring_run').get() as { n: number }).n).toBe(3);
    expect((db.prepare(`SELECT count(*) AS n FROM audit_event WHERE action = 'monitoring computed'`).get() as { n: number }).n).toBe(3);
  });

  it('`attest monitor` prints the same numbers the channel returns, and names unknown versions', async () => {
    const { main, dir } = workspace();
    main.close();
    const json = await runAttest(['monitor', '--workspace', dir, '--model', 'credit-pd', '--version', '3', '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as MonitoringResults;
    expect(pick(parsed, '2026-02', 'csi', 'income')?.value).toBeCloseTo(0.45729, 4);
    const text = await runAttest(['monitor', '--workspace', dir, '--model', 'credit-pd', '--version', '3']);
    expect(text.stdout).toMatch(/0\.457 income RED/);
    expect(text.stdout).toMatch(/18-25\s+20\s+0\.400\s+0\.500/);
    const missing = await runAttest(['monitor', '--workspace', dir, '--model', 'credit-pd', '--version', '9']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no version 9/);
  });
});
