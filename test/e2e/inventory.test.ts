import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowser } from './support/browser';
import { type ServedConsole, createDemoWorkspace, serveConsole } from './support/serve';
import { makeTempDir } from '../support/temp';
import { runAttest } from '../support/cli';

const ARTIFACTS = join(__dirname, '..', '..', 'test-results', 'e2e');

describe('Inventory on a fresh demo workspace, in Debian Chromium', () => {
  const temp = makeTempDir('attest-e2e-');
  const workspace = join(temp.dir, 'w');
  let served: ServedConsole;
  let session: BrowserSession;
  let expected: { models: { name: string; versions: unknown[] }[] };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    createDemoWorkspace(workspace);
    expected = JSON.parse(runAttest(['models', '--workspace', workspace, '--json']).stdout) as typeof expected;
    served = await serveConsole(workspace);
    session = await openBrowser(served.origin);
  });

  afterAll(async () => {
    await session?.close();
    await served?.stop();
    temp.cleanup();
  });

  it('lists every demo model with its versions, as `attest models` does', async () => {
    const { page } = session;
    await page.goto(served.consoleUrl);
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
    const versionCount = expected.models.reduce((n, m) => n + m.versions.length, 0);
    await page.getByText(`${expected.models.length} models, ${versionCount} versions`).waitFor();
    expect(expected.models.length).toBeGreaterThanOrEqual(8);
    for (const model of expected.models) {
      await expect(page.getByRole('rowheader', { name: new RegExp(`^${model.name}`) }).count()).resolves.toBe(1);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'inventory.png'), fullPage: true });
  });

  it('keeps the token out of the address bar', () => {
    expect(session.page.url()).not.toContain('token');
  });

  it('filters by search text', async () => {
    const { page } = session;
    const first = expected.models[0]!.name;
    await page.getByLabel('Search').fill(first);
    await page.getByText(/^1 models,/).waitFor();
    await page.getByLabel('Search').fill('');
  });

  it('shows the registry as of an earlier date', async () => {
    const { page } = session;
    const early = JSON.parse(runAttest(['models', '--workspace', workspace, '--json', '--as-of', '2026-01-15']).stdout) as typeof expected;
    await page.getByLabel('As of').fill('2026-01-15');
    const versionCount = early.models.reduce((n, m) => n + m.versions.length, 0);
    await page.getByText(`${early.models.length} models, ${versionCount} versions as of 2026-01-15`).waitFor();
  });

  it('makes no request outside the loopback server', () => {
    expect(session.foreignRequests).toEqual([]);
  });
});
