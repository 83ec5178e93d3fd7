import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, chromium } from 'playwright-core';
import { fixedClock } from '../electron/main/core/clock';
import { createMain } from '../electron/main/main-context';
import { startLoopbackServer } from '../electron/main/transport/loopback-server';
import { makeTempDir } from '../test/support/temp';
import type { BenchResult } from './types';

const MODELS = 400;
const VERSIONS_PER_MODEL = 50;
const RUNS = 5;

/**
 * The Inventory in Debian Chromium with 20,000 versions: first render (navigation start to the table showing
 * all rows' summary) and the time from a keystroke in the search box to the filtered list. Median of RUNS.
 */
export async function runInventoryBrowserBench(): Promise<BenchResult[]> {
  const consoleDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(consoleDir, 'index.html'))) throw new Error('Build the console first: npm run build');
  const temp = makeTempDir('attest-bench-inventory-');
  const main = createMain({ workspaceDir: temp.dir, create: true, clock: fixedClock('2026-11-22T12:00:00.000Z') });
  seedLargeRegistry(main.ctx.workspace.db);
  const server = await startLoopbackServer({ dispatch: main.dispatch, bus: main.ctx.bus, staticDir: consoleDir });
  const browser = await chromium.launch({
    executablePath: process.env.ATTEST_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const firstRender: number[] = [];
    const keystrokes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh page each run: navigating an open page to the same URL only changes the hash and reloads nothing.
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
      await page.goto(server.consoleUrl);
      await page.waitForFunction((n) => document.querySelector('.summary')?.textContent?.includes(`${n} versions`), MODELS * VERSIONS_PER_MODEL, { timeout: 60_000 });
      firstRender.push(await page.evaluate(() => performance.now()));
      keystrokes.push(...(await measureKeystrokes(page)));
      await page.close();
    }
    return [
      { name: 'inventory first render, 20,000 versions (median)', value: median(firstRender), unit: 'ms', target: '< 300 ms', pass: median(firstRender) < 300 },
      { name: 'inventory filter per keystroke (median)', value: median(keystrokes), unit: 'ms', target: '< 50 ms', pass: median(keystrokes) < 50 },
      { name: 'inventory filter per keystroke (p95)', value: percentile(keystrokes, 0.95), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await server.close();
    main.close();
    temp.cleanup();
  }
}

/** Type a search word letter by letter; each letter's time runs from keydown to the summary line changing. */
async function measureKeystrokes(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const state = window as unknown as { __latencies: number[]; __down: number };
    state.__latencies = [];
    document.addEventListener('keydown', () => (state.__down = performance.now()), true);
    const summary = document.querySelector('.summary');
    if (summary) new MutationObserver(() => state.__latencies.push(performance.now() - state.__down)).observe(summary, { childList: true, characterData: true, subtree: true });
  });
  const search = page.getByLabel('Search');
  await search.click();
  for (const letter of 'model-01') {
    await page.keyboard.press(letter);
    await page.waitForTimeout(120);
  }
  const latencies = await page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
  await search.fill('');
  return latencies;
}

/** 400 models × 50 versions, one snapshot, with states and aliases, written straight into the tables. */
export function seedLargeRegistry(db: Database.Database): void {
  db.transaction(() => {
    const snapshot = Number(
      db
        .prepare(
          `INSERT INTO snapshot (kind, source, label, sequence, observed_at, imported_at, imported_by, content_sha256, verification)
           VALUES ('bundle', 'bench', 'bench', 1, '2026-10-31T00:00:00.000Z', '2026-10-31T00:00:00.000Z', 'bench', ?, 'verified')`,
        )
        .run('f'.repeat(64)).lastInsertRowid,
    );
    const model = db.prepare(`INSERT INTO registered_model (name, created_at, first_snapshot_id) VALUES (?, '2025-01-01T00:00:00.000Z', ?)`);
    const state = db.prepare(
      `INSERT INTO registered_model_state (model_id, snapshot_id, valid_from, owner, risk_tier, use_case, last_validated_at, next_validation_due) VALUES (?, ?, '2026-10-31T00:00:00.000Z', ?, ?, 'Bench use case', '2026-01-10', ?)`,
    );
    const version = db.prepare(`INSERT INTO model_version (model_id, version, created_at, artifact_sha256, first_snapshot_id) VALUES (?, ?, ?, ?, ?)`);
    const versionState = db.prepare(`INSERT INTO model_version_state (model_version_id, snapshot_id, valid_from, stage) VALUES (?, ?, '2026-10-31T00:00:00.000Z', ?)`);
    const alias = db.prepare(`INSERT INTO alias_assignment (model_id, alias, model_version_id, snapshot_id, valid_from) VALUES (?, 'champion', ?, ?, '2026-10-31T00:00:00.000Z')`);
    for (let m = 0; m < MODELS; m++) {
      const modelId = Number(model.run(`model-${String(m).padStart(3, '0')}`, snapshot).lastInsertRowid);
      state.run(modelId, snapshot, `Owner ${m % 17}`, `Tier ${1 + (m % 3)}`, m % 7 === 0 ? '2026-06-30' : '2027-06-30');
      for (let v = 1; v <= VERSIONS_PER_MODEL; v++) {
        const created = new Date(Date.UTC(2025, 0, 1) + (m * VERSIONS_PER_MODEL + v) * 60_000).toISOString();
        const id = Number(version.run(modelId, String(v), created, (m * 1000 + v).toString(16).padStart(64, '0'), snapshot).lastInsertRowid);
        versionState.run(id, snapshot, v === VERSIONS_PER_MODEL ? 'Production' : 'Archived');
        if (v === VERSIONS_PER_MODEL) alias.run(modelId, id, snapshot);
      }
    }
  })();
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
}
