import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { fixedClock } from '../electron/main/core/clock';
import { openDatabase } from '../electron/main/store/connection';
import { trustKey } from '../electron/main/store/trust-repo';
import { type BundleMemberInput, writeBundle } from '../electron/main/sync/bundle-writer';
import { importBundle } from '../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../electron/main/sync/keys';
import { openWorkspace } from '../electron/main/workspace/workspace';
import { makeTempDir } from '../test/support/temp';
import type { BenchResult } from './types';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(3));
const actor = { user: 'bench', displayName: 'bench' };
const RATE_DECISIONS = 200_000;
const MEMORY_DECISIONS = 1_000_000;
const MB = 1024 * 1024;

function decision(i: number) {
  return {
    decisionId: `D-${i}`,
    model: 'bench-pd',
    version: '1',
    decidedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    requestId: `R-${i}`,
    inputs: { income: 20_000 + (i % 5000), age: 18 + (i % 60), region: `r${i % 7}`, utilisation: (i % 100) / 100, late_payments: i % 4 },
    outputs: { pd: [((i * 7919) % 1000) / 1000] },
    decision: i % 3 === 0 ? 'DECLINE' : 'APPROVE',
    attributes: { age_band: `${10 * Math.floor((18 + (i % 60)) / 10)}s` },
  };
}

function* decisions(n: number) {
  for (let i = 0; i < n; i++) yield decision(i);
}

function registryMembers(): BundleMemberInput[] {
  return [
    { path: 'registry/registered-models.jsonl', kind: 'registered-models', records: [{ name: 'bench-pd', createdAt: '2025-01-01T00:00:00.000Z' }] },
    { path: 'registry/model-versions.jsonl', kind: 'model-versions', records: [{ model: 'bench-pd', version: '1', createdAt: '2025-01-01T00:00:00.000Z' }] },
  ];
}

async function writeDecisionBundle(path: string, n: number): Promise<void> {
  const members = [...registryMembers(), { path: 'decisions/decisions.jsonl', kind: 'decisions' as const, records: decisions(n) }];
  await writeBundle(path, { observedAt: '2026-02-01T00:00:00.000Z', sequence: 1, scope: 'full', sources: { registry: 'bench' }, members }, KEY);
}

/** Import a bundle into a fresh workspace; returns seconds and the peak RSS sampled while it ran. */
async function timedImport(dir: string, bundle: string): Promise<{ seconds: number; peakRss: number }> {
  const ws = openWorkspace(join(dir, `ws-${Math.random().toString(36).slice(2)}`), { create: true });
  trustKey(ws.db, publicKeyPem(KEY), 'bench', actor, '2026-01-01T00:00:00.000Z');
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const began = performance.now();
  try {
    await importBundle({ workspace: ws, clock: fixedClock('2026-02-02T00:00:00.000Z'), actor }, bundle, {});
    return { seconds: (performance.now() - began) / 1000, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
    ws.close();
  }
}

/** Rows per second of a bare better-sqlite3 loop inserting the same decision rows (JSON already encoded). */
function rawInsertRate(dir: string, n: number): number {
  const db = openDatabase(join(dir, 'raw.db'), { create: true });
  db.exec(`INSERT INTO snapshot (id, kind, source, label, observed_at, imported_at, imported_by, content_sha256, verification)
           VALUES (1, 'bundle', 'raw', 'raw', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'bench', 'x', 'verified');
           INSERT INTO registered_model (id, name, created_at, first_snapshot_id) VALUES (1, 'bench-pd', '2025-01-01T00:00:00.000Z', 1);
           INSERT INTO model_version (id, model_id, version, created_at, first_snapshot_id) VALUES (1, 1, '1', '2025-01-01T00:00:00.000Z', 1);`);
  const rows = Array.from({ length: n }, (_, i) => {
    const d = decision(i);
    return [d.decisionId, 1, d.decidedAt, d.requestId, JSON.stringify(d.inputs), JSON.stringify(d.outputs), d.decision, JSON.stringify(d.attributes), 1];
  });
  const insert = db.prepare(
    `INSERT INTO decision (decision_uid, model_version_id, decided_at, request_id, inputs_json, outputs_json, decision, attributes_json, snapshot_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const began = performance.now();
  db.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  const seconds = (performance.now() - began) / 1000;
  db.close();
  return n / seconds;
}

/** Decision-log import rate against a raw insert loop of the same rows, and peak memory for 1M decisions. */
export async function runImportBench(): Promise<BenchResult[]> {
  const { dir, cleanup } = makeTempDir('attest-bench-import-');
  try {
    const rateBundle = join(dir, 'rate.attest');
    await writeDecisionBundle(rateBundle, RATE_DECISIONS);
    const raw = rawInsertRate(dir, RATE_DECISIONS);
    const rate = RATE_DECISIONS / (await timedImport(dir, rateBundle)).seconds;
    const bigBundle = join(dir, 'big.attest');
    await writeDecisionBundle(bigBundle, MEMORY_DECISIONS);
    const big = await timedImport(dir, bigBundle);
    const peakMb = big.peakRss / MB;
    return [
      { name: `import: decision-log rate vs raw better-sqlite3 insert loop (${RATE_DECISIONS} decisions, verified bundle, end to end)`, value: Number((rate / raw).toFixed(3)), unit: 'ratio', target: '≥ 0.5', pass: rate / raw >= 0.5 },
      { name: 'import: decision-log rate', value: Math.round(rate), unit: 'decisions/s' },
      { name: 'import: raw insert loop rate', value: Math.round(raw), unit: 'rows/s' },
      { name: `import: peak RSS importing ${MEMORY_DECISIONS} decisions`, value: Math.round(peakMb), unit: 'MB', target: '< 300 MB', pass: peakMb < 300 },
      { name: `import: ${MEMORY_DECISIONS} decisions import time`, value: Number(big.seconds.toFixed(1)), unit: 's' },
    ];
  } finally {
    cleanup();
  }
}

// `node scripts/run-ts.mjs bench/import.ts` runs this bench alone.
if (require.main === module) {
  void runImportBench().then((results) => {
    for (const r of results) console.log(`${r.pass === false ? 'FAIL' : 'ok  '}  ${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
  });
}
