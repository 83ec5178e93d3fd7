import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AttestError } from '../core/errors';
import { canonicalJson } from '../core/hashing';

/** Where one snapshot writes SCD-2 history: its id and the instant its source state was observed. */
export interface HistoryWrite {
  db: Database.Database;
  snapshotId: number;
  observedAt: string;
}

const CurrentRow = z.object({ id: z.number().int(), valid_from: z.string(), content: z.string() });

/**
 * Open a new state row of `table` (owned through `key`) when `state` differs from the current one, closing that
 * one at the observation time; returns whether it did (docs/history.md).
 */
export function writeScd2State(w: HistoryWrite, table: string, key: string, ownerId: number, state: Record<string, string | null>, what: string): boolean {
  const columns = Object.keys(state);
  const content = canonicalJson(state);
  const currentRaw = w.db
    .prepare(`SELECT id, valid_from, json_object(${columns.map((c) => `'${c}', ${c}`).join(', ')}) AS content FROM ${table} WHERE ${key} = ? AND valid_to IS NULL`)
    .get(ownerId);
  if (currentRaw !== undefined) {
    const current = CurrentRow.parse(currentRaw);
    if (canonicalJson(JSON.parse(current.content)) === content) return false;
    assertNotBefore(w, current.valid_from, what);
    closeScd2Row(w, table, current.id);
  }
  w.db
    .prepare(`INSERT INTO ${table} (${key}, snapshot_id, valid_from, ${columns.join(', ')}) VALUES (:state_owner_id, :state_snapshot_id, :state_valid_from, ${columns.map((c) => `:${c}`).join(', ')})`)
    .run({ ...state, state_owner_id: ownerId, state_snapshot_id: w.snapshotId, state_valid_from: w.observedAt });
  return true;
}

/** Refuse to write history before a state already recorded (snapshots must come in the order they were taken). */
export function assertNotBefore(w: HistoryWrite, validFrom: string, what: string): void {
  if (w.observedAt < validFrom) {
    throw new AttestError('conflict', `The snapshot was observed at ${w.observedAt}, before the recorded state of ${what} (from ${validFrom}).`, 'Import snapshots in the order they were taken.');
  }
}

/** End one history row at the observation time. */
export function closeScd2Row(w: HistoryWrite, table: string, id: number): void {
  w.db.prepare(`UPDATE ${table} SET valid_to = ?, ended_snapshot_id = ? WHERE id = ?`).run(w.observedAt, w.snapshotId, id);
}
