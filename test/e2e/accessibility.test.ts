import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './support/axe';
import { type ConsoleFixture, openDemoConsole } from './support/console';

/** Every screen, with data on it, passes axe-core without serious or critical violations, in light and dark. */
describe('Accessibility of every screen (axe-core)', () => {
  let ui: ConsoleFixture;
  beforeAll(async () => {
    ui = await openDemoConsole();
  });
  afterAll(() => ui?.dispose());

  const screens: { name: string; prepare?: () => Promise<void> }[] = [
    { name: 'Inventory' },
    { name: 'Lineage', prepare: () => ui.page.getByLabel('Model').selectOption('retail-credit-pd').then(() => ui.page.getByRole('group', { name: /Lineage graph/ }).waitFor()) },
    { name: 'Replay', prepare: () => ui.page.getByLabel('Model').selectOption('retail-credit-pd').then(() => ui.page.getByRole('list', { name: 'Logged decisions' }).waitFor()) },
    { name: 'Monitoring', prepare: () => ui.page.getByLabel('Model').selectOption('retail-credit-pd').then(() => ui.page.getByRole('button', { name: 'Compute now' }).waitFor()) },
    { name: 'Packs', prepare: () => ui.page.getByLabel('Model').selectOption('retail-credit-pd').then(() => ui.page.getByRole('heading', { name: /Completeness checklist/ }).waitFor()) },
    { name: 'Import' },
    { name: 'Audit log' },
  ];

  for (const colorScheme of ['light', 'dark'] as const) {
    it.each(screens.map((s) => [s.name, s] as const))(`%s has no serious or critical violations (${colorScheme})`, async (_name, screen) => {
      await ui.page.emulateMedia({ colorScheme });
      await ui.open(screen.name);
      await screen.prepare?.();
      expect(await seriousA11yViolations(ui.page)).toEqual([]);
    });
  }

  it('is usable at 125% zoom: the navigation and the Inventory stay on screen', async () => {
    await ui.page.emulateMedia({ colorScheme: 'light' });
    await ui.open('Inventory');
    await ui.page.evaluate(() => {
      document.documentElement.style.zoom = '1.25';
    });
    const nav = await ui.page.getByRole('navigation', { name: 'Screens' }).boundingBox();
    expect(nav?.width).toBeGreaterThan(0);
    const table = ui.page.getByRole('table', { name: 'Model versions' });
    await table.waitFor();
    await expect(overdueBadgesCutOff(ui.page)).resolves.toEqual([]);
    // The columns no longer fit: the table scrolls sideways, and its header goes with the rows.
    await table.evaluate((element) => (element.scrollLeft = element.scrollWidth));
    const header = await ui.page.getByRole('columnheader', { name: /^Decisions/ }).boundingBox();
    const cell = await table.getByRole('row').nth(1).getByRole('cell').last().boundingBox();
    const box = await table.boundingBox();
    expect(header && cell && box).toBeTruthy();
    expect(Math.abs(header!.x - cell!.x)).toBeLessThan(1);
    expect(header!.x + header!.width).toBeLessThanOrEqual(box!.x + box!.width);
    await table.evaluate((element) => (element.scrollLeft = 0));
    await ui.screenshot('inventory-125pct');
  });

  it('shows every Inventory column and every overdue badge whole at 100% in a 1360 px window', async () => {
    await ui.page.evaluate(() => {
      document.documentElement.style.zoom = '1';
    });
    const table = ui.page.getByRole('table', { name: 'Model versions' });
    await expect(table.evaluate((element) => element.scrollWidth - element.clientWidth)).resolves.toBeLessThanOrEqual(0);
    await expect(ui.page.getByText('overdue', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(overdueBadgesCutOff(ui.page)).resolves.toEqual([]);
  });

  it('reaches every screen with the keyboard alone', async () => {
    await ui.page.evaluate(() => {
      document.documentElement.style.zoom = '1';
    });
    await ui.open('Inventory');
    await ui.page.getByRole('link', { name: 'Inventory' }).focus();
    for (const name of ['Lineage', 'Replay', 'Monitoring', 'Packs', 'Import', 'Audit log']) {
      await ui.page.keyboard.press('Tab');
      await ui.page.keyboard.press('Enter');
      await ui.page.getByRole('heading', { level: 1, name }).waitFor();
      await ui.page.getByRole('link', { name }).focus();
    }
  });
});

/** The rows (by model) whose "overdue" badge is not wholly inside its cell: a hidden badge hides a late validation. */
function overdueBadgesCutOff(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[role="cell"] .badge'))
      .filter((badge) => badge.textContent === 'overdue')
      .filter((badge) => {
        const inner = badge.getBoundingClientRect();
        const outer = (badge.parentElement as HTMLElement).getBoundingClientRect();
        return inner.left < outer.left - 0.5 || inner.right > outer.right + 0.5;
      })
      .map((badge) => badge.closest('[role="row"]')?.querySelector('button')?.textContent ?? '?'),
  );
}
