import { useState } from 'react';
import type { InventoryPageRow } from '../../../../shared/schemas/registry';
import { EmptyState, ErrorMessage, Loading } from '../../components/StatusMessage';
import { type FilterFields, NO_FILTER, inventoryQueryKey } from './first-window';
import { InventoryFilters } from './InventoryFilters';
import { InventoryTable, type Sort } from './InventoryTable';
import { usePagedInventory } from './usePagedInventory';

/** Registered models and versions, as they are now or as they were on a chosen date. */
export function InventoryPage() {
  const [asOf, setAsOf] = useState('');
  const [filter, setFilter] = useState<FilterFields>(NO_FILTER);
  const [sort, setSort] = useState<Sort>({ key: 'model', isDescending: false });
  const [state, reload] = usePagedInventory(inventoryQueryKey(filter, sort, asOf));
  const isFiltered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);
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
      <InventoryFilters facets={state.status === 'ready' ? state.first.facets : null} filter={filter} onChange={setFilter} />
      {state.status === 'loading' ? <Loading what="the inventory" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' && state.first.total === 0 && !isFiltered ? (
        <EmptyState title={asOf ? `No registered models on ${asOf}` : 'No registered models yet'}>
          <p>Import a signed snapshot bundle or an MLflow export to fill the inventory (Import screen, or `attest import FILE`).</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && (state.first.total > 0 || isFiltered) ? (
        <>
          <p className="summary" aria-live="polite" aria-busy={state.isUpdating}>
            {state.first.modelCount} models, {state.first.total} versions{state.first.asOf ? ` as of ${state.first.asOf.slice(0, 10)}` : ''}
          </p>
          <InventoryTable
            answerKey={state.shownKey}
            total={state.first.total}
            rowAt={state.rowAt}
            requestRange={state.requestRange}
            sort={sort}
            onSort={setSort}
            onOpen={openVersion}
          />
        </>
      ) : null}
    </section>
  );
}

/** Open a version's screen (one function for every row, so rows that did not change are not rendered again). */
function openVersion(r: InventoryPageRow): void {
  window.location.hash = `#/inventory/${encodeURIComponent(r.model)}/${encodeURIComponent(r.version)}`;
}
