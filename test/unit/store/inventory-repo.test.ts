import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listInventory } from '../../../electron/main/store/inventory-repo';
import { createTestMain } from '../../support/main';
import { seedRegistryHistory } from '../../support/registry-seed';

describe('listInventory (as-of history)', () => {
  let main: ReturnType<typeof createTestMain>;
  beforeEach(() => {
    main = createTestMain();
    seedRegistryHistory(main.ctx.workspace.db);
  });
  afterEach(() => main.dispose());

  const now = '2026-11-22T12:00:00.000Z';

  it('shows the current registry: retired models gone, aliases where they are now', () => {
    const models = listInventory(main.ctx.workspace.db, null, now);
    expect(models.map((m) => m.name)).toEqual(['credit_pd']);
    const credit = models[0]!;
    expect(credit.versions.map((v) => [v.version, v.stage, v.aliases])).toEqual([
      ['2', 'Production', ['champion']],
      ['1', 'Production', ['challenger']],
    ]);
    expect(credit.isValidationOverdue).toBe(true);
  });

  it('shows the registry as it stood in February', () => {
    const models = listInventory(main.ctx.workspace.db, '2026-02-15T00:00:00.000Z', now);
    expect(models.map((m) => m.name)).toEqual(['credit_pd', 'fraud_score']);
    expect(models[0]!.versions.map((v) => [v.version, v.aliases])).toEqual([['1', ['champion']]]);
    expect(models[0]!.isValidationOverdue).toBe(false);
  });

  it('shows v2 in Staging before its promotion, and the champion move after it', () => {
    const april = listInventory(main.ctx.workspace.db, '2026-04-10T00:00:00.000Z', now)[0]!;
    expect(april.versions.map((v) => [v.version, v.stage, v.aliases])).toEqual([
      ['2', 'Staging', []],
      ['1', 'Production', ['champion']],
    ]);
    const may = listInventory(main.ctx.workspace.db, '2026-05-10T00:00:00.000Z', now)[0]!;
    expect(may.versions.map((v) => [v.version, v.stage, v.aliases])).toEqual([
      ['2', 'Production', ['champion']],
      ['1', 'Production', ['challenger']],
    ]);
  });

  it('shows nothing before the first snapshot', () => {
    expect(listInventory(main.ctx.workspace.db, '2025-12-01T00:00:00.000Z', now)).toEqual([]);
  });
});
