import { z } from 'zod';
import type { OpenLineageEvent } from '../../../shared/schemas/lineage';
import { AttestError } from '../core/errors';
import { canonicalJson, sha256Hex } from '../core/hashing';
import type { JobControl } from '../core/jobs';
import { type HttpRetryOptions, parseJsonAnswer, requestWithRetry, retryTiming } from './http-retry';
import { checkLineageEvent } from './openlineage-validate';

/** How to read OpenLineage events from a Marquez server. */
export interface MarquezOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` (ATTEST_MARQUEZ_TOKEN) when Marquez sits behind an authenticating proxy. */
  token?: string | undefined;
  /** Only events after this instant (ISO 8601); all by default. */
  after?: string | undefined;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  pageSize?: number;
}

/** `GET /api/v1/events/lineage`: `{ events, totalCount }` (totalCount since Marquez 0.40; older ones omit it). */
const EventsPage = z.looseObject({
  events: z.array(z.unknown()),
  totalCount: z.number().int().nonnegative().optional(),
});

const SHOWN_REJECTIONS = 5;

/** The Marquez API root without credentials or trailing slash; refuses URLs that embed a password. */
export function normaliseMarquezUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AttestError(
      'bad-input',
      `"${url}" is not a URL.`,
      'Pass the Marquez API address, e.g. http://marquez.bank.internal:5000.',
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new AttestError('bad-input', `${url} is not an http(s) address.`);
  if (parsed.username || parsed.password) {
    throw new AttestError(
      'bad-input',
      'The Marquez URL contains credentials; they would end up in the bundle.',
      'Remove them from the URL and set ATTEST_MARQUEZ_TOKEN instead.',
    );
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/**
 * Read every OpenLineage event Marquez holds observed before `before` (the bundle's observation time, so pages
 * do not shift while new events arrive), oldest first, page by page (limit/offset). Each event is checked like an
 * event from a file (checkLineageEvent); one refused event refuses them all, naming its place in the export.
 */
export async function readMarquezEvents(
  options: MarquezOptions,
  before: string,
  job?: JobControl,
): Promise<{ server: string; events: OpenLineageEvent[] }> {
  const server = normaliseMarquezUrl(options.url);
  const name = `Marquez at ${server}`;
  const limit = options.pageSize ?? 500;
  const http: HttpRetryOptions = {
    server: name,
    headers: {
      accept: 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...retryTiming(options),
    hints: {
      network: 'Check the address and the network, then try again; nothing was written.',
      brokenOff: 'Try again; nothing was written.',
      failing: 'The server kept failing; try again later. Nothing was written.',
      refused: 'Check the URL and the server version.',
      credentials: 'Set ATTEST_MARQUEZ_TOKEN to a token the server (or its proxy) accepts.',
    },
    signal: job?.signal,
  };
  const events: OpenLineageEvent[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  let refused = 0;
  let previousFirst: string | null = null;
  for (let offset = 0; ; offset += limit) {
    job?.throwIfCancelled();
    const query = new URLSearchParams({
      sortDirection: 'asc',
      limit: String(limit),
      offset: String(offset),
      before,
      ...(options.after ? { after: options.after } : {}),
    });
    const what = `events/lineage (offset ${offset})`;
    const page = EventsPage.safeParse(
      parseJsonAnswer(
        await requestWithRetry(`${server}/api/v1/events/lineage?${query.toString()}`, what, http),
        what,
        name,
        'Is the URL the server’s API, not a proxy login page? Nothing was written.',
      ),
    );
    if (!page.success) {
      const issue = page.error.issues[0];
      throw new AttestError(
        'bad-input',
        `${name}: ${what} returned an unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`,
        'Is this a Marquez API address (port 5000 by default, not the web UI)? Nothing was written.',
      );
    }
    const first = page.data.events.length > 0 ? canonicalJson(page.data.events[0]) : null;
    if (offset > 0 && first !== null && first === previousFirst && page.data.totalCount === undefined) {
      throw new AttestError(
        'unsupported',
        `${name} answered the same page twice: it ignores "offset" (a Marquez older than 0.40?), so its events cannot be read page by page.`,
        'Export the events to a file and pass it with --lineage, or upgrade Marquez.',
      );
    }
    previousFirst = first;
    for (const [i, value] of page.data.events.entries()) {
      const check = checkLineageEvent(value);
      if (!check.ok) {
        refused += 1;
        if (rejected.length < SHOWN_REJECTIONS)
          rejected.push(`event ${offset + i + 1}: the event ${check.reason}`);
        continue;
      }
      // Offset pages overlap when an event lands in an earlier page meanwhile; an event is kept once.
      const id = sha256Hex(canonicalJson(value));
      if (!seen.has(id)) events.push(check.event);
      seen.add(id);
    }
    job?.report(
      'marquez',
      offset + page.data.events.length,
      page.data.totalCount ?? null,
      `Read ${offset + page.data.events.length} lineage events from ${server}`,
    );
    const total = page.data.totalCount;
    if (page.data.events.length < limit || (total !== undefined && offset + limit >= total)) break;
  }
  if (refused > 0) {
    const more = refused > SHOWN_REJECTIONS ? ` (and ${refused - SHOWN_REJECTIONS} more)` : '';
    throw new AttestError(
      'bad-input',
      `${refused} OpenLineage events from ${name} refused; nothing was written. ${rejected.join('; ')}${more}.`,
      'Fix or delete those events in Marquez (docs/lineage.md says what Attest requires), or narrow the export with --marquez-after.',
    );
  }
  return { server, events };
}
