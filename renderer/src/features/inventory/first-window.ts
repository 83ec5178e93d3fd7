import type { Envelope } from '../../../../shared/ipc/envelope';
import type { InventoryPageRequest } from '../../../../shared/schemas/registry';
import { routeArgs, routeFromHash } from '../../app/routes';
import { getBridge } from '../../lib/bridge';

// About two screens of rows: each keystroke validates, sends and parses only what can be seen.
export const PAGE_SIZE = 64;

export type InventoryQuery = Omit<InventoryPageRequest, 'offset' | 'limit'>;

/** The Inventory's filters as the page holds them. */
export type FilterFields = Pick<InventoryQuery, 'text' | 'riskTier' | 'owner' | 'alias' | 'isOverdueOnly'>;

export const NO_FILTER: FilterFields = { text: '', riskTier: '', owner: '', alias: '', isOverdueOnly: false };

/** The query key of a page state: the same fields in the same order wherever it is built. */
export function inventoryQueryKey(filter: FilterFields, sort: { key: NonNullable<InventoryQuery['sort']>; isDescending: boolean }, asOf: string): string {
  const query: InventoryQuery = { ...filter, sort: sort.key, isDescending: sort.isDescending, ...(asOf ? { asOf } : {}) };
  return JSON.stringify(query);
}

interface EarlyFirstWindow {
  key: string;
  envelope: Promise<Envelope<unknown>>;
  /** The answer once it has arrived: the Inventory's first render can then show rows at once. */
  settled: Envelope<unknown> | null;
  /** The table body height the rows were pre-rendered for (prerender/first-screen.tsx); hydration must match it. */
  viewHeight?: number;
}

/** The first window as main pre-rendered the Inventory with it: the data block's content in index.html. */
export interface FirstScreenData {
  key: string;
  envelope: Envelope<unknown>;
  viewHeight: number;
}

/** The id of the `<script type="application/json">` data block that carries FirstScreenData. */
export const FIRST_SCREEN_DATA_ID = 'attest-first-screen';

/** The first window's query, as the unfiltered Inventory opened at the top asks it. */
export function firstWindowQuery(): { key: string; request: InventoryPageRequest } {
  const key = inventoryQueryKey(NO_FILTER, { key: 'model', isDescending: false }, '');
  return { key, request: { ...(JSON.parse(key) as InventoryQuery), offset: 0, limit: PAGE_SIZE } };
}

let early: EarlyFirstWindow | null = null;

/**
 * Ask for the first window of the unfiltered Inventory as soon as the console's script runs, when the Inventory
 * is the screen being opened: the answer travels while React and the screens load. index.html loads this from
 * its own `async` script (see vite.config.mts), which runs before the main module has even arrived.
 */
export function requestFirstWindowEarly(): void {
  if (early) return;
  const bridge = getBridge(); // in the browser this also moves the token out of the address bar
  if (!isInventoryOpening()) return;
  const prerendered = readFirstScreenData(document);
  if (prerendered) {
    adoptFirstScreen(prerendered);
    return;
  }
  const { key, request } = firstWindowQuery();
  const asked: EarlyFirstWindow = { key, envelope: bridge.invoke('models:page', request), settled: null };
  asked.envelope.then(
    (envelope) => (asked.settled = envelope),
    () => undefined, // the one who takes the promise reports the failure
  );
  early = asked;
}

/** True when the screen being opened is the Inventory's list (not a version's screen, not another screen). */
function isInventoryOpening(): boolean {
  const hash = window.location.hash;
  return routeFromHash(hash) === 'inventory' && routeArgs(hash).length === 0;
}

/**
 * The first window main pre-rendered the page with, or null when the page came without one (or with one this
 * build cannot read: the console then asks for the window itself, as if nothing had been pre-rendered).
 */
export function readFirstScreenData(page: Document): FirstScreenData | null {
  const text = page.getElementById(FIRST_SCREEN_DATA_ID)?.textContent;
  if (!text) return null;
  try {
    const data = JSON.parse(text) as Partial<FirstScreenData> | null;
    const isEnvelope = typeof data?.envelope === 'object' && data.envelope !== null && typeof data.envelope.ok === 'boolean';
    return data && typeof data.key === 'string' && typeof data.viewHeight === 'number' && isEnvelope ? (data as FirstScreenData) : null;
  } catch {
    return null;
  }
}

/**
 * Use `data` as the early answer: the first render then shows exactly the rows, at exactly the height, that
 * main's pre-render showed (hydration needs the same markup). On the server, the pre-render adopts it too.
 */
export function adoptFirstScreen(data: FirstScreenData): void {
  early = { key: data.key, envelope: Promise.resolve(data.envelope), settled: data.envelope, viewHeight: data.viewHeight };
}

/** Forget any early answer (the server's pre-render, between two pages). */
export function forgetFirstScreen(): void {
  early = null;
}

/** True when the page came pre-rendered and its first screen was adopted (see requestFirstWindowEarly). */
export function hasAdoptedFirstScreen(): boolean {
  return early?.viewHeight !== undefined;
}

/** The table body height the first window of `key` was pre-rendered for, if it was. */
export function prerenderedViewHeight(key: string): number | undefined {
  return early?.key === key ? early.viewHeight : undefined;
}

/**
 * Resolves once the early answer has arrived, or after `maxWaitMs`, or at once when nothing was asked early.
 * Mounting the console after it means one render and one layout with the rows, instead of a frame of "Loading…"
 * (≈60 ms of render, layout and paint on a slow machine) followed by a second render and layout for the rows.
 */
export function earlyFirstWindowArrival(maxWaitMs: number): Promise<void> {
  const asked = early;
  if (!asked || asked.settled) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    asked.envelope.then(done, done);
  });
}

/** The early answer for `key` if it has already arrived and succeeded; does not use it up (safe in render). */
export function peekEarlyFirstWindow(key: string): Envelope<unknown> | null {
  return early?.key === key && early.settled?.ok ? early.settled : null;
}

/** The early answer if it was for `key` (given out once: a reload asks again). */
export function takeEarlyFirstWindow(key: string): Promise<Envelope<unknown>> | null {
  if (early?.key !== key) return null;
  const { envelope } = early;
  early = null;
  return envelope;
}
