import type { Envelope, ErrorPayload } from '../../../shared/ipc/envelope';

// The wire to main, without the contract's schemas: small enough to sit in the first-paint chunk and to send the
// Inventory's first request before React has mounted. Screens use lib/ipc.ts, which validates what comes back.

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

export const TOKEN_KEY = 'attest.loopback.token';

/** The browser build's bridge: the same contract over HTTP to `attest serve` on 127.0.0.1. */
function loopbackBridge(): Bridge {
  // `attest serve` prints the console's URL with the token as its query: the server needs it on that first request
  // too, to send the Inventory pre-rendered (transport/console-entry.ts) to no one but the holder of the token.
  const given = new URLSearchParams(window.location.search).get('token');
  if (given && /^[A-Za-z0-9_-]+$/.test(given)) {
    sessionStorage.setItem(TOKEN_KEY, given);
    // Keep the token out of the address bar, history and screenshots.
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash || '#/inventory'}`);
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

/** The preload's bridge in the desktop app, else the loopback client (which takes the token from the URL). */
export function getBridge(): Bridge {
  bridge ??= window.attest ?? loopbackBridge();
  return bridge;
}
