import { describe, expect, it } from 'vitest';
import { rowsInView } from '../../../renderer/src/features/inventory/row-window';

const ROW = 34;
const view = (scrollTop: number, viewHeight: number) => ({ scrollTop, viewHeight });

describe('rowsInView: the Inventory rows a scrolled body shows', () => {
  it('shows the rows that fit at the top, plus the overscan below', () => {
    // 340 px hold rows 0-9 exactly; the overscan adds 2 below and none above the first row.
    expect(rowsInView(view(0, 340), 20_000, ROW, 0)).toEqual({ first: 0, last: 9 });
    expect(rowsInView(view(0, 340), 20_000, ROW, 2)).toEqual({ first: 0, last: 11 });
  });

  it('counts a row cut by either edge of the view', () => {
    // Scrolled 17 px: half of row 0 is still in view at the top, and row 10 shows its top half at the bottom.
    expect(rowsInView(view(17, 340), 20_000, ROW, 0)).toEqual({ first: 0, last: 10 });
    expect(rowsInView(view(34 * 500 + 5, 340), 20_000, ROW, 3)).toEqual({ first: 497, last: 513 });
  });

  it('stops at the last row', () => {
    const bottom = 20_000 * ROW - 340;
    expect(rowsInView(view(bottom, 340), 20_000, ROW, 12)).toEqual({ first: 19_978, last: 19_999 });
    expect(rowsInView(view(0, 340), 3, ROW, 12)).toEqual({ first: 0, last: 2 });
  });

  it('shows nothing for an empty answer', () => {
    const none = rowsInView(view(0, 340), 0, ROW, 12);
    expect(none.last).toBeLessThan(none.first);
  });

  it('shows the last rows of a shorter answer while the body is still scrolled past its end', () => {
    // A filter narrowed 20,000 rows to 5 while the body was far down: no negative or empty range in between.
    expect(rowsInView(view(34 * 9_000, 340), 5, ROW, 2)).toEqual({ first: 4, last: 4 });
  });

  it('shows at least the top row in a body not laid out yet', () => {
    expect(rowsInView(view(0, 0), 100, ROW, 0)).toEqual({ first: 0, last: 0 });
  });
});
