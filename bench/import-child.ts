import { performance } from 'node:perf_hooks';
import { fixedClock } from '../electron/main/core/clock';
import { openDatabase } from '../electron/main/store/connection';
import { trustKey } from '../electron/main/store/trust-repo';
import { importBundle } from '../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../electron/main/sync/keys';
import { openWorkspace } from '../electron/main/workspace/workspace';
import { decision } from './import-data';

/**
 * Bench work that must run in a process of its own; prints its result as JSON.
 * `import BUNDLE WORKSPACE_DIR KEY_SEED_BYTE`: import one bundle; {seconds, peakRss, baselineRss}, so the memory
 * figure is the import's alone, not the leftovers of generating the bundle or of other benches.
 * `raw N DB`: the bare better-sqlite3 insert loop over the same N decision rows; {rate}.
 */
async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'raw') {
    process.stdout.write(`${JSON.stringify({ rate: rawInsertRate(args[1] ?? '', Number(args[0])) })}\n`);
    return;
  }
  if (mode !== 'import') throw new Error('usage: import-child import BUNDLE WORKSPACE_DIR KEY_SEED_BYTE | raw N DB');
  await childImport(args);
}

/** Rows per second of a bare better-sqlite3 loop inserting the same decision rows (JSON already encoded). */
function rawInsertRate(path: string, n: number): number {
  const db = openDatabase(path, { create: true });
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

/**
 * Imports one bundle in a process of its own and prints {seconds, peakRss, baselineRss} as JSON, so the memory
 * figure is the import's alone.
 */
async function childImport([bundle, dir, seed]: string[]): Promise<void> {
  if (!bundle || !dir || !seed) throw new Error('usage: import-child BUNDLE WORKSPACE_DIR KEY_SEED_BYTE');
  const actor = { user: 'bench', displayName: 'bench' };
  const ws = openWorkspace(dir, { create: true });
  trustKey(ws.db, publicKeyPem(signingKeyFromSeed(new Uint8Array(32).fill(Number(seed)))), 'bench', actor, '2026-01-01T00:00:00.000Z');
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const began = performance.now();
  try {
    await importBundle({ workspace: ws, clock: fixedClock('2026-02-02T00:00:00.000Z'), actor }, bundle, {});
  } finally {
    // A live interval keeps the process running: a failed import must still exit and report its error.
    clearInterval(sampler);
  }
  const seconds = (performance.now() - began) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  ws.close();
  process.stdout.write(`${JSON.stringify({ seconds, peakRss, baselineRss })}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
