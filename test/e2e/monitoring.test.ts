import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleFixture, openDemoConsole } from './support/console';

describe('Monitoring screen', () => {
  let ui: ConsoleFixture;
  beforeAll(async () => {
    ui = await openDemoConsole();
    await ui.open('Monitoring');
  });
  afterAll(() => ui?.dispose());

  it('says plainly when monitoring was never computed, then computes it with progress', async () => {
    const { page } = ui;
    await page.getByLabel('Model').selectOption('retail-credit-pd');
    await page.getByRole('heading', { name: 'Not computed yet' }).waitFor();
    await page.getByRole('button', { name: 'Compute now' }).click();
    await page.getByText(/6,600 decisions, reference/).waitFor({ timeout: 60_000 });
  });

  it('draws drift with its thresholds and flags the four-fifths rule', async () => {
    const { page } = ui;
    for (const title of ['Score stability (PSI against training)', 'Feature stability (CSI per feature)', 'Approval rate']) {
      await expect(page.getByRole('figure', { name: title }).count()).resolves.toBe(1);
    }
    await expect(page.getByText('alert 0.25').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('below four-fifths').count()).resolves.toBeGreaterThan(0);
    await ui.screenshot('monitoring');
  });

  it('makes no request outside the loopback server', () => {
    expect(ui.session.foreignRequests).toEqual([]);
  });
});
