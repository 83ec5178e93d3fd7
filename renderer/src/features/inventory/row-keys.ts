/**
 * Keyboard movement between the Inventory's rows. Only the rows in view exist in the page, so Tab alone would
 * stop at the last rendered row of 20,000: the arrow keys, Page Up/Down and Home/End move the focus by rows
 * instead, and the table scrolls the target into view and focuses it once it is rendered.
 */

/** The row index a key moves the focus to from row `from`, or null when the key is not a row movement. */
export function rowAfterKey(key: string, from: number, total: number, rowsPerPage: number): number | null {
  if (total <= 0) return null;
  const page = Math.max(1, rowsPerPage - 1);
  const moves: Record<string, number> = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + page, PageUp: from - page, Home: 0, End: total - 1 };
  const to = moves[key];
  return to === undefined ? null : Math.min(total - 1, Math.max(0, to));
}

/** The row index of the row holding `target` (rows carry aria-rowindex, the header being 1), or null. */
export function rowIndexOf(target: EventTarget | null): number | null {
  const row = target instanceof Element ? target.closest('[role="row"][aria-rowindex]') : null;
  const index = Number(row?.getAttribute('aria-rowindex')) - 2;
  return Number.isInteger(index) && index >= 0 ? index : null;
}

/** Scroll `scroller` as little as it takes to show row `index` whole below a sticky header `coveredPx` tall. */
export function scrollRowIntoView(scroller: HTMLElement, index: number, rowHeight: number, coveredPx: number): void {
  const top = index * rowHeight;
  const viewHeight = scroller.clientHeight - coveredPx;
  if (top < scroller.scrollTop) scroller.scrollTop = top;
  else if (top + rowHeight > scroller.scrollTop + viewHeight) scroller.scrollTop = top + rowHeight - viewHeight;
}

/** The focusable element of row `index` in `table`, once that row is rendered with its data. */
export function focusTargetOfRow(table: HTMLElement, index: number): HTMLElement | null {
  return table.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${index + 2}"] button`);
}
