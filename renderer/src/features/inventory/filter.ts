import type { InventoryModel } from '../../../../shared/schemas/registry';

/** Models whose name, owner, use case, risk tier or aliases contain the search text (case-insensitive). */
export function filterModels(models: readonly InventoryModel[], text: string): InventoryModel[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...models];
  return models.filter((m) =>
    [m.name, m.owner, m.useCase, m.riskTier, ...m.versions.flatMap((v) => v.aliases)]
      .filter((s): s is string => typeof s === 'string')
      .some((s) => s.toLowerCase().includes(needle)),
  );
}
