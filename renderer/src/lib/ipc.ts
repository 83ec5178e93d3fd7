import type * as ContractModule from '../../../shared/ipc/contract';
import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import { IpcError, TOKEN_KEY, getBridge } from './bridge';

export { IpcError } from './bridge';

// The contract's schemas (zod and every domain's schemas, about 110 KB) are a chunk of their own: building them
// took ~80 ms of the first paint. They load in parallel with the first request (see loadContract in main.tsx)
// and every response is still checked against them before a screen sees it.
let contractModule: Promise<typeof ContractModule> | null = null;

/** Start loading the contract's schemas (once); answers the module. */
export function loadContract(): Promise<typeof ContractModule> {
  contractModule ??= import('../../../shared/ipc/contract');
  return contractModule;
}

/** Call a channel of the contract. The response is validated here too: the renderer trusts no wire. */
export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  return checkResponse(channel, await getBridge().invoke(channel, request));
}

/** Check an envelope received for `channel` against the contract: its value, or its error thrown as IpcError. */
export async function checkResponse<C extends Channel>(channel: C, envelope: Envelope<unknown>): Promise<ResponseOf<C>> {
  if (!envelope.ok) throw new IpcError(envelope.error);
  const { contract } = await loadContract();
  return contract[channel].response.parse(envelope.value) as ResponseOf<C>;
}

/** Listen to a push event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
  return getBridge().on(event, (payload) => {
    void loadContract().then(({ events }) => {
      const parsed = events[event].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventOf<E>);
    });
  });
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
