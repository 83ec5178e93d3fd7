import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedFixturesDir } from '../../support/fixtures';

/** Real OpenLineage events (the accepted shared fixtures) and one more run event, as Marquez would store them. */
export function marquezEvents(): unknown[] {
  const read = (f: string) =>
    JSON.parse(readFileSync(sharedFixturesDir('openlineage', 'events', f), 'utf8')) as Record<
      string,
      unknown
    >;
  const run = read('python_client_serde_example_run_event.json');
  return [
    read('spec_tests_example_full_event.json'),
    run,
    read('python_client_serde_example_job_event.json'),
    read('fluentd_event_simple.json'),
    { ...run, eventType: 'COMPLETE', eventTime: '2099-01-01T00:00:00Z' },
  ];
}

/** One answer of the stand-in: a page of events, or a fault. */
export type MarquezAnswer = { status?: number; raw?: string; body?: unknown; delayMs?: number };

/**
 * An in-process stand-in for Marquez's `GET /api/v1/events/lineage` (no Marquez can run here): limit/offset pages
 * of `events` with `totalCount`, unless `answer` overrides a request (by its 1-based number). Requests are logged.
 */
export async function startMarquez(
  events: unknown[],
  answer: (query: URLSearchParams, request: number) => MarquezAnswer | null = () => null,
) {
  const requests: { path: string; query: URLSearchParams; authorization: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: url.pathname, query: url.searchParams, authorization: req.headers.authorization });
    if (url.pathname !== '/api/v1/events/lineage') {
      res.writeHead(404).end('{"code":404,"message":"HTTP 404 Not Found"}');
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const a = answer(url.searchParams, requests.length) ?? {
      body: { events: events.slice(offset, offset + limit), totalCount: events.length },
    };
    setTimeout(() => {
      if (!res.destroyed)
        res
          .writeHead(a.status ?? 200, { 'content-type': 'application/json' })
          .end(a.raw ?? JSON.stringify(a.body));
    }, a.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
