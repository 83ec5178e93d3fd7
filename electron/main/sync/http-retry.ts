import { setTimeout as sleep } from 'node:timers/promises';
import { AttestError } from '../core/errors';

/** What to tell the person when a request fails, in the words of the calling feature (sync, bundle create). */
export interface FailureHints {
  /** Unreachable or timed out. */
  network: string;
  /** The connection broke mid-answer. */
  brokenOff: string;
  /** Busy or failing after every retry (429, 5xx). */
  failing: string;
  /** Any other refusal (4xx). */
  refused: string;
  /** 401/403. */
  credentials: string;
}

/** How requests to one registry or lineage server behave; `server` names it in every error ("Marquez at …"). */
export interface HttpRetryOptions {
  server: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** Base delay of the exponential backoff between retries. */
  backoffMs: number;
  hints: FailureHints;
  signal?: AbortSignal | undefined;
  /**
   * A caller's own reading of a non-OK answer (MLflow's "no such endpoint" vs "no such object"): an error to
   * throw at once, or null for the usual handling. It may read the body.
   */
  onRefusal?: (response: Response, what: string) => Promise<Error | null>;
}

/** Timing both registry clients use unless told otherwise: 30 s per attempt, 3 retries from 250 ms. */
export function retryTiming(o: { timeoutMs?: number | undefined; retries?: number | undefined; backoffMs?: number | undefined }): Pick<HttpRetryOptions, 'timeoutMs' | 'retries' | 'backoffMs'> {
  return { timeoutMs: o.timeoutMs ?? 30_000, retries: o.retries ?? 3, backoffMs: o.backoffMs ?? 250 };
}

/** A request: GET, or POST with a JSON body. */
export type HttpRequest = { method: 'GET' } | { method: 'POST'; json: string };

/** Reasons worth another try: the server is busy, restarting, or the network blinked. */
const RETRYABLE = new Set([408, 429, 502, 503, 504]);

type Attempt = Buffer | { retry: boolean; error: Error };

/**
 * Send `request` to `url` with a timeout per attempt, retrying with exponential backoff on timeouts, resets and
 * 408/429/5xx answers. `what` names the request in errors. Returns the answer's bytes.
 */
export async function requestWithRetry(url: string, what: string, options: HttpRetryOptions, request: HttpRequest = { method: 'GET' }): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptRequest(url, what, options, request);
    if (Buffer.isBuffer(outcome)) return outcome;
    if (!outcome.retry || attempt >= options.retries || options.signal?.aborted) throw outcome.error;
    await sleep(options.backoffMs * 2 ** attempt);
  }
}

/** Parse a JSON answer, or say clearly that the server answered something else (a login page, a proxy error). */
export function parseJsonAnswer(bytes: Buffer, what: string, server: string, hint: string): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AttestError('bad-input', `${server} answered ${what} with something that is not JSON (${JSON.stringify(text.slice(0, 60))}…).`, hint);
  }
}

async function attemptRequest(url: string, what: string, o: HttpRetryOptions, request: HttpRequest): Promise<Attempt> {
  let response: Response;
  try {
    const signals = [AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])];
    const init = request.method === 'GET' ? {} : { method: 'POST', body: request.json, headers: { ...o.headers, 'content-type': 'application/json' } };
    response = await fetch(url, { headers: o.headers, ...init, signal: AbortSignal.any(signals) });
  } catch (error) {
    if (o.signal?.aborted) return { retry: false, error: new AttestError('cancelled', 'Cancelled; nothing was written.') };
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const problem = timedOut ? `did not answer ${what} within ${o.timeoutMs} ms` : `could not be reached for ${what}`;
    return { retry: true, error: new AttestError('unsupported', `${o.server} ${problem}.`, o.hints.network) };
  }
  if (response.ok) {
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch {
      return { retry: true, error: new AttestError('unsupported', `${o.server} broke off its answer to ${what}.`, o.hints.brokenOff) };
    }
  }
  const own = o.onRefusal ? await o.onRefusal(response, what) : null;
  if (own) return { retry: false, error: own };
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) {
    return { retry: false, error: new AttestError('bad-input', `${o.server} refused the credentials (HTTP ${response.status}) for ${what}.`, o.hints.credentials) };
  }
  const retry = RETRYABLE.has(response.status) || response.status >= 500;
  const code = response.status === 404 ? 'not-found' : 'unsupported';
  return { retry, error: new AttestError(code, `${o.server} answered ${what} with HTTP ${response.status}.`, retry ? o.hints.failing : o.hints.refused) };
}
