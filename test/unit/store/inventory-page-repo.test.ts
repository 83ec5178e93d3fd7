import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InventoryPageRequest } from '../../../shared/schemas/registry';
import { queryInventoryPage } from '../../../electron/main/store/inventory-page-repo';
import { createTestMain } from '../../support/main';
import { seedRegistryHistory } from '../../support/registry-seed';

describe('queryInventoryPage (filter, sort and page in SQLite)', () => {
  let main: ReturnType<typeof createTestMain>;
  const now = '2026-11-22T12:00:00.000Z';
  const query = (request: Parameters<typeof InventoryPageRequest.parse>[0], at: string | null = null) =>
    queryInventoryPage(main.ctx.workspace.db, at, now, InventoryPageRequest.parse(request));
  beforeEach(() => {
    main = createTestMain();
    seedRegistryHistory(main.ctx.workspace.db);
  });
  afterEach(() => main.dispose());

  it('lists current versions with aliases, verification and overdue flags, and the facets', () => {
    const page = query({});
    expect(page.total).toBe(2);
    expect(page.modelCount).toBe(1);
    expect(page.rows.map((r) => [r.model, r.version, r.aliases, r.isValidationOverdue])).toEqual([
      ['credit_pd', '2', ['champion'], true],
      ['credit_pd', '1', ['challenger'], true],
    ]);
    expect(page.facets).toEqual({ riskTiers: ['Tier 1'], owners: ['Credit Risk Analytics'], aliases: ['challenger', 'champion'] });
  });

  it('answers as of a past date, with that date as the overdue reference', () => {
    const page = query({}, '2026-02-15T00:00:00.000Z');
    expect(page.rows.map((r) => `${r.model} v${r.version}`)).toEqual(['credit_pd v1', 'fraud_score v1']);
    expect(page.rows.every((r) => !r.isValidationOverdue)).toBe(true);
  });

  it('filters by text (any field, case-insensitive), alias, risk tier and overdue', () => {
    expect(query({ text: 'CHAMP' }).rows.map((r) => r.version)).toEqual(['2']);
    expect(query({ alias: 'challenger' }).rows.map((r) => r.version)).toEqual(['1']);
    expect(query({ alias: 'champ' }).total).toBe(0); // aliases match whole, not by prefix
    expect(query({ riskTier: 'Tier 2' }, '2026-02-15T00:00:00.000Z').rows.map((r) => r.model)).toEqual(['fraud_score']);
    expect(query({ isOverdueOnly: true }).total).toBe(2);
  });

  it('sorts by a whitelisted column and pages', () => {
    expect(query({ sort: 'version', isDescending: false }).rows.map((r) => r.version)).toEqual(['1', '2']);
    const second = query({ sort: 'version', offset: 1, limit: 1 });
    expect([second.total, second.offset, second.rows.map((r) => r.version)]).toEqual([2, 1, ['2']]);
  });

  it('keeps each order apart when sorts alternate over the cached rows (each order is sorted once and reused)', () => {
    const versions = (request: Parameters<typeof InventoryPageRequest.parse>[0]) => query(request).rows.map((r) => r.version);
    expect(versions({})).toEqual(['2', '1']); // model, then newest version first
    expect(versions({ sort: 'version' })).toEqual(['1', '2']);
    expect(versions({ sort: 'version', isDescending: true })).toEqual(['2', '1']);
    expect(versions({ sort: 'version', text: 'champ' })).toEqual(['2']);
    expect(versions({ sort: 'version' })).toEqual(['1', '2']);
    expect(versions({})).toEqual(['2', '1']);
  });

  it('returns the totals with an empty window beyond the end, and zero totals when nothing matches', () => {
    expect(query({ offset: 5 })).toMatchObject({ total: 2, modelCount: 1, rows: [] });
    expect(query({ text: 'no such model' })).toMatchObject({ total: 0, modelCount: 0, rows: [] });
  });

  it('treats SQL in the search text as text', () => {
    expect(query({ text: "' OR 1=1 --" }).total).toBe(0);
  });
});
