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

let early: { key: string; envelope: Promise<Envelope<unknown>> } | null = null;

/**
 * Ask for the first window of the unfiltered Inventory as soon as the console's script runs, when the Inventory
 * is the screen being opened: the answer travels while React and the contract's schemas load.
 */
export function requestFirstWindowEarly(): void {
  const bridge = getBridge(); // in the browser this also moves the token out of the address bar
  const hash = window.location.hash;
  if (routeFromHash(hash) !== 'inventory' || routeArgs(hash).length > 0) return;
  const key = inventoryQueryKey(NO_FILTER, { key: 'model', isDescending: false }, '');
  early = { key, envelope: bridge.invoke('models:page', { ...(JSON.parse(key) as InventoryQuery), offset: 0, limit: PAGE_SIZE }) };
}

/** The early answer if it was for `key` (given out once: a reload asks again). */
export function takeEarlyFirstWindow(key: string): Promise<Envelope<unknown>> | null {
  if (early?.key !== key) return null;
  const { envelope } = early;
  early = null;
  return envelope;
}
