import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/main/core/clock';
import { createMain } from '../../electron/main/main-context';
import { LARGE_REGISTRY, seedLargeRegistry } from '../support/large-registry';
import { makeTempDir } from '../support/temp';
import { type BrowserSession, openBrowser } from './support/browser';
import { type ServedConsole, serveConsole } from './support/serve';
import { waitForConsole } from './support/console';

interface Row {
  model: string;
  version: string;
}

describe('Inventory with 20,000 versions, in Debian Chromium', () => {
  const temp = makeTempDir('attest-e2e-large-');
  let served: ServedConsole;
  let session: BrowserSession;
  // The rows main lists at a few positions, in the Inventory's default order (model, then version).
  const expected = new Map<number, Row>();
  const probes = [0, 63, 64, 9_999, 10_000, LARGE_REGISTRY.versions - 1];
  const table = () => session.page.getByRole('table', { name: 'Model versions' });
  const rowAt = (index: number) => session.page.locator(`[role="row"][aria-rowindex="${index + 2}"]`);

  beforeAll(async () => {
    const workspace = join(temp.dir, 'w');
    const main = createMain({ workspaceDir: workspace, create: true, clock: fixedClock('2026-11-22T12:00:00.000Z') });
    try {
      seedLargeRegistry(main.ctx.workspace.db);
      for (const offset of probes) {
        const answer = await main.dispatch('models:page', { offset, limit: 1 });
        if (!answer.ok) throw new Error(answer.error.message);
        expected.set(offset, (answer.value as { rows: Row[] }).rows[0]!);
      }
    } finally {
      main.close();
    }
    served = await serveConsole(workspace);
    session = await openBrowser(served.origin);
    await session.page.goto(served.consoleUrl);
    await waitForConsole(session.page);
    await session.page.getByText(`${LARGE_REGISTRY.models} models, ${LARGE_REGISTRY.versions} versions`).waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await served?.stop();
    temp.cleanup();
  });

  it('keeps only the rows in view in the page, and counts all of them for assistive technology', async () => {
    await rowAt(0).getByRole('button', { name: expected.get(0)!.model, exact: true }).waitFor();
    await expect(session.page.getByRole('table', { name: 'Model versions' }).getAttribute('aria-rowcount')).resolves.toBe(String(LARGE_REGISTRY.versions + 1));
    // The header row plus the rows in view and the scroll buffer: tens, not 20,000.
    await expect(session.page.getByRole('row').count()).resolves.toBeLessThan(60);
  });

  it('shows the right rows wherever it is scrolled to, fetching each window as it comes into view', async () => {
    for (const index of probes) {
      // 34 px a row; the row lands just under the sticky header.
      await table().evaluate((element, top) => (element.scrollTop = top), index * 34);
      const { model, version } = expected.get(index)!;
      const row = rowAt(index);
      await row.getByRole('button', { name: model, exact: true }).waitFor();
      await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe(`v${version}`);
      await expect(session.page.getByRole('row').count()).resolves.toBeLessThan(60);
    }
  });

  it('moves between rows by keyboard, beyond the rows rendered, fetching them as it goes', async () => {
    const focusedRow = () => session.page.evaluate(() => Number(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')) - 2);
    await table().evaluate((element) => (element.scrollTop = 0));
    await rowAt(0).getByRole('button').focus();
    for (let i = 0; i < 3; i++) await session.page.keyboard.press('ArrowDown');
    await expect.poll(focusedRow).toBe(3);
    await session.page.keyboard.press('End');
    await expect.poll(focusedRow).toBe(LARGE_REGISTRY.versions - 1);
    await expect(session.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(expected.get(LARGE_REGISTRY.versions - 1)!.model);
    await session.page.keyboard.press('PageUp');
    const afterPageUp = await focusedRow();
    expect(afterPageUp).toBeLessThan(LARGE_REGISTRY.versions - 10);
    expect(afterPageUp).toBeGreaterThan(LARGE_REGISTRY.versions - 40);
    await session.page.keyboard.press('Home');
    await expect.poll(focusedRow).toBe(0);
    // Enter opens the focused version, as a click does.
    await session.page.keyboard.press('Enter');
    await session.page.getByRole('heading', { level: 1, name: `${expected.get(0)!.model} v${expected.get(0)!.version}` }).waitFor();
    await session.page.goBack();
    await session.page.getByText(`${LARGE_REGISTRY.models} models, ${LARGE_REGISTRY.versions} versions`).waitFor();
  });

  it('goes back to the first row for a new answer', async () => {
    await session.page.getByLabel('Search').fill('model-399');
    await session.page.getByText(`1 models, ${LARGE_REGISTRY.versionsPerModel} versions`).waitFor();
    await rowAt(0).getByRole('button', { name: 'model-399', exact: true }).waitFor();
    await expect(table().evaluate((element) => element.scrollTop)).resolves.toBe(0);
  });
});
