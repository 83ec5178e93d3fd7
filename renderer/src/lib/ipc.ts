import {
  type Channel,
  type EventName,
  type EventOf,
  type RequestOf,
  type ResponseOf,
  contract,
  events,
} from '../../../shared/ipc/contract';
import type { Envelope, ErrorPayload } from '../../../shared/ipc/envelope';

/** What the preload exposes as window.attest, and what the loopback client imitates. */
export interface Bridge {
  invoke(channel: string, request: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    attest?: Bridge;
  }
}

/** An error returned by main, with its code, message and hint intact. */
export class IpcError extends Error {
  readonly code: ErrorPayload['code'];
  readonly hint: string | undefined;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.hint = payload.hint;
  }
}

const TOKEN_KEY = 'attest.loopback.token';

/** The browser build's bridge: the same contract over HTTP to `attest serve` on 127.0.0.1. */
function loopbackBridge(): Bridge {
  const match = /^#token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    // Keep the token out of the address bar, history and screenshots.
    window.history.replaceState(null, '', `${window.location.pathname}#/inventory`);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  let source: EventSource | null = null;
  return {
    async invoke(channel, request) {
      const response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-attest-token': token },
        body: JSON.stringify(request ?? {}),
      });
      if (response.status === 401) {
        return { ok: false, error: { code: 'bad-request', message: 'This console link has expired.', hint: 'Open the URL that `attest serve` printed.' } };
      }
      return (await response.json()) as Envelope<unknown>;
    },
    on(event, listener) {
      source ??= new EventSource(`/events?token=${encodeURIComponent(token)}`);
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as unknown);
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}

let bridge: Bridge | null = null;
function getBridge(): Bridge {
  bridge ??= window.attest ?? loopbackBridge();
  return bridge;
}

/** Call a channel of the contract. The response is validated here too: the renderer trusts no wire. */
export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await getBridge().invoke(channel, request);
  if (!envelope.ok) throw new IpcError(envelope.error);
  return contract[channel].response.parse(envelope.value) as ResponseOf<C>;
}

/** Listen to a push event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
  return getBridge().on(event, (payload) => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventOf<E>);
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
