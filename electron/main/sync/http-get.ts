import { setTimeout as sleep } from 'node:timers/promises';
import { AttestError } from '../core/errors';

/** How a GET against a lineage or registry server behaves; `server` names it in every error ("Marquez at …"). */
export interface HttpGetOptions {
  server: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** Base delay of the exponential backoff between retries. */
  backoffMs: number;
  /** What to do when the server refuses the credentials. */
  credentialsHint: string;
  signal?: AbortSignal | undefined;
}

/** Reasons worth another try: the server is busy, restarting, or the network blinked. */
const RETRYABLE = new Set([408, 429, 502, 503, 504]);

/** GET `url` with a timeout per attempt and retries with backoff on timeouts, resets and 5xx/429 answers. */
export async function getWithRetry(url: string, what: string, options: HttpGetOptions): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptGet(url, what, options);
    if (Buffer.isBuffer(outcome)) return outcome;
    if (!outcome.retry || attempt >= options.retries || options.signal?.aborted) throw outcome.error;
    await sleep(options.backoffMs * 2 ** attempt);
  }
}

/** Parse a JSON answer, or say clearly that the server answered something else (a login page, a proxy error). */
export function parseJsonAnswer(bytes: Buffer, what: string, server: string): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AttestError(
      'bad-input',
      `${server} answered ${what} with something that is not JSON (${JSON.stringify(text.slice(0, 60))}…).`,
      'Is the URL the server’s API, not a proxy login page? Nothing was written.',
    );
  }
}

async function attemptGet(
  url: string,
  what: string,
  o: HttpGetOptions,
): Promise<Buffer | { retry: boolean; error: AttestError }> {
  let response: Response;
  try {
    const signals = [AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])];
    response = await fetch(url, { headers: o.headers, signal: AbortSignal.any(signals) });
  } catch (error) {
    if (o.signal?.aborted)
      return { retry: false, error: new AttestError('cancelled', 'Cancelled; nothing was written.') };
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const problem = timedOut
      ? `did not answer ${what} within ${o.timeoutMs} ms`
      : `could not be reached for ${what}`;
    return {
      retry: true,
      error: new AttestError(
        'unsupported',
        `${o.server} ${problem}.`,
        'Check the address and the network, then try again; nothing was written.',
      ),
    };
  }
  if (response.ok) {
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch {
      return {
        retry: true,
        error: new AttestError(
          'unsupported',
          `${o.server} broke off its answer to ${what}.`,
          'Try again; nothing was written.',
        ),
      };
    }
  }
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) {
    return {
      retry: false,
      error: new AttestError(
        'bad-input',
        `${o.server} refused the credentials (HTTP ${response.status}) for ${what}.`,
        o.credentialsHint,
      ),
    };
  }
  const retry = RETRYABLE.has(response.status) || response.status >= 500;
  const hint = retry
    ? 'The server kept failing; try again later. Nothing was written.'
    : 'Check the URL and the server version.';
  return {
    retry,
    error: new AttestError(
      response.status === 404 ? 'not-found' : 'unsupported',
      `${o.server} answered ${what} with HTTP ${response.status}.`,
      hint,
    ),
  };
}
