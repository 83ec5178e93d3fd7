import type { InventoryModel } from '../../../../shared/schemas/registry';
import { type InventoryFilter, optionsOf } from './rows';

/** Search text and the governance filters: risk tier, owner, alias, overdue validation. */
export function InventoryFilters({ models, filter, onChange }: { models: InventoryModel[]; filter: InventoryFilter; onChange: (f: InventoryFilter) => void }) {
  const select = (label: string, key: 'riskTier' | 'owner' | 'alias', options: string[]) => (
    <label>
      {label}
      <select aria-label={label} value={filter[key]} onChange={(e) => onChange({ ...filter, [key]: e.target.value })}>
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
        <input type="search" aria-label="Search" value={filter.text} onChange={(e) => onChange({ ...filter, text: e.target.value })} placeholder="model, owner, alias…" />
      </label>
      {select('Risk tier', 'riskTier', optionsOf(models, (m) => [m.riskTier]))}
      {select('Owner', 'owner', optionsOf(models, (m) => [m.owner]))}
      {select('Alias', 'alias', optionsOf(models, (m) => m.versions.flatMap((v) => v.aliases)))}
      <label className="inline">
        <input type="checkbox" checked={filter.isOverdueOnly} onChange={(e) => onChange({ ...filter, isOverdueOnly: e.target.checked })} /> Validation overdue
      </label>
    </div>
  );
}
