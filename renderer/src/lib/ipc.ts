import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import { IpcError, TOKEN_KEY, getBridge } from './bridge';

export { IpcError } from './bridge';

// Validation happens in main, both ways: the dispatcher parses every request and every response against the
// contract, and EventBus.emit parses every push event, before anything reaches this side. The renderer used to
// parse responses again; that check could find nothing main had not already refused, and it cost the first
// paint zod and every schema (~110 KB; 100-300 ms measured on the Inventory's first render). See docs/console.md.

/** Call a channel of the contract: the response main has validated, or its error thrown as IpcError. */
export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  return unwrap<C>(await getBridge().invoke(channel, request));
}

/** The value of an envelope received for channel C, or its error thrown as IpcError. */
export function unwrap<C extends Channel>(envelope: Envelope<unknown>): ResponseOf<C> {
  if (!envelope.ok) throw new IpcError(envelope.error);
  return envelope.value as ResponseOf<C>;
}

/** Listen to a push event (validated by main when emitted); returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
  return getBridge().on(event, (payload) => listener(payload as EventOf<E>));
}

/** Running inside the desktop app (the preload bridge is present), as opposed to a browser on `attest serve`. */
export function isDesktop(): boolean {
  return window.attest !== undefined;
}

/**
 * Send a file dropped on the browser console to `attest serve`, which stores it in the workspace's tmp/uploads;
 * answers its path there. (In the desktop app the preload turns a drop into a path itself.)
 */
export async function uploadDroppedFile(file: File): Promise<string> {
  const response = await fetch('/upload', {
    method: 'POST',
    headers: { 'x-attest-token': sessionStorage.getItem(TOKEN_KEY) ?? '', 'x-file-name': encodeURIComponent(file.name) },
    body: file,
  });
  const envelope = (await response.json()) as Envelope<{ path: string }>;
  if (!envelope.ok) throw new IpcError(envelope.error);
  return envelope.value.path;
}
