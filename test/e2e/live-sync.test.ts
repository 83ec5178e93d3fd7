import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflowRoutes, startServer } from '../unit/sync/mlflow-server';
import { type ConsoleFixture, openDemoConsole } from './support/console';

const TOKEN = 'e2e-mlflow-token-never-shown';

describe('Import screen: live sync from MLflow in the browser console', () => {
  let ui: ConsoleFixture;
  let mlflow: { server: Server; url: string };
  // The first sync is held up by a slow registry so it can be cancelled; later ones answer at once.
  let slow = true;
  beforeAll(async () => {
    const routes = mlflowRoutes();
    const search = routes['registered-models/search']!;
    mlflow = await startServer(
      {
        ...routes,
        'registered-models/search': (q, n) => ({ ...search(q, n), ...(slow ? { delayMs: 4000 } : {}) }),
      },
      TOKEN,
    );
    ui = await openDemoConsole({ env: { ATTEST_MLFLOW_TOKEN: TOKEN } });
    await ui.open('Import');
  });
  afterAll(async () => {
    await ui?.dispose();
    await new Promise((resolve) => mlflow?.server.close(resolve));
  });

  it('says clearly that there is no keychain here, refuses to take a token, and uses the environment', async () => {
    const { page } = ui;
    await page.getByLabel('MLflow tracking server URL').fill(`${mlflow.url}/`);
    await page.getByRole('button', { name: 'Show credentials' }).click();
    await page
      .getByText('A sync sends the credentials from ATTEST_MLFLOW_TOKEN in the environment.')
      .waitFor();
    await page
      .getByText(
        /Saving a token or password is not possible here\. No OS keychain is available here: .*browser console \(attest serve\)/,
      )
      .waitFor();
    await expect(
      page.getByLabel(/Access token for http:\/\/127\.0\.0\.1:\d+ \(kept in the OS keychain/).isDisabled(),
    ).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Save token' }).isDisabled()).resolves.toBe(true);
    // MLflow's basic auth: a username and password instead, refused alike without a keychain.
    await page.getByLabel('Sign in with').selectOption('basic');
    await expect(page.getByLabel(/Username for http:\/\/127\.0\.0\.1:\d+/).isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel(/Password \(kept in the OS keychain/).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Save username and password' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Sign in with').selectOption('token');
    await ui.screenshot('live-sync-no-keychain');
  });

  it('runs a sync as a job that can be cancelled, then syncs with progress and shows the snapshot', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Syncing').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled; nothing was kept from this run.').waitFor({ timeout: 30_000 });
    slow = false;
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(/Imported snapshot \d+/).waitFor({ timeout: 60_000 });
    await expect(page.content()).resolves.not.toContain(TOKEN);
    await ui.screenshot('live-sync');
  });

  it('makes no request outside the loopback server', () => {
    expect(ui.session.foreignRequests).toEqual([]);
  });
});
