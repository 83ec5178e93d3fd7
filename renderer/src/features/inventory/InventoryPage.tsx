import { useDeferredValue, useMemo, useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../components/StatusMessage';
import { InventoryFilters } from './InventoryFilters';
import { InventoryTable } from './InventoryTable';
import { EMPTY_FILTER, type InventoryFilter, type Sort, filterRows, sortRows, toRows } from './rows';
import { useInventory } from './useInventory';

/** Registered models and versions, as they are now or as they were on a chosen date. */
export function InventoryPage() {
  const [asOf, setAsOf] = useState('');
  const [filter, setFilter] = useState<InventoryFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<Sort>({ key: 'model', isDescending: false });
  const [state, reload] = useInventory(asOf);
  const models = useMemo(() => (state.status === 'ready' ? state.data.models : []), [state]);
  const rows = useMemo(() => toRows(models), [models]);
  // Typing stays responsive with 20,000 versions: the list follows the deferred value.
  const deferredFilter = useDeferredValue(filter);
  const visible = useMemo(() => sortRows(filterRows(rows, deferredFilter), sort), [rows, deferredFilter, sort]);
  const modelCount = new Set(visible.map((r) => r.model.name)).size;
  return (
    <section aria-labelledby="inventory-title" className="inventory-page">
      <header className="page-header">
        <h1 id="inventory-title">Inventory</h1>
        <div className="toolbar">
          <label>
            As of
            <input type="date" aria-label="As of" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>
          {asOf ? (
            <button type="button" onClick={() => setAsOf('')}>
              Show current
            </button>
          ) : null}
        </div>
      </header>
      {state.status === 'loading' ? <Loading what="the inventory" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' && models.length === 0 ? (
        <EmptyState title={asOf ? `No registered models on ${asOf}` : 'No registered models yet'}>
          <p>Import a signed snapshot bundle or an MLflow export to fill the inventory (Import screen, or `attest import FILE`).</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && models.length > 0 ? (
        <>
          <InventoryFilters models={models} filter={filter} onChange={setFilter} />
          <p className="summary" aria-live="polite">
            {modelCount} models, {visible.length} versions{state.data.asOf ? ` as of ${state.data.asOf.slice(0, 10)}` : ''}
          </p>
          <InventoryTable rows={visible} sort={sort} onSort={setSort} onOpen={(r) => (window.location.hash = `#/inventory/${encodeURIComponent(r.model.name)}/${encodeURIComponent(r.version.version)}`)} />
        </>
      ) : null}
    </section>
  );
}
