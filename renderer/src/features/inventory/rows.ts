import type { InventoryModel, InventoryVersion } from '../../../../shared/schemas/registry';

/** One version with its model's governance fields: the unit the table lists, filters and sorts. */
export interface InventoryRow {
  key: string;
  model: InventoryModel;
  version: InventoryVersion;
  /** Lowercased text the search box matches against, computed once per load. */
  haystack: string;
}

export interface InventoryFilter {
  text: string;
  riskTier: string;
  owner: string;
  alias: string;
  isOverdueOnly: boolean;
}

export const EMPTY_FILTER: InventoryFilter = { text: '', riskTier: '', owner: '', alias: '', isOverdueOnly: false };

export type SortKey = 'model' | 'version' | 'stage' | 'riskTier' | 'owner' | 'lastValidatedAt' | 'createdAt' | 'decisions';
export interface Sort {
  key: SortKey;
  isDescending: boolean;
}

/** Flatten models into version rows (a model without versions is not listed: it has nothing to govern yet). */
export function toRows(models: readonly InventoryModel[]): InventoryRow[] {
  return models.flatMap((model) =>
    model.versions.map((version) => ({
      key: `${model.name}\u0000${version.version}`,
      model,
      version,
      haystack: [model.name, model.owner, model.useCase, model.riskTier, version.stage, ...version.aliases, `v${version.version}`]
        .filter((s): s is string => typeof s === 'string')
        .join('\u0000')
        .toLowerCase(),
    })),
  );
}

/** Rows passing every active filter. */
export function filterRows(rows: readonly InventoryRow[], filter: InventoryFilter): InventoryRow[] {
  const needle = filter.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!needle || r.haystack.includes(needle)) &&
      (!filter.riskTier || r.model.riskTier === filter.riskTier) &&
      (!filter.owner || r.model.owner === filter.owner) &&
      (!filter.alias || r.version.aliases.includes(filter.alias)) &&
      (!filter.isOverdueOnly || r.model.isValidationOverdue),
  );
}

const VALUE_OF: Record<SortKey, (r: InventoryRow) => string | number> = {
  model: (r) => r.model.name,
  version: (r) => Number(r.version.version) || 0,
  stage: (r) => r.version.stage ?? '',
  riskTier: (r) => r.model.riskTier ?? '',
  owner: (r) => r.model.owner ?? '',
  lastValidatedAt: (r) => r.model.lastValidatedAt ?? '',
  createdAt: (r) => r.version.createdAt,
  decisions: (r) => r.version.decisionCount,
};

/** Sort rows by a column; ties keep model name then newest version first, so the order is always stable. */
export function sortRows(rows: readonly InventoryRow[], sort: Sort): InventoryRow[] {
  const value = VALUE_OF[sort.key];
  const direction = sort.isDescending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va < vb) return -direction;
    if (va > vb) return direction;
    if (a.model.name !== b.model.name) return a.model.name < b.model.name ? -1 : 1;
    return (Number(b.version.version) || 0) - (Number(a.version.version) || 0);
  });
}

/** The distinct values offered by a filter's select. */
export function optionsOf(models: readonly InventoryModel[], pick: (m: InventoryModel) => (string | null)[]): string[] {
  return [...new Set(models.flatMap(pick).filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
}
