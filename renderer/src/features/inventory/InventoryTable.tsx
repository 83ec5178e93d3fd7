import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { InventoryRow, Sort, SortKey } from './rows';

const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: 'model', label: 'Model' },
  { key: 'version', label: 'Version' },
  { key: null, label: 'Aliases' },
  { key: 'stage', label: 'Stage' },
  { key: 'riskTier', label: 'Risk tier' },
  { key: 'owner', label: 'Owner' },
  { key: 'lastValidatedAt', label: 'Last validation' },
  { key: 'createdAt', label: 'Created' },
  { key: null, label: 'Artifact SHA-256' },
  { key: 'decisions', label: 'Decisions' },
];

const ROW_HEIGHT = 34;

/**
 * Version rows, virtualized: only the rows in view are in the DOM, so 20,000 versions scroll and filter
 * smoothly. Table semantics are kept with ARIA roles and row counts for screen readers.
 */
export function InventoryTable({ rows, sort, onSort, onOpen }: { rows: InventoryRow[]; sort: Sort; onSort: (s: Sort) => void; onOpen: (r: InventoryRow) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read during render by design
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <div role="table" aria-label="Model versions" aria-rowcount={rows.length + 1} className="vtable">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="vrow vhead">
          {COLUMNS.map((c) => (
            <div key={c.label} role="columnheader" aria-sort={c.key && sort.key === c.key ? (sort.isDescending ? 'descending' : 'ascending') : undefined}>
              {c.key ? (
                <button type="button" className="sort" onClick={() => onSort({ key: c.key!, isDescending: sort.key === c.key ? !sort.isDescending : false })}>
                  {c.label}
                  {sort.key === c.key ? (sort.isDescending ? ' ▼' : ' ▲') : ''}
                </button>
              ) : (
                c.label
              )}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} role="rowgroup" className="vbody">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return <VersionRow key={row.key} row={row} index={item.index} top={item.start} onOpen={onOpen} />;
          })}
        </div>
      </div>
    </div>
  );
}

function VersionRow({ row, index, top, onOpen }: { row: InventoryRow; index: number; top: number; onOpen: (r: InventoryRow) => void }) {
  const { model: m, version: v } = row;
  return (
    <div role="row" aria-rowindex={index + 2} className="vrow" style={{ transform: `translateY(${top}px)` }}>
      <div role="cell">
        <button type="button" className="link" onClick={() => onOpen(row)} title={m.useCase ?? undefined}>
          {m.name}
        </button>
      </div>
      <div role="cell">
        v{v.version}
        {v.verification === 'unverified' ? <span className="badge danger">unverified</span> : null}
      </div>
      <div role="cell">
        {v.aliases.map((a) => (
          <span key={a} className="badge">
            {a}
          </span>
        ))}
      </div>
      <div role="cell">{v.stage ?? '—'}</div>
      <div role="cell">{m.riskTier ?? '—'}</div>
      <div role="cell">{m.owner ?? '—'}</div>
      <div role="cell">
        {m.lastValidatedAt?.slice(0, 10) ?? '—'}
        {m.isValidationOverdue ? <span className="badge danger">overdue</span> : null}
      </div>
      <div role="cell">{v.createdAt.slice(0, 10)}</div>
      <div role="cell" className="mono" title={v.artifactSha256 ?? 'no artifact recorded'}>
        {v.artifactSha256 ? v.artifactSha256.slice(0, 12) : '—'}
      </div>
      <div role="cell" className="num">
        {v.decisionCount.toLocaleString('en')}
      </div>
    </div>
  );
}
