import type { Browser, Page } from 'playwright-core';

// Wall-clock first render on a shared 2-core machine moves 2-3x with the load; the renderer main thread's own CPU
// time to the same moment moves far less, so it is what tells whether a change made the page's work smaller.
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU milliseconds the page's renderer main thread spent until the page set the performance mark `mark`:
 * `load` opens the page and resolves once the mark is set. Sums the thread time (`tdur`) of its top-level tasks.
 */
export async function rendererCpuUntilMark(browser: Browser, page: Page, mark: string, load: () => Promise<void>): Promise<number> {
  await browser.startTracing(page, { categories: CATEGORIES });
  const failure = await load().then(
    () => null,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const trace = await browser.stopTracing();
  if (failure) throw failure;
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const at = events.find((e) => e.name === mark);
  if (!at) throw new Error(`The trace holds no performance mark "${mark}".`);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === at.pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('The trace names no renderer main thread for the page.');
  const tasks = events.filter((e) => e.pid === at.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.ts < at.ts);
  return tasks.reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000;
}
