import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope } from '../../../../shared/ipc/envelope';
import type { InventoryPage, InventoryPageRow } from '../../../../shared/schemas/registry';
import { getBridge } from '../../lib/bridge';
import { IpcError, invoke, unwrap } from '../../lib/ipc';
import { type InventoryQuery, PAGE_SIZE, peekEarlyFirstWindow, takeEarlyFirstWindow } from './first-window';

interface Shown {
  key: string;
  first: InventoryPage;
  pages: Map<number, InventoryPageRow[]>;
  pending: Set<number>;
}

export type PagedInventory =
  | { status: 'loading' }
  | { status: 'error'; message: string; hint: string | undefined }
  | {
      status: 'ready';
      /** The query the rows shown answer (the key it was asked with). */
      shownKey: string;
      first: InventoryPage;
      /** True while the answer to a newer query is on its way (the rows shown are the previous answer). */
      isUpdating: boolean;
      rowAt: (index: number) => InventoryPageRow | null;
      requestRange: (from: number, to: number) => void;
    };

/**
 * The Inventory as windows of rows fetched from the database on demand: the first window on every query
 * change, further windows as the table scrolls to them. The previous answer stays on screen until the new
 * one arrives, and answers to an older query are ignored. `key` is the query as `inventoryQueryKey` writes it.
 */
export function usePagedInventory(key: string): [PagedInventory, () => void] {
  const [generation, setGeneration] = useState(0);
  // When the early first window has already arrived, the first render shows its rows: no frame of "Loading…"
  // followed by a second render and layout once the answer lands.
  const [shown, setShown] = useState<Shown | null>(() => shownFrom(key, peekEarlyFirstWindow(key)));
  const [failure, setFailure] = useState<{ key: string; error: Error } | null>(null);
  const keyShownAtMount = useRef(shown?.key);

  useEffect(() => {
    let isCurrent = true;
    const early = takeEarlyFirstWindow(key);
    if (early && generation === 0 && keyShownAtMount.current === key) return; // already shown from the early answer
    const envelope = early ?? getBridge().invoke('models:page', { ...(JSON.parse(key) as InventoryQuery), offset: 0, limit: PAGE_SIZE });
    envelope.then((e) => unwrap<'models:page'>(e)).then(
      (first) => isCurrent && setShown(shownOf(key, first)),
      (error: unknown) => isCurrent && setFailure({ key, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [key, generation]);

  const requestRange = useCallback(
    (from: number, to: number) => {
      if (!shown) return;
      for (let index = Math.floor(from / PAGE_SIZE); index <= Math.floor(to / PAGE_SIZE); index++) {
        if (shown.pages.has(index) || shown.pending.has(index)) continue;
        shown.pending.add(index);
        const request = { ...(JSON.parse(shown.key) as InventoryQuery), offset: index * PAGE_SIZE, limit: PAGE_SIZE };
        invoke('models:page', request).then(
          (page) => {
            shown.pages.set(index, page.rows);
            shown.pending.delete(index);
            // A new Shown around the same windows: rowAt changes with it, so the memoised table shows the rows.
            setShown((current) => (current?.key === shown.key ? { ...current } : current));
          },
          (error: unknown) => {
            // Rows that cannot be fetched are not left saying "Loading…": the screen says why and offers a retry.
            shown.pending.delete(index);
            setFailure({ key: shown.key, error: error instanceof Error ? error : new Error(String(error)) });
          },
        );
      }
    },
    [shown],
  );
  const rowAt = useCallback((index: number) => shown?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null, [shown]);
  const reload = () => {
    setFailure(null);
    setGeneration((g) => g + 1);
  };
  if (failure?.key === key) {
    return [{ status: 'error', message: failure.error.message, hint: failure.error instanceof IpcError ? failure.error.hint : undefined }, reload];
  }
  if (!shown) return [{ status: 'loading' }, reload];
  return [{ status: 'ready', shownKey: shown.key, first: shown.first, isUpdating: shown.key !== key, rowAt, requestRange }, reload];
}

function shownFrom(key: string, envelope: Envelope<unknown> | null): Shown | null {
  return envelope?.ok ? shownOf(key, unwrap<'models:page'>(envelope)) : null;
}

function shownOf(key: string, first: InventoryPage): Shown {
  return { key, first, pages: new Map([[0, first.rows]]), pending: new Set() };
}
