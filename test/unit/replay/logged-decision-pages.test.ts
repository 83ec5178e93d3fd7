import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Main } from '../../../electron/main/main-context';
import { replayThreadCount } from '../../../electron/main/replay/replay-pool';
import { LoggedDecisionPager } from '../../../electron/main/store/logged-decision-pages';
import { buildLogisticModel } from '../../support/replay-models';
import { makeReplayWorkspace, seedDecisions, seedModelVersion } from '../../support/replay-workspace';

describe('reading a batch selection page by page', () => {
  let main: Main;
  let cleanup: () => void;
  let ids: { modelVersionId: number; snapshotId: number };
  const decision = (uid: string, decidedAt: string) => ({ uid, decidedAt, inputs: { x: 1 }, outputs: { pd: [0.5] }, decision: null });

  beforeAll(() => {
    ({ main, cleanup } = makeReplayWorkspace());
    const bytes = buildLogisticModel({ features: ['x'], means: [0], stds: [1], coef: [1], intercept: 0 });
    ids = seedModelVersion(main, { model: 'm', version: '1', bytes, rule: undefined, tolerance: undefined, profile: undefined });
    // Same instants on purpose: pages must continue after (decided_at, id), not after decided_at alone.
    seedDecisions(main, ids, Array.from({ length: 25 }, (_, i) => decision(`D-${i}`, `2026-01-0${1 + (i % 3)}T00:00:00.000Z`)));
  });
  afterAll(() => cleanup());

  const readAll = (pager: LoggedDecisionPager, size: number) => {
    const uids: string[] = [];
    for (let page = pager.next(size); page.ids.length > 0; page = pager.next(size)) uids.push(...page.uids);
    return uids;
  };

  it('reads every decision once, in time order, in pages of the size asked', () => {
    const pager = new LoggedDecisionPager(main.ctx.workspace.db, ids.modelVersionId, {});
    expect(pager.total).toBe(25);
    expect(pager.next(4).uids).toEqual(['D-0', 'D-3', 'D-6', 'D-9']);
    const all = ['D-0', 'D-3', 'D-6', 'D-9', ...readAll(pager, 4)];
    expect(new Set(all).size).toBe(25);
    const byDay = (uid: string) => Number(uid.slice(2)) % 3;
    expect(all.map(byDay)).toEqual([...all.map(byDay)].sort());
  });

  it('honours the window and the limit, and ignores decisions imported after it was made', () => {
    const pager = new LoggedDecisionPager(main.ctx.workspace.db, ids.modelVersionId, { from: '2026-01-02', limit: 12 });
    expect(pager.total).toBe(12);
    const first = pager.next(5).uids;
    seedDecisions(main, ids, [decision('LATE-1', '2026-01-02T12:00:00.000Z')]);
    const rest = readAll(pager, 5);
    expect([...first, ...rest]).toHaveLength(12);
    expect([...first, ...rest]).not.toContain('LATE-1');
    expect([...first, ...rest].every((uid) => Number(uid.slice(2)) % 3 !== 0)).toBe(true);
  });

  it('uses one thread per core for enough chunks, never more than chunks, one for a huge model', () => {
    expect(replayThreadCount(1, 1000)).toBe(1);
    expect(replayThreadCount(100, 1000)).toBeGreaterThanOrEqual(1);
    expect(replayThreadCount(100, 1000)).toBeLessThanOrEqual(4);
    expect(replayThreadCount(100, 2 ** 30)).toBe(1);
  });
});
