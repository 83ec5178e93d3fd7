import { type KeyboardEvent, memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { InventoryPageRow, InventorySortKey } from '../../../../shared/schemas/registry';
import { formatCount } from '../../lib/format';
import { prerenderedViewHeight } from './first-window';
import { focusTargetOfRow, rowAfterKey, rowIndexOf, scrollRowIntoView } from './row-keys';
import { estimatedBodyHeight, rowsInView, useScrollView } from './row-window';

export interface Sort {
  key: InventorySortKey;
  isDescending: boolean;
}

const COLUMNS: { key: InventorySortKey | null; label: string }[] = [
  { key: 'model', label: 'Model' },
  { key: 'version', label: 'Version' },
  { key: null, label: 'Aliases' },
  { key: 'stage', label: 'Stage' },
  { key: 'riskTier', label: 'Risk tier' },
  { key: 'owner', label: 'Owner' },
  { key: 'lastValidatedAt', label: 'Last validation' },
  { key: 'createdAt', label: 'Created' },
  { key: null, label: 'Artifact SHA\u2011256' }, // a non-breaking hyphen: the header wraps before SHA, not after it
  { key: 'decisions', label: 'Decisions' },
];

const ROW_HEIGHT = 34;
// The header's usual height: it sticks over the top of the scroller, so the rows see that much less of it. A
// header wrapped to two lines (a narrow window) hides part of one more row, which the overscan renders anyway.
const HEADER_HEIGHT = 34;
// Rows rendered beyond the view, so scrolling shows rows at once. The first frame renders only the rows in view
// (and two more); the rest follow once that frame is painted: ~10 fewer rows to render and lay out before a person
// sees the table.
const OVERSCAN = 12;
const FIRST_FRAME_OVERSCAN = 2;

/**
 * Version rows, virtualized over the whole result: only rows in view are in the DOM, and rows not fetched yet
 * are asked for as they scroll into view. Every row is ROW_HEIGHT tall, so which rows are in view is arithmetic
 * (row-window.ts). Table semantics are kept with ARIA roles and row counts.
 */
// Memoised, like each row: a keystroke re-renders the search box and the summary, not the rows on screen.
export const InventoryTable = memo(function InventoryTable({
  answerKey,
  total,
  rowAt,
  requestRange,
  sort,
  onSort,
  onOpen,
}: {
  /** Which answer the rows are: a new one starts at the top. */
  answerKey: string;
  total: number;
  rowAt: (index: number) => InventoryPageRow | null;
  requestRange: (from: number, to: number) => void;
  sort: Sort;
  onSort: (s: Sort) => void;
  onOpen: (r: InventoryPageRow) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [overscan, setOverscan] = useState(FIRST_FRAME_OVERSCAN);
  useEffect(() => afterNextPaint(() => setOverscan(OVERSCAN)), []);
  // Pre-rendered by main, the rows were laid out for a height main chose; hydration must render those same rows.
  const [initialViewHeight] = useState(() => prerenderedViewHeight(answerKey) ?? estimatedBodyHeight() - HEADER_HEIGHT);
  const view = useScrollView(scroller, ROW_HEIGHT, initialViewHeight, HEADER_HEIGHT);
  const { first, last } = rowsInView(view, total, ROW_HEIGHT, overscan);
  useEffect(() => {
    if (last >= first) requestRange(first, last);
  }, [first, last, requestRange]);
  // The row the keyboard moved to, focused as soon as it is rendered with its data (after a scroll, a fetch).
  const focusWanted = useRef<number | null>(null);
  useEffect(() => {
    const target = focusWanted.current === null || !scroller.current ? null : focusTargetOfRow(scroller.current, focusWanted.current);
    if (!target) return;
    focusWanted.current = null;
    target.focus({ preventScroll: true });
  });
  const onRowKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const from = rowIndexOf(e.target);
    const to = from === null || e.altKey || e.metaKey ? null : rowAfterKey(e.key, from, total, Math.floor(view.viewHeight / ROW_HEIGHT));
    if (to === null || !scroller.current) return;
    e.preventDefault();
    focusWanted.current = to;
    // The header's real height here (a key press is no commit: nothing is forced): wrapped to two lines in a
    // narrow window, it covers more than HEADER_HEIGHT, and a row moved to at the bottom must clear it.
    const header = scroller.current.firstElementChild;
    scrollRowIntoView(scroller.current, to, ROW_HEIGHT, header instanceof HTMLElement ? header.offsetHeight : HEADER_HEIGHT);
    const target = focusTargetOfRow(scroller.current, to);
    if (target) {
      focusWanted.current = null;
      target.focus({ preventScroll: true });
    }
  };
  // The body's height and the rows' offset are written through the CSSOM, never as style attributes: main
  // pre-renders this table as HTML, where the console's CSP (style-src 'self') refuses style attributes, and
  // hydration would not apply them afterwards either. Writes only: no layout is forced.
  const body = useRef<HTMLDivElement>(null);
  const rowsShown = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (body.current) body.current.style.height = `${total * ROW_HEIGHT}px`;
  }, [total]);
  useLayoutEffect(() => {
    if (rowsShown.current) rowsShown.current.style.transform = first > 0 ? `translateY(${first * ROW_HEIGHT}px)` : '';
  }, [first]);
  // The same table and row elements serve every answer (a keystroke updates their text, ~3 ms, where a fresh
  // table cost ~15 ms plus layout); a new answer is shown from its first row. Not on mount: the body is at the
  // top already, and writing scrollTop forces a layout.
  const shownAnswer = useRef(answerKey);
  useLayoutEffect(() => {
    if (shownAnswer.current === answerKey) return;
    shownAnswer.current = answerKey;
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [answerKey]);
  return (
    <div ref={scroller} role="table" aria-label="Model versions" aria-rowcount={total + 1} className="vtable">
      <div role="rowgroup" className="vhead-group">
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
      {/* Keys move between rows (row-keys.ts); the rows' own buttons take the focus, so no extra tab stop. */}
      <div ref={body} role="rowgroup" className="vbody" onKeyDown={onRowKey}>
        {/* The rows in view, in order, moved down to where the first of them is in the whole result. */}
        <div ref={rowsShown} role="presentation" className="vrows">
          {Array.from({ length: last - first + 1 }, (_, offset) => {
            const index = first + offset;
            const row = rowAt(index);
            return row ? (
              <VersionRow key={index} row={row} index={index} onOpen={onOpen} />
            ) : (
              <div key={index} role="row" aria-rowindex={index + 2} className="vrow muted">
                <div role="cell">Loading…</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});

/** Run `then` once the next frame has been painted (a task posted from the frame's animation callback); cancellable. */
function afterNextPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(then, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

const VersionRow = memo(function VersionRow({ row, index, onOpen }: { row: InventoryPageRow; index: number; onOpen: (r: InventoryPageRow) => void }) {
  return (
    <div role="row" aria-rowindex={index + 2} className="vrow">
      <div role="cell">
        <button type="button" className="link" onClick={() => onOpen(row)} title={row.useCase ?? undefined}>
          {row.model}
        </button>
      </div>
      <div role="cell">
        v{row.version}
        {row.verification === 'unverified' ? <span className="badge danger after-text">unverified</span> : null}
      </div>
      <div role="cell">
        {row.aliases.map((a) => (
          <span key={a} className="badge">
            {a}
          </span>
        ))}
      </div>
      <div role="cell">{row.stage ?? '—'}</div>
      <div role="cell">{row.riskTier ?? '—'}</div>
      <div role="cell">{row.owner ?? '—'}</div>
      <div role="cell">
        {row.lastValidatedAt?.slice(0, 10) ?? '—'}
        {row.isValidationOverdue ? <span className="badge danger after-text">overdue</span> : null}
      </div>
      <div role="cell">{row.createdAt.slice(0, 10)}</div>
      <div role="cell" className="mono" title={row.artifactSha256 ?? 'no artifact recorded'}>
        {row.artifactSha256 ? row.artifactSha256.slice(0, 12) : '—'}
      </div>
      <div role="cell" className="num">
        {formatCount(row.decisionCount)}
      </div>
    </div>
  );
});
