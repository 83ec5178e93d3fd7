import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeTempDir } from '../../support/temp';
import { type BrowserSession, openBrowser } from './browser';
import { type ServedConsole, createDemoWorkspace, serveConsole } from './serve';

export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-results', 'e2e');

export interface ConsoleFixture {
  workspace: string;
  served: ServedConsole;
  session: BrowserSession;
  page: Page;
  /** Go to a screen by its navigation link, as a person would. */
  open(screen: string): Promise<void>;
  screenshot(name: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Wait until the console runs in the page: the Inventory arrives pre-rendered, and its buttons and fields do
 * nothing until the script has taken the markup over (the frame is aria-busy until then).
 */
export async function waitForConsole(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Inventory' }).waitFor();
  await page.locator('.app:not([aria-busy])').waitFor();
}

/** A fresh demo workspace, served by `attest serve` (with `env` added to its environment), in a fresh headless Chromium. */
export async function openDemoConsole(options: { env?: NodeJS.ProcessEnv } = {}): Promise<ConsoleFixture> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const temp = makeTempDir('attest-e2e-');
  const workspace = join(temp.dir, 'w');
  createDemoWorkspace(workspace);
  const served = await serveConsole(workspace, options.env);
  const session = await openBrowser(served.origin);
  await session.page.goto(served.consoleUrl);
  await waitForConsole(session.page);
  return {
    workspace,
    served,
    session,
    page: session.page,
    open: async (screen) => {
      await session.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen }).click();
      await session.page.getByRole('heading', { level: 1, name: screen }).waitFor();
    },
    screenshot: async (name) => {
      await session.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    dispose: async () => {
      await session.close();
      await served.stop();
      temp.cleanup();
    },
  };
}
