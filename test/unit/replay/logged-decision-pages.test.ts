import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Main } from '../../../electron/main/main-context';
import { replayThreadCount } from '../../../electron/main/replay/replay-pool';
import { LoggedDecisionPager } from '../../../electron/main/store/logged-decision-pages';
import { readLoggedDecisions } from '../../../electron/main/store/logged-decision-rows';
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

  // The pager gives row ids; the worker reads the rows by id, in that order.
  const uidsOf = (ids: Float64Array) => readLoggedDecisions(main.ctx.workspace.db, ids).uids;
  const readAll = (pager: LoggedDecisionPager, size: number) => {
    const uids: string[] = [];
    for (let page = pager.next(size); page.length > 0; page = pager.next(size)) uids.push(...uidsOf(page));
    return uids;
  };

  it('reads every decision once, in time order, in pages of the size asked', () => {
    const pager = new LoggedDecisionPager(main.ctx.workspace.db, ids.modelVersionId, {});
    expect(pager.total).toBe(25);
    expect(uidsOf(pager.next(4))).toEqual(['D-0', 'D-3', 'D-6', 'D-9']);
    const all = ['D-0', 'D-3', 'D-6', 'D-9', ...readAll(pager, 4)];
    expect(new Set(all).size).toBe(25);
    const byDay = (uid: string) => Number(uid.slice(2)) % 3;
    expect(all.map(byDay)).toEqual([...all.map(byDay)].sort());
  });

  it('honours the window and the limit, and ignores decisions imported after it was made', () => {
    const pager = new LoggedDecisionPager(main.ctx.workspace.db, ids.modelVersionId, { from: '2026-01-02', limit: 12 });
    expect(pager.total).toBe(12);
    const first = uidsOf(pager.next(5));
    seedDecisions(main, ids, [decision('LATE-1', '2026-01-02T12:00:00.000Z')]);
    const rest = readAll(pager, 5);
    expect([...first, ...rest]).toHaveLength(12);
    expect([...first, ...rest]).not.toContain('LATE-1');
    expect([...first, ...rest].every((uid) => Number(uid.slice(2)) % 3 !== 0)).toBe(true);
  });

  it('reads rows by id in the order given, and checks what it reads', () => {
    const page = new LoggedDecisionPager(main.ctx.workspace.db, ids.modelVersionId, {}).next(3);
    const reversed = Float64Array.from(Array.from(page).reverse());
    const rows = readLoggedDecisions(main.ctx.workspace.db, reversed);
    expect(rows.ids).toEqual(Array.from(reversed));
    expect(rows.inputs.every((text) => JSON.parse(text) !== null)).toBe(true);
  });

  it('uses one thread per core for enough chunks, never more than chunks, one for a huge model', () => {
    expect(replayThreadCount(1, 1000)).toBe(1);
    expect(replayThreadCount(100, 1000)).toBeGreaterThanOrEqual(1);
    expect(replayThreadCount(100, 1000)).toBeLessThanOrEqual(4);
    expect(replayThreadCount(100, 2 ** 30)).toBe(1);
  });
});
