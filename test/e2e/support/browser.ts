import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.ATTEST_CHROMIUM ?? '/usr/bin/chromium';

// Flags: this machine has no network, so Chromium's background services are switched off
// (otherwise they retry connections that the sandbox refuses, many at a time).
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page made that did not go to the loopback server. */
  foreignRequests: string[];
  /** Every error the page wrote to its console or threw. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A fresh headless Chromium (playwright gives it a new empty profile); records any request that leaves 127.0.0.1. */
export async function openBrowser(allowedOrigin: string): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const foreignRequests: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(allowedOrigin) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    browser,
    context,
    page,
    foreignRequests,
    pageErrors,
    close: () => browser.close(),
  };
}
