import type Database from 'better-sqlite3';
import { type ImportCounts, ImportSummary, type SnapshotInfo } from '../../../shared/schemas/sync';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import type { JobControl } from '../core/jobs';
import { appendAuditEvent } from '../governance/audit-log';
import { type NewSnapshot, findSnapshotByContent, insertSnapshot, latestSnapshotOf, setSnapshotStats } from '../store/history-repo';
import { rm } from 'node:fs/promises';
import { type ImportDeps, placeArtifacts } from './import-bundle';
import { ImportSession } from './import-session';

/** What identifies an import from an unsigned source (an mlflow-export-import folder, an OpenLineage file). */
export interface SourceSnapshot {
  kind: 'mlflow-export' | 'mlflow-live' | 'openlineage';
  source: string;
  label: string;
  observedAt: string;
  contentSha256: string;
  scope: 'full' | 'incremental';
  /** Registry sources move history forward and must come in order; lineage-only sources add facts only. */
  ordered: boolean;
  /** Record no snapshot when the import would change nothing (an incremental sync that found no news). */
  skipIfUnchanged?: boolean;
}

/**
 * Feeds records to the session; called inside the transaction. A feed that learns the observation time only
 * from the records (an OpenLineage file: its latest event) returns it.
 */
export type RecordFeed = (session: ImportSession) => Promise<void | { observedAt: string }> | void;

/**
 * Import records from an unsigned source as one snapshot ('not-signed-source'), in one transaction on its own
 * connection: the same content twice changes nothing; any error rolls everything back.
 */
export async function importFromSource(deps: ImportDeps, snap: SourceSnapshot, feed: RecordFeed, job?: JobControl): Promise<ImportSummary> {
  const db = deps.workspace.connect();
  let session: ImportSession | null = null;
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const prior = findSnapshotByContent(db, snap.contentSha256);
      if (prior) {
        db.exec('ROLLBACK');
        return alreadyImportedSummary(prior);
      }
      assertForward(db, snap);
      const previous = snap.skipIfUnchanged ? latestSnapshotOf(db, snap.source) : null;
      const importedAt = toIso(deps.clock.now());
      const fields: NewSnapshot = { ...snap, sequence: null, importedAt, importedBy: deps.actor.user, verification: 'not-signed-source', signerKeyId: null, manifestJson: null };
      const snapshotId = insertSnapshot(db, fields);
      session = new ImportSession(db, snapshotId, snap.observedAt, deps.workspace.paths.tmp, 0, job);
      const fed = await feed(session);
      job?.throwIfCancelled();
      if (fed) db.prepare('UPDATE snapshot SET observed_at = ? WHERE id = ?').run(fed.observedAt, snapshotId);
      const counts = session.finish(snap.scope);
      if (previous && !session.changedAnything) {
        db.exec('ROLLBACK');
        return unchangedSummary(previous, snap.source);
      }
      setSnapshotStats(db, snapshotId, counts);
      appendAuditEvent(db, deps.actor, importedAt, { action: 'import', objectType: 'snapshot', objectId: String(snapshotId), details: { kind: snap.kind, file: snap.label, contentSha256: snap.contentSha256, counts } });
      db.exec('COMMIT');
      await placeArtifacts(deps, session.staged);
      return importedSummary(snapshotId, { ...snap, observedAt: fed ? fed.observedAt : snap.observedAt }, counts);
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.close();
    // Staged files of a rolled-back import, or leftovers of ones already in the store.
    await Promise.all((session?.staged ?? []).map((s) => rm(s.tmpPath, { force: true })));
  }
}

function alreadyImportedSummary(prior: SnapshotInfo): ImportSummary {
  return ImportSummary.parse({
    snapshotId: prior.id,
    alreadyImported: true,
    verification: prior.verification,
    signerKeyId: null,
    observedAt: prior.observedAt,
    counts: { registeredModels: 0, modelVersions: 0, aliasMoves: 0, runs: 0, lineageEvents: 0, decisions: 0, outcomes: 0, attestations: 0, artifacts: 0, loggedModels: 0 },
    message: `Already imported as snapshot ${prior.id} on ${prior.importedAt}; nothing changed.`,
  });
}

function unchangedSummary(latest: SnapshotInfo, source: string): ImportSummary {
  return { ...alreadyImportedSummary(latest), message: `Nothing changed at ${source} since snapshot ${latest.id} (observed ${latest.observedAt}); nothing was recorded.` };
}

function assertForward(db: Database.Database, snap: SourceSnapshot): void {
  const latest = snap.ordered ? latestSnapshotOf(db, snap.source) : null;
  if (latest && snap.observedAt < latest.observedAt) {
    throw new AttestError(
      'conflict',
      `${snap.label} was exported at ${snap.observedAt}, before snapshot ${latest.id} already imported from ${snap.source} (observed ${latest.observedAt}). Nothing was imported.`,
      'History only moves forward: import exports in the order they were taken.',
    );
  }
}

function importedSummary(snapshotId: number, snap: SourceSnapshot, counts: ImportCounts): ImportSummary {
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  return ImportSummary.parse({
    snapshotId,
    alreadyImported: false,
    verification: 'not-signed-source',
    signerKeyId: null,
    observedAt: snap.observedAt,
    counts,
    message: `Imported snapshot ${snapshotId} from ${snap.label} (${snap.kind}, observed ${snap.observedAt}, not signed at the source): ${parts.join(', ') || 'nothing new'}.`,
  });
}
