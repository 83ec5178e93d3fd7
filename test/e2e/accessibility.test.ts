import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    await ui.page.getByRole('table', { name: 'Model versions' }).waitFor();
    await ui.screenshot('inventory-125pct');
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
