import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp';
import { type ConsoleFixture, openDemoConsole } from './support/console';

const DEMO = join(__dirname, '..', '..', 'resources', 'demo');
const OPENLINEAGE_EVENT = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'openlineage', 'events', 'spec_tests_example_full_event.json');

describe('Import screen', () => {
  let ui: ConsoleFixture;
  const files = makeTempDir('attest-e2e-files-');
  const lastBundle = () => {
    const index = JSON.parse(readFileSync(join(DEMO, 'index.json'), 'utf8')) as { bundles: { file: string }[] };
    return join(DEMO, index.bundles.at(-1)!.file);
  };
  beforeAll(async () => {
    ui = await openDemoConsole();
    await ui.open('Import');
  });
  afterAll(async () => {
    await ui?.dispose();
    files.cleanup();
  });

  const check = async (path: string) => {
    await ui.page.getByLabel(/Bundle, MLflow export folder/).fill(path);
    await ui.page.getByRole('button', { name: 'Check' }).click();
  };

  it('verifies a signed bundle before importing, and says a second import changes nothing', async () => {
    const { page } = ui;
    await check(lastBundle());
    await page.getByText('Signature verified').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Already imported as snapshot \d+/).waitFor({ timeout: 60_000 });
  });

  it('refuses a tampered bundle with a clear reason, before anything is written', async () => {
    const { page } = ui;
    const tampered = join(files.dir, 'tampered.attest.gz');
    copyFileSync(lastBundle(), tampered);
    const bytes = readFileSync(tampered);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(tampered, bytes);
    await check(tampered);
    await page.getByRole('alert').filter({ hasText: 'has been altered' }).waitFor();
    await expect(page.getByRole('button', { name: 'Import', exact: true }).count()).resolves.toBe(0);
    await ui.screenshot('import-tampered');
  });

  it('imports OpenLineage events with progress and shows what changed', async () => {
    const { page } = ui;
    await check(OPENLINEAGE_EVENT);
    await page.getByText(/OpenLineage events\. They carry no signature/).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Imported snapshot 13/).waitFor({ timeout: 60_000 });
    // The OpenLineage event was observed in 2023, so it sorts first; it is compared with its successor.
    await page.getByRole('heading', { name: /Changes from snapshot 13 \(2023-07-17\) to snapshot 1 / }).waitFor();
    await ui.screenshot('import');
  });

  it('takes a file dropped on the browser console, checks it and offers it for import', async () => {
    const { page } = ui;
    const bytes = [...readFileSync(lastBundle())];
    const transfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'dropped-bundle.attest.gz'));
      return dt;
    }, bytes);
    await page.getByRole('region', { name: 'Drop a file to import' }).dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByText('Signature verified').waitFor();
    await expect(page.getByLabel(/Bundle, MLflow export folder/).inputValue()).resolves.toMatch(/uploads\/[0-9a-f]{12}-dropped-bundle\.attest\.gz$/);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/Already imported as snapshot \d+/).waitFor({ timeout: 60_000 });
  });

  it('makes no request outside the loopback server', () => {
    expect(ui.session.foreignRequests).toEqual([]);
  });
});
