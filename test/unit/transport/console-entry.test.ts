import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/ipc/envelope';
import { prerenderConsoleEntry } from '../../../electron/main/transport/console-entry';
import type { Dispatch } from '../../../electron/main/transport/dispatcher';
import { startLoopbackServer } from '../../../electron/main/transport/loopback-server';
import { createTestMain } from '../../support/main';
import { seedRegistryHistory } from '../../support/registry-seed';

// As Vite writes it: the CSP meta first, then the scripts, an empty root.
const INDEX_HTML = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'">
<script type="module" src="./assets/index.js"></script></head><body><div id="root"></div></body></html>`;
const HOSTILE = '</script><script>alert(1)</script><!--';

interface PageAnswer {
  total: number;
  rows: { model: string }[];
}

function firstScreenData(page: string): { key: string; envelope: Envelope<PageAnswer>; viewHeight: number } {
  const block = /<script type="application\/json" id="attest-first-screen">(.*?)<\/script>/s.exec(page);
  if (!block?.[1]) throw new Error('no data block in the page');
  return JSON.parse(block[1]) as { key: string; envelope: Envelope<PageAnswer>; viewHeight: number };
}

describe('the console entry page, pre-rendered by main', () => {
  let main: ReturnType<typeof createTestMain>;
  beforeEach(() => {
    main = createTestMain();
    seedRegistryHistory(main.ctx.workspace.db);
  });
  afterEach(() => main.dispose());

  const render = async (dispatch: Dispatch) => {
    const failures: Error[] = [];
    const page = (await prerenderConsoleEntry(Buffer.from(INDEX_HTML), dispatch, (e) => failures.push(e))).toString('utf8');
    return { page, failures };
  };

  it('holds the Inventory rendered from main\'s answer, and that answer for the console to take over', async () => {
    const asked: unknown[] = [];
    const { page, failures } = await render(async (channel, request) => {
      asked.push({ channel, request });
      return main.dispatch(channel, request);
    });
    expect(failures).toEqual([]);
    expect(asked).toEqual([{ channel: 'models:page', request: expect.objectContaining({ offset: 0, limit: 64, sort: 'model' }) as unknown }]);
    const data = firstScreenData(page);
    if (!data.envelope.ok) throw new Error('the answer was an error');
    const { total, rows } = data.envelope.value;
    expect(total).toBeGreaterThan(0);
    expect(page).toContain(`<div id="root"><div class="app" aria-busy="true">`);
    expect(page).toContain(`>${rows[0]!.model}</button>`);
    // React separates neighbouring text with empty comments.
    expect(page.replace(/<!-- -->/g, '')).toContain(`, ${total} versions`);
    // The data block comes before the first script, which looks for it.
    expect(page.indexOf('attest-first-screen')).toBeLessThan(page.indexOf('<script type="module"'));
  });

  it('writes no style attribute, which the console\'s CSP would refuse in HTML', async () => {
    const { page } = await render(main.dispatch);
    expect(page).not.toMatch(/\sstyle=/);
  });

  it('keeps text from the registry from ending the data block or adding markup', async () => {
    const { page } = await render(async (channel, request) => {
      const answer = await main.dispatch(channel, request);
      if (!answer.ok) return answer;
      const value = answer.value as PageAnswer;
      return { ok: true, value: { ...value, rows: value.rows.map((r, i) => (i === 0 ? { ...r, model: HOSTILE } : r)) } };
    });
    expect(page.match(/<script/g)).toHaveLength(2); // the data block and the module: none from the model's name
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--');
    const data = firstScreenData(page);
    expect(data.envelope.ok && data.envelope.value.rows[0]!.model).toBe(HOSTILE);
  });

  it('is the page as built when main answers with an error: the console asks again and says what is wrong', async () => {
    const { page, failures } = await render(() => Promise.resolve({ ok: false, error: { code: 'internal', message: 'disk gone' } }));
    expect(page).toBe(INDEX_HTML);
    expect(failures).toEqual([]);
  });

  it('is the page as built, and says why, when the page has no empty root to render into', async () => {
    const failures: Error[] = [];
    const built = '<!doctype html><title>Attest</title>';
    const page = await prerenderConsoleEntry(Buffer.from(built), main.dispatch, (e) => failures.push(e));
    expect(page.toString('utf8')).toBe(built);
    expect(failures.map((f) => f.message)).toEqual([expect.stringContaining('is the console built from this version of Attest?')]);
  });

  it('is sent by `attest serve` to the holder of the token only', async () => {
    const staticDir = join(main.dir, 'console');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
    const server = await startLoopbackServer({ dispatch: main.dispatch, bus: main.ctx.bus, staticDir });
    try {
      expect(await (await fetch(server.consoleUrl)).text()).toContain('attest-first-screen');
      for (const path of ['/', '/index.html', '/?token=wrong', `/index.html?token=${server.token.slice(1)}`]) {
        expect(await (await fetch(`${server.url}${path}`)).text()).toBe(INDEX_HTML);
      }
    } finally {
      await server.close();
    }
  });
});
