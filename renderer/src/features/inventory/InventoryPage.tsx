import { useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../components/StatusMessage';
import { filterModels } from './filter';
import { InventoryTable } from './InventoryTable';
import { useInventory } from './useInventory';

/** Registered models and versions, as they are now or as they were on a chosen date. */
export function InventoryPage() {
  const [asOf, setAsOf] = useState('');
  const [search, setSearch] = useState('');
  const [state, reload] = useInventory(asOf);
  return (
    <section aria-labelledby="inventory-title">
      <header className="page-header">
        <h1 id="inventory-title">Inventory</h1>
        <div className="toolbar">
          <label>
            Search
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="model, owner, alias…" />
          </label>
          <label>
            As of
            <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
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
      {state.status === 'ready' && state.data.models.length === 0 ? (
        <EmptyState title={asOf ? `No registered models on ${asOf}` : 'No registered models yet'}>
          <p>Import a signed snapshot bundle or an MLflow export to fill the inventory (`attest import FILE`).</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.data.models.length > 0 ? (
        <InventoryTable models={filterModels(state.data.models, search)} asOf={state.data.asOf} />
      ) : null}
    </section>
  );
}
