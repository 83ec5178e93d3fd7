import { type Virtualizer, elementScroll } from '@tanstack/react-virtual';

// app.css sizes the table body as `calc(100vh - 16rem)`, at least 16rem (1rem = 16px unless the user changed the
// default font size; a wrong guess only costs one extra render when the real size is observed).
const BODY_OFFSET_PX = 256;
const BODY_MIN_PX = 256;

/** What the table body's height will be once laid out, so the first render already holds the rows in view. */
export function estimatedBodyRect(): { width: number; height: number } {
  return { width: 0, height: Math.max(BODY_MIN_PX, window.innerHeight - BODY_OFFSET_PX) };
}

/**
 * The virtualizer's view size from a ResizeObserver alone. The library's default also reads
 * getBoundingClientRect when the table mounts, which forces a layout of the half-built page in the middle of
 * React's commit (~30 ms on the first render, measured) and a second layout for the frame. The observer reports
 * the size after the frame's own layout instead; with `estimatedBodyRect` right, nothing renders again.
 */
export function observeRectAfterLayout<S extends Element, I extends Element>(instance: Virtualizer<S, I>, report: (rect: { width: number; height: number }) => void): () => void {
  const element = instance.scrollElement;
  if (!element) return () => undefined;
  const observer = new ResizeObserver(([entry]) => {
    if (entry) report({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/**
 * The library's scroll writer, except its first call when that asks for offset 0: on mount the virtualizer
 * scrolls the new body to where it already is, and the write forces a layout mid-commit like the read above.
 * One writer per table (it remembers that the mount has passed).
 */
export function scrollWriterSkippingMount<S extends Element, I extends Element>(): typeof elementScroll<S> {
  let isMounted = false;
  return (offset, options, instance: Virtualizer<S, I>) => {
    const isMountWrite = !isMounted && offset === 0;
    isMounted = true;
    if (!isMountWrite) elementScroll(offset, options, instance);
  };
}
