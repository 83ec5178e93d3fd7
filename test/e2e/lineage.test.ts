import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleFixture, openDemoConsole } from './support/console';

describe('Lineage screen', () => {
  let ui: ConsoleFixture;
  beforeAll(async () => {
    ui = await openDemoConsole();
    await ui.open('Lineage');
  });
  afterAll(() => ui?.dispose());

  it('walks upstream from a model version to its training run, job and datasets', async () => {
    const { page } = ui;
    await page.getByLabel('Model').selectOption('retail-credit-pd');
    const graph = page.getByRole('group', { name: /Lineage graph: \d+ nodes/ });
    await graph.waitFor();
    for (const kind of ['model version', 'training run', 'dataset', 'job']) {
      await expect(page.getByRole('button', { name: new RegExp(`^${kind} `) }).count()).resolves.toBeGreaterThan(0);
    }
    await ui.screenshot('lineage');
  });

  it('walks downstream to the logged decisions, and refocuses on a node by keyboard', async () => {
    const { page } = ui;
    await page.getByLabel('Direction').selectOption('downstream');
    await page.getByRole('button', { name: /^logged decisions [\d,]+ decisions/ }).waitFor();
    await page.getByRole('button', { name: /^model version .*\(start\)$/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Focused on/).waitFor();
  });

  it('exports the graph as SVG', async () => {
    const { page } = ui;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export SVG' }).click();
    expect((await download).suggestedFilename()).toMatch(/^lineage-.*\.svg$/);
  });

  it('makes no request outside the loopback server', () => {
    expect(ui.session.foreignRequests.filter((u) => !u.startsWith('blob:'))).toEqual([]);
  });
});
