import type { InventoryPage } from '../../../../shared/schemas/registry';
import type { FilterFields } from './first-window';

/** Search text and the governance filters: risk tier, owner, alias, overdue validation. */
export function InventoryFilters({ facets, filter, onChange }: { facets: InventoryPage['facets'] | null; filter: FilterFields; onChange: (f: FilterFields) => void }) {
  const select = (label: string, key: 'riskTier' | 'owner' | 'alias', options: string[]) => (
    <label>
      {label}
      <select aria-label={label} value={filter[key] ?? ''} onChange={(e) => onChange({ ...filter, [key]: e.target.value })}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="toolbar">
      <label>
        Search
        <input type="search" aria-label="Search" value={filter.text ?? ''} onChange={(e) => onChange({ ...filter, text: e.target.value })} placeholder="model, owner, alias…" />
      </label>
      {select('Risk tier', 'riskTier', facets?.riskTiers ?? [])}
      {select('Owner', 'owner', facets?.owners ?? [])}
      {select('Alias', 'alias', facets?.aliases ?? [])}
      <label className="inline">
        <input type="checkbox" checked={filter.isOverdueOnly ?? false} onChange={(e) => onChange({ ...filter, isOverdueOnly: e.target.checked })} /> Validation overdue
      </label>
    </div>
  );
}
