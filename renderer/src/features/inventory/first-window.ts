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
  const hash = window.location.hash;
  if (routeFromHash(hash) !== 'inventory' || routeArgs(hash).length > 0) return;
  const key = inventoryQueryKey(NO_FILTER, { key: 'model', isDescending: false }, '');
  const asked: EarlyFirstWindow = {
    key,
    envelope: bridge.invoke('models:page', { ...(JSON.parse(key) as InventoryQuery), offset: 0, limit: PAGE_SIZE }),
    settled: null,
  };
  asked.envelope.then(
    (envelope) => (asked.settled = envelope),
    () => undefined, // the one who takes the promise reports the failure
  );
  early = asked;
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
