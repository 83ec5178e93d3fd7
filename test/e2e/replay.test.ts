import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleFixture, openDemoConsole } from './support/console';

describe('Replay screen', () => {
  let ui: ConsoleFixture;
  beforeAll(async () => {
    ui = await openDemoConsole();
    await ui.open('Replay');
  });
  afterAll(() => ui?.dispose());

  it('finds a logged decision of the credit model and reproduces it with reason codes', async () => {
    const { page } = ui;
    await page.getByLabel('Model').selectOption('retail-credit-pd');
    await page.getByLabel('Version').selectOption('4');
    const first = page.getByRole('list', { name: 'Logged decisions' }).getByRole('button').first();
    await first.click();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.getByRole('button', { name: 'Replay this decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Identical' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Reason codes' }).count()).resolves.toBe(1);
    await expect(page.getByText(/Artifact SHA-256 \(checked\)/).count()).resolves.toBe(1);
    await ui.screenshot('replay-decision');
  });

  it('replays every decision of the version in batch with progress, 100% reproduced', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: /Replay all decisions of retail-credit-pd v4/ }).click();
    await page.getByText(/100\.00% reproduced/).waitFor({ timeout: 120_000 });
    await ui.screenshot('replay-batch');
  });

  it('makes no request outside the loopback server', () => {
    expect(ui.session.foreignRequests).toEqual([]);
  });
});
