import type Database from 'better-sqlite3';
import { z } from 'zod';
import { SnapshotInfo, Verification } from '../../../shared/schemas/sync';

const SnapshotRow = z.object({
  id: z.number().int(),
  kind: z.string(),
  source: z.string(),
  label: z.string(),
  sequence: z.number().int().nullable(),
  observed_at: z.string(),
  imported_at: z.string(),
  imported_by: z.string(),
  verification: Verification,
  signer_key_id: z.string().nullable(),
});
type SnapshotRow = z.infer<typeof SnapshotRow>;

function toInfo(row: SnapshotRow): SnapshotInfo {
  return SnapshotInfo.parse({
    id: row.id,
    kind: row.kind,
    source: row.source,
    label: row.label,
    sequence: row.sequence,
    observedAt: row.observed_at,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    verification: row.verification,
    signerKeyId: row.signer_key_id,
  });
}

export interface NewSnapshot {
  kind: 'bundle' | 'mlflow-export' | 'mlflow-live' | 'openlineage' | 'return-bundle';
  source: string;
  label: string;
  sequence: number | null;
  observedAt: string;
  importedAt: string;
  importedBy: string;
  contentSha256: string;
  verification: z.infer<typeof Verification>;
  signerKeyId: string | null;
  manifestJson: string | null;
}

/** Insert a snapshot row; returns its id. */
export function insertSnapshot(db: Database.Database, s: NewSnapshot): number {
  const info = db
    .prepare(
      `INSERT INTO snapshot (kind, source, label, sequence, observed_at, imported_at, imported_by, content_sha256, verification, signer_key_id, manifest_json)
       VALUES (:kind, :source, :label, :sequence, :observedAt, :importedAt, :importedBy, :contentSha256, :verification, :signerKeyId, :manifestJson)`,
    )
    .run(s);
  return Number(info.lastInsertRowid);
}

/** Record what a snapshot brought (counts), once its import is complete. */
export function setSnapshotStats(db: Database.Database, id: number, stats: Record<string, number>): void {
  db.prepare('UPDATE snapshot SET stats_json = ? WHERE id = ?').run(JSON.stringify(stats), id);
}

/** The snapshot with this content hash (the same input imported before), or null. */
export function findSnapshotByContent(db: Database.Database, contentSha256: string): SnapshotInfo | null {
  const row = db.prepare('SELECT * FROM snapshot WHERE content_sha256 = ?').get(contentSha256);
  return row === undefined ? null : toInfo(SnapshotRow.parse(row));
}

/** The most recently observed snapshot from `source`, or null. */
export function latestSnapshotOf(db: Database.Database, source: string): SnapshotInfo | null {
  const row = db.prepare('SELECT * FROM snapshot WHERE source = ? ORDER BY observed_at DESC, id DESC LIMIT 1').get(source);
  return row === undefined ? null : toInfo(SnapshotRow.parse(row));
}

/** Every snapshot, oldest observation first. */
export function listSnapshots(db: Database.Database): SnapshotInfo[] {
  return db
    .prepare('SELECT * FROM snapshot ORDER BY observed_at, id')
    .all()
    .map((row) => toInfo(SnapshotRow.parse(row)));
}
