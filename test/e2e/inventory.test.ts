import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttest } from '../support/cli';
import { type ConsoleFixture, openDemoConsole, waitForConsole } from './support/console';

interface Listed {
  models: { name: string; riskTier: string | null; versions: { version: string; aliases: string[] }[] }[];
}

describe('Inventory and Model version screens on a fresh demo workspace, in Debian Chromium', () => {
  let ui: ConsoleFixture;
  let expected: Listed;
  const versionsOf = (l: Listed) => l.models.reduce((n, m) => n + m.versions.length, 0);

  beforeAll(async () => {
    ui = await openDemoConsole();
    expected = JSON.parse(runAttest(['models', '--workspace', ui.workspace, '--json']).stdout) as Listed;
  });
  afterAll(() => ui?.dispose());

  it('lists every demo model and version, as `attest models` does', async () => {
    const { page } = ui;
    expect(expected.models.length).toBeGreaterThanOrEqual(8);
    await page.getByText(`${expected.models.length} models, ${versionsOf(expected)} versions`).waitFor();
    for (const model of expected.models) {
      await page.getByLabel('Search').fill(model.name);
      await page.getByText(`1 models, ${model.versions.length} versions`).waitFor();
      // The summary can be painted a frame before the rows (the body's real size is observed after a commit):
      // wait for the rows a person would see, then check there are exactly as many as `attest models` lists.
      const rows = page.getByRole('button', { name: model.name, exact: true });
      await rows.nth(model.versions.length - 1).waitFor();
      await expect(rows.count()).resolves.toBe(model.versions.length);
    }
    await page.getByLabel('Search').fill('');
    await ui.screenshot('inventory');
  });

  it('keeps the token out of the address bar', () => {
    expect(ui.page.url()).not.toContain('token');
  });

  it('arrives with the Inventory pre-rendered, for the holder of the token only', async () => {
    const withToken = await (await fetch(ui.served.consoleUrl)).text();
    const first = [...expected.models].sort((a, b) => (a.name < b.name ? -1 : 1))[0]!.name;
    expect(withToken).toContain('id="attest-first-screen"');
    expect(withToken).toMatch(/<div id="root"><div class="app" aria-busy="true">/);
    expect(withToken).toContain(`>${first}</button>`);
    for (const anonymous of [`${ui.served.origin}/`, `${ui.served.origin}/?token=wrong`, `${ui.served.origin}/index.html`]) {
      const page = await (await fetch(anonymous)).text();
      expect(page).toContain('<div id="root"></div>');
      expect(page).not.toContain('attest-first-screen');
      expect(page).not.toContain(first);
    }
  });

  it('shows the rows in place before the console\'s script has run', async () => {
    // The page as it is painted first: no script at all. Nothing in it may depend on a style attribute, which
    // the console's CSP refuses in HTML.
    const page = await ui.session.context.newPage();
    try {
      await page.route('**/*.js', (route) => route.abort());
      await page.goto(ui.served.consoleUrl);
      await page.getByText(`${expected.models.length} models, ${versionsOf(expected)} versions`).waitFor();
      const tops = await page.getByRole('row').evaluateAll((rows) => rows.slice(1, 6).map((r) => r.getBoundingClientRect().top));
      expect(tops).toHaveLength(5);
      tops.slice(1).forEach((top, i) => expect(top - tops[i]!).toBe(34));
    } finally {
      await page.close();
    }
  });

  it('opens another screen named in the URL: the pre-rendered Inventory gives way to it', async () => {
    // The server never sees the fragment, so it pre-renders the Inventory; the console renders the screen asked for.
    const page = await ui.session.context.newPage();
    try {
      await page.goto(`${ui.served.consoleUrl}#/audit`);
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      await page.locator('.app:not([aria-busy])').waitFor();
      await expect(page.getByRole('heading', { name: 'Inventory' }).count()).resolves.toBe(0);
      await expect(page.locator('.app').count()).resolves.toBe(1);
      expect(page.url()).toMatch(/\/#\/audit$/);
    } finally {
      await page.close();
    }
  });

  it('takes the pre-rendered page over in place, without rendering it again', async () => {
    const { page, session } = ui;
    // The frame element the HTML parser made is the one the console runs in: hydrated, not replaced. React says
    // on the console when a pre-render does not match (main.tsx): nothing was said.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const frame = document.querySelector('.app');
        if (!frame) return;
        (window as unknown as { parsedFrame: Element }).parsedFrame = frame;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(ui.served.consoleUrl);
    await waitForConsole(page);
    await expect(page.evaluate(() => document.querySelector('.app') === (window as unknown as { parsedFrame?: Element }).parsedFrame)).resolves.toBe(true);
    expect(session.pageErrors).toEqual([]);
    // And it works: a sort header answers, and so does the search box.
    await page.getByRole('button', { name: /^Version/ }).click();
    await expect(page.getByRole('columnheader', { name: /^Version/ }).getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.getByRole('button', { name: /^Model/ }).click();
    await page.getByLabel('Search').fill(expected.models[0]!.name);
    await page.getByText(`1 models, ${expected.models[0]!.versions.length} versions`).waitFor();
    await page.getByLabel('Search').fill('');
  });

  it('filters by risk tier and alias, and by overdue validation', async () => {
    const { page } = ui;
    const tier = expected.models[0]!.riskTier!;
    const inTier = expected.models.filter((m) => m.riskTier === tier);
    await page.getByLabel('Risk tier').selectOption(tier);
    await page.getByText(`${inTier.length} models, ${versionsOf({ models: inTier })} versions`).waitFor();
    await page.getByLabel('Risk tier').selectOption('');
    const champions = expected.models.filter((m) => m.versions.some((v) => v.aliases.includes('champion')));
    await page.getByLabel('Alias').selectOption('champion');
    await page.getByText(`${champions.length} models, ${champions.length} versions`).waitFor();
    await page.getByLabel('Alias').selectOption('');
    await page.getByLabel('Validation overdue').check();
    // The overdue badges come with the filtered answer: wait for the first, as a person would.
    await page.getByText('overdue', { exact: true }).first().waitFor();
    await expect(page.getByText('overdue', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await page.getByLabel('Validation overdue').uncheck();
  });

  it('sorts by a column', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: /^Decisions/ }).click();
    await expect(page.getByRole('columnheader', { name: /Decisions/ }).getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.getByRole('button', { name: /^Decisions/ }).click();
    await expect(page.getByRole('columnheader', { name: /Decisions/ }).getAttribute('aria-sort')).resolves.toBe('descending');
  });

  it('shows the registry as of an earlier date', async () => {
    const { page } = ui;
    const early = JSON.parse(runAttest(['models', '--workspace', ui.workspace, '--json', '--as-of', '2026-01-15']).stdout) as Listed;
    await page.getByLabel('As of').fill('2026-01-15');
    await page.getByText(`${early.models.length} models, ${versionsOf(early)} versions as of 2026-01-15`).waitFor();
    await page.getByRole('button', { name: 'Show current' }).click();
  });

  it('opens a model version with its verified artifact, history, run and datasets, and records a sign-off', async () => {
    const { page } = ui;
    await page.getByLabel('Search').fill('retail-credit-pd');
    await page.getByRole('button', { name: 'retail-credit-pd', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: /retail-credit-pd v\d+/ }).waitFor();
    await page.getByText('Artifact verified').waitFor();
    await expect(page.getByRole('table', { name: 'Alias history of the model' }).count()).resolves.toBe(1);
    await expect(page.getByRole('table', { name: 'Dataset inputs' }).count()).resolves.toBe(1);
    await page.getByLabel('Decision').selectOption('approve-with-conditions');
    await page.getByLabel('Comment').fill('Recalibrate before the next review; see finding F-12.');
    await page.getByRole('button', { name: 'Sign off as me' }).click();
    await page.getByRole('cell', { name: 'Recalibrate before the next review; see finding F-12.' }).waitFor();
    await ui.screenshot('model-version');
  });

  it('makes no request outside the loopback server', () => {
    expect(ui.session.foreignRequests).toEqual([]);
  });
});
