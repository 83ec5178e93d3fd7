import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { fixedClock } from '../../../electron/main/core/clock';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { createBundleFromMlflow } from '../../../electron/main/sync/create-bundle';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { readMarquezEvents } from '../../../electron/main/sync/marquez';
import { openWorkspace } from '../../../electron/main/workspace/workspace';
import { sharedFixturesDir } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';
import { marquezEvents, startMarquez } from './marquez-server';
import { mlflowRoutes, startServer } from './mlflow-server';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(6));
const BEFORE = '2026-05-01T00:00:00.000Z';
const fast = { timeoutMs: 200, retries: 2, backoffMs: 5 };

describe('Marquez as a lineage source', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function marquez(...args: Parameters<typeof startMarquez>) {
    const m = await startMarquez(...args);
    cleanups.push(m.close);
    return m;
  }

  it('reads every event oldest first, page by page, before the observation time, through a 503 and a slow page', async () => {
    const m = await marquez(marquezEvents(), (_q, n) =>
      n === 1 ? { status: 503, raw: 'busy' } : n === 3 ? { delayMs: 500, body: {} } : null,
    );
    const { server, events } = await readMarquezEvents(
      { url: `${m.url}/`, pageSize: 2, token: 'mq-token', ...fast },
      BEFORE,
    );
    expect(server).toBe(m.url);
    expect(events.map((e) => e.eventTime)).toEqual(
      marquezEvents().map((e) => (e as { eventTime: string }).eventTime),
    );
    const pages = m.requests.map((r) => [
      r.query.get('offset'),
      r.query.get('limit'),
      r.query.get('sortDirection'),
      r.query.get('before'),
    ]);
    expect(pages).toEqual([
      ['0', '2', 'asc', BEFORE],
      ['0', '2', 'asc', BEFORE],
      ['2', '2', 'asc', BEFORE],
      ['2', '2', 'asc', BEFORE],
      ['4', '2', 'asc', BEFORE],
    ]);
    expect(new Set(m.requests.map((r) => r.authorization))).toEqual(new Set(['Bearer mq-token']));
  });

  it('keeps an event once when pages overlap, and passes --marquez-after on', async () => {
    const all = marquezEvents();
    // An event arriving meanwhile shifts the second page back by one: its first event was already on page one.
    const m = await marquez(all, (q) =>
      q.get('offset') === '2' ? { body: { events: all.slice(1, 3), totalCount: 5 } } : null,
    );
    const { events } = await readMarquezEvents(
      { url: m.url, pageSize: 2, after: '2020-01-01T00:00:00.000Z', ...fast },
      BEFORE,
    );
    expect(events).toHaveLength(4);
    expect(m.requests[0]?.query.get('after')).toBe('2020-01-01T00:00:00.000Z');
  });

  it('refuses bad JSON, a wrong shape, a refused event (naming it), an old server that ignores offset, and a silent one', async () => {
    const html = await marquez([], () => ({ raw: '<html>Sign in</html>' }));
    await expect(readMarquezEvents({ url: html.url, ...fast }, BEFORE)).rejects.toThrow(
      /Marquez at .* answered events\/lineage \(offset 0\) with something that is not JSON \("<html>Sign in/,
    );
    const shape = await marquez([], () => ({ body: { jobs: [] } }));
    await expect(readMarquezEvents({ url: shape.url, ...fast }, BEFORE)).rejects.toThrow(
      /unexpected shape at events/,
    );
    const bad = JSON.parse(JSON.stringify(marquezEvents())) as unknown[];
    bad.splice(
      2,
      0,
      JSON.parse(
        readFileSync(sharedFixturesDir('openlineage', 'events', 'fluentd_event_no_run_id.json'), 'utf8'),
      ),
    );
    const refusing = await marquez(bad);
    await expect(readMarquezEvents({ url: refusing.url, pageSize: 2, ...fast }, BEFORE)).rejects.toThrow(
      /1 OpenLineage events from Marquez at .* refused; nothing was written\. event 3: the event has a run without a runId/,
    );
    const old = await marquez(marquezEvents(), () => ({ body: { events: marquezEvents().slice(0, 2) } }));
    await expect(readMarquezEvents({ url: old.url, pageSize: 2, ...fast }, BEFORE)).rejects.toThrow(
      /answered the same page twice: it ignores "offset"/,
    );
    const silent = await marquez([], () => ({ delayMs: 600, body: {} }));
    await expect(readMarquezEvents({ url: silent.url, ...fast }, BEFORE)).rejects.toThrow(
      /did not answer events\/lineage \(offset 0\) within 200 ms/,
    );
    expect(silent.requests).toHaveLength(3);
    const locked = await marquez([], () => ({ status: 401, raw: '' }));
    await expect(readMarquezEvents({ url: locked.url, ...fast }, BEFORE)).rejects.toMatchObject({
      message: expect.stringMatching(/refused the credentials \(HTTP 401\)/) as unknown,
      hint: expect.stringMatching(/ATTEST_MARQUEZ_TOKEN/) as unknown,
    });
    expect(locked.requests).toHaveLength(1);
    await expect(readMarquezEvents({ url: 'http://u:p@marquez.bank', ...fast }, BEFORE)).rejects.toThrow(
      /contains credentials/,
    );
  });

  it('packs Marquez events into a signed bundle that imports as verified lineage', async () => {
    const t = makeTempDir();
    cleanups.push(t.cleanup);
    const mlflow = await startServer(mlflowRoutes(), null);
    cleanups.push(() => new Promise((r) => mlflow.server.close(r)));
    const m = await marquez(marquezEvents());
    const out = join(t.dir, 'snap.attest');
    const clock = fixedClock(BEFORE);
    const manifest = await createBundleFromMlflow(
      out,
      { mlflow: { url: mlflow.url, ...fast }, lineageFiles: [], marquez: { url: m.url, ...fast } },
      KEY,
      clock,
    );
    expect(manifest.sources).toEqual({ registry: mlflow.url, lineage: m.url });
    expect(manifest.members.find((x) => x.kind === 'openlineage-events')?.records).toBe(5);
    const ws = openWorkspace(join(t.dir, 'ws'), { create: true });
    trustKey(ws.db, publicKeyPem(KEY), 'connected', { user: 'e', displayName: 'E' }, BEFORE);
    expect(
      await importBundle({ workspace: ws, clock, actor: { user: 'e', displayName: 'E' } }, out, {}),
    ).toMatchObject({ verification: 'verified', counts: { lineageEvents: 5 } });
    ws.close();
  });

  it('takes --marquez and --marquez-after on `attest bundle create`, with the token from ATTEST_MARQUEZ_TOKEN', async () => {
    const t = makeTempDir();
    cleanups.push(t.cleanup);
    const mlflow = await startServer(mlflowRoutes(), null);
    cleanups.push(() => new Promise((r) => mlflow.server.close(r)));
    const m = await marquez(marquezEvents());
    let out = '';
    const io = {
      stdout: (s: string) => void (out += s),
      stderr: (s: string) => void (out += s),
      env: { ATTEST_MARQUEZ_TOKEN: 'mq' },
      interrupted: new Promise<void>(() => {}),
    };
    expect(await runCli(['keys', 'generate', '--out', t.dir, '--name', 'k'], io)).toBe(0);
    const base = [
      'bundle',
      'create',
      '--url',
      mlflow.url,
      '--out',
      join(t.dir, 'b.attest'),
      '--sign',
      join(t.dir, 'k.key.pem'),
    ];
    expect(await runCli([...base, '--marquez-after', '2026-01-01'], io)).toBe(2);
    expect(out).toMatch(/--marquez-after needs --marquez URL/);
    expect(await runCli([...base, '--marquez', m.url, '--marquez-after', 'soon'], io)).toBe(2);
    expect(await runCli([...base, '--marquez', m.url, '--marquez-after', '2026-01-01', '--json'], io)).toBe(
      0,
    );
    expect(m.requests.at(-1)).toMatchObject({ authorization: 'Bearer mq' });
    expect(m.requests.at(-1)?.query.get('after')).toBe('2026-01-01T00:00:00.000Z');
  });
});
