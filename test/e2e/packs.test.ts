import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleFixture, openDemoConsole } from './support/console';

describe('Packs screen', () => {
  let ui: ConsoleFixture;
  beforeAll(async () => {
    ui = await openDemoConsole();
    await ui.open('Packs');
  });
  afterAll(() => ui?.dispose());

  it('shows the completeness checklist for the EU AI Act pack before generating', async () => {
    const { page } = ui;
    await page.getByLabel('Model').selectOption('retail-credit-pd');
    await page.getByRole('heading', { name: 'Completeness checklist (Pack A)' }).waitFor();
    await expect(page.getByText(/gaps would print in this pack/).count()).resolves.toBe(1);
  });

  it('records an officer narrative with attribution and the checklist follows', async () => {
    const { page } = ui;
    const before = await page.getByText('missing', { exact: true }).count();
    await page.getByRole('button', { name: 'Write' }).first().click();
    const form = page.locator('form.narrative-form');
    const field = form.locator('textarea, select').first();
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') {
      await field.selectOption({ index: 1 });
    } else {
      await field.fill('Scores unsecured personal-loan applications of natural persons; used to approve, refer or decline.');
    }
    await form.getByRole('button', { name: 'Save (signed as you)' }).click();
    await expect.poll(() => page.getByText('missing', { exact: true }).count()).toBe(before - 1);
  });

  it('generates the pack with progress, lists it with its fingerprint and verifies it', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Generate pack' }).click();
    await page.getByRole('table', { name: 'Generated packs' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Verify' }).first().click();
    await page.getByText('Pack verified').waitFor({ timeout: 60_000 });
    await ui.screenshot('packs');
  });

  it('explains that the browser console cannot open files, and where the pack is', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Open' }).first().click();
    await page.getByText(/cannot open files on this computer; the pack is at .*\.pdf/).waitFor();
  });

  it('makes no request outside the loopback server', () => {
    expect(ui.session.foreignRequests).toEqual([]);
  });
});
