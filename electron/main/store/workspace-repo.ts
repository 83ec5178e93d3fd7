import type Database from 'better-sqlite3';
import { z } from 'zod';
import { SnapshotSummary } from '../../../shared/schemas/workspace';

const Counts = z.object({
  models: z.number().int(),
  versions: z.number().int(),
  runs: z.number().int(),
  datasets: z.number().int(),
  lineageEvents: z.number().int(),
  decisions: z.number().int(),
  artifacts: z.number().int(),
  snapshots: z.number().int(),
});

/** How many records of each kind the workspace holds. */
export function countRecords(db: Database.Database): z.infer<typeof Counts> {
  return Counts.parse(
    db
      .prepare(
        `SELECT (SELECT count(*) FROM registered_model) AS models,
                (SELECT count(*) FROM model_version) AS versions,
                (SELECT count(*) FROM run) AS runs,
                (SELECT count(*) FROM dataset) AS datasets,
                (SELECT count(*) FROM lineage_event) AS lineageEvents,
                (SELECT count(*) FROM decision) AS decisions,
                (SELECT count(*) FROM artifact) AS artifacts,
                (SELECT count(*) FROM snapshot) AS snapshots`,
      )
      .get(),
  );
}

/** Every import, oldest observation first. */
export function listSnapshots(db: Database.Database): SnapshotSummary[] {
  const rows = db
    .prepare(
      `SELECT id, kind, source, label, observed_at AS observedAt, imported_at AS importedAt, verification
       FROM snapshot ORDER BY observed_at, id`,
    )
    .all();
  return z.array(SnapshotSummary).parse(rows);
}
