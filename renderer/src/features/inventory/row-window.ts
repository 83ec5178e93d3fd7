import { type RefObject, useEffect, useState } from 'react';

/** The rows to render, first to last inclusive; none when `last < first`. */
export interface RowRange {
  first: number;
  last: number;
}

/** Where the table body is scrolled to and how tall it is, in pixels. */
export interface ScrollView {
  scrollTop: number;
  viewHeight: number;
}

// app.css sizes the table body as `calc(100vh - 16rem)`, at least 16rem (1rem = 16px unless the user changed the
// default font size; a wrong guess only costs one extra render when the real size is observed).
const BODY_OFFSET_PX = 256;
const BODY_MIN_PX = 256;

/** What the table body's height will be once laid out, so the first render already holds the rows in view. */
export function estimatedBodyHeight(): number {
  return Math.max(BODY_MIN_PX, window.innerHeight - BODY_OFFSET_PX);
}

/**
 * The rows of `count`, each `rowHeight` tall, that a body scrolled to `view` shows, with `overscan` more on each
 * side. Arithmetic on the view alone: the cost does not grow with the number of rows (a general virtualizer keeps
 * a position for every one of 20,000 rows, rebuilt whenever the count changes).
 */
export function rowsInView(view: ScrollView, count: number, rowHeight: number, overscan: number): RowRange {
  if (count <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, Math.floor(view.scrollTop / rowHeight));
  const bottom = Math.max(top, Math.ceil((view.scrollTop + view.viewHeight) / rowHeight) - 1);
  const last = Math.min(count - 1, bottom + overscan);
  // A body still scrolled past a shorter answer's end shows that answer's last rows until it is scrolled back.
  return { first: Math.max(0, Math.min(top - overscan, last)), last };
}

/**
 * The rows' view of `scroller`, kept as React state that changes only when the rows in view change (not on every
 * scrolled pixel). `coveredPx` at its top is hidden by a sticky header. The size comes from a ResizeObserver,
 * reported after the frame's own layout: reading it while React commits would force a layout of the half-built
 * page (~30 ms on the first render, measured). Starts from `initialViewHeight`, so the first render needs no
 * measurement at all.
 */
export function useScrollView(scroller: RefObject<HTMLElement | null>, rowHeight: number, initialViewHeight: number, coveredPx: number): ScrollView {
  const [view, setView] = useState<ScrollView>({ scrollTop: 0, viewHeight: initialViewHeight });
  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const update = (next: Partial<ScrollView>) =>
      setView((shown) => {
        const candidate = { ...shown, ...next };
        const [was, now] = [rowsInView(shown, Number.MAX_SAFE_INTEGER, rowHeight, 0), rowsInView(candidate, Number.MAX_SAFE_INTEGER, rowHeight, 0)];
        return was.first === now.first && was.last === now.last ? shown : candidate;
      });
    const onScroll = () => update({ scrollTop: element.scrollTop });
    const observer = new ResizeObserver(([entry]) => {
      if (entry) update({ viewHeight: Math.max(0, Math.round(entry.contentRect.height) - coveredPx) });
    });
    element.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scroller, rowHeight, coveredPx]);
  return view;
}
