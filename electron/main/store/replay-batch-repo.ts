import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ReplayBatchSummary, RuntimeFingerprint, ToleranceUsed } from '../../../shared/schemas/replay';
import { finiteOrNull } from './replay-repo';

/**
 * Storage of batch replays (migration 6, docs/replay.md "Stored"): the batch's constants once in `replay_batch`,
 * one slim `replay_entry` row per decision. Rows are written chunk by chunk while the batch runs, under a
 * `replay_batch_pending` marker; they become visible (through the `replay` view) only when the batch row is
 * stored, and a batch that does not finish has its rows deleted.
 */

/** What every replay row of one batch shares: stored once, in the batch row. */
export interface BatchReplayConstants {
  modelVersionId: number;
  batchId: string;
  startedAt: string;
  actor: string;
  tolerance: ToleranceUsed;
  runtime: RuntimeFingerprint;
  artifactSha256: string;
}

/** One stored decision per row of a batch chunk; the replayed outputs are JSON text known to be valid. */
export interface BatchReplayRows {
  decisionRowIds: ArrayLike<number>;
  verdicts: readonly string[];
  maxAbs: ArrayLike<number>;
  maxRel: ArrayLike<number>;
  replayedJson: readonly string[];
  recordedDecisions: readonly (string | null)[];
  replayedDecisions: readonly (string | null)[];
}

/** A chunk of batch replay rows as the one JSON array insertBatchReplays binds (built by the worker). */
export function batchReplayRowsJson(rows: BatchReplayRows): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.decisionRowIds.length; i++) {
    const maxAbs = finiteOrNull(rows.maxAbs[i] as number);
    const maxRel = finiteOrNull(rows.maxRel[i] as number);
    parts.push(`[${rows.decisionRowIds[i]},${JSON.stringify(rows.verdicts[i])},${maxAbs},${maxRel},${rows.replayedJson[i]},${JSON.stringify(rows.recordedDecisions[i])},${JSON.stringify(rows.replayedDecisions[i])}]`);
  }
  return `[${parts.join(',')}]`;
}

// One statement per chunk: the rows travel as one JSON array that SQLite unpacks in C (json_each); binding
// parameters row by row costs more than SQLite's own work.
const INSERT_BATCH_ROWS = `INSERT INTO replay_entry (decision_id, batch_id, verdict, max_abs_diff, max_rel_diff, replayed_outputs_json,
    recorded_decision, replayed_decision)
  SELECT r.value ->> 0, :batchId, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value -> 4, r.value ->> 5, r.value ->> 6
  FROM json_each(:rows) r ORDER BY r.key`;

const batchStatements = new WeakMap<Database.Database, Database.Statement>();

/** Mark a batch as being written: its rows stay invisible, and are deleted if it never finishes. */
export function beginPendingBatch(db: Database.Database, batchId: string, startedAt: string): void {
  db.prepare('INSERT INTO replay_batch_pending (id, started_at) VALUES (?, ?)').run(batchId, startedAt);
}

/** Store the rows of one chunk of a pending batch (rows from batchReplayRowsJson). Returns how many were stored. */
export function insertBatchReplays(db: Database.Database, batchId: string, rowsJson: string): number {
  let statement = batchStatements.get(db);
  if (!statement) {
    statement = db.prepare(INSERT_BATCH_ROWS);
    batchStatements.set(db, statement);
  }
  return statement.run({ batchId, rows: rowsJson }).changes;
}

/** The batch row that makes a pending batch's rows visible. Call inside the transaction that audits it. */
export function completeBatch(
  db: Database.Database,
  b: Pick<ReplayBatchSummary, 'batchId' | 'total' | 'counts' | 'tolerance' | 'runtime' | 'artifactSha256'> & {
    modelVersionId: number;
    startedAt: string;
    finishedAt: string;
    actor: string;
    filters: Record<string, unknown>;
  },
): void {
  db.prepare(
    `INSERT INTO replay_batch (id, model_version_id, started_at, finished_at, actor, filters_json, total, counts_json, tolerance_json, runtime_json, artifact_sha256)
     VALUES (:id, :modelVersionId, :startedAt, :finishedAt, :actor, :filters, :total, :counts, :tolerance, :runtime, :artifactSha256)`,
  ).run({
    id: b.batchId,
    modelVersionId: b.modelVersionId,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    actor: b.actor,
    filters: JSON.stringify(b.filters),
    total: b.total,
    counts: JSON.stringify(b.counts),
    tolerance: JSON.stringify(b.tolerance),
    runtime: JSON.stringify(b.runtime),
    artifactSha256: b.artifactSha256,
  });
  db.prepare('DELETE FROM replay_batch_pending WHERE id = ?').run(b.batchId);
}

/** Delete what a batch that will not finish has written (cancelled, failed), in one transaction. */
export function abandonBatch(db: Database.Database, batchId: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM replay_entry WHERE batch_id = ? AND model_version_id IS NULL').run(batchId);
    db.prepare('DELETE FROM replay_batch_pending WHERE id = ?').run(batchId);
  })();
}

/**
 * Delete the rows of pending batches this process is not running (left by a crash or a killed process), and
 * return their ids. Only the workspace's writer calls this (the workspace lock admits one).
 */
export function sweepAbandonedBatches(db: Database.Database, running: ReadonlySet<string>): string[] {
  const ids = z.array(z.object({ id: z.string() })).parse(db.prepare('SELECT id FROM replay_batch_pending').all()).map((r) => r.id);
  const abandoned = ids.filter((id) => !running.has(id));
  for (const id of abandoned) abandonBatch(db, id);
  return abandoned;
}
