import type Database from 'better-sqlite3';

/**
 * A small registry with history, written straight into the tables (independent of the importers):
 * credit_pd v1 champion from Jan, v2 created in Mar and champion from Apr (v1 moves to challenger);
 * fraud_score v1 from Feb, retired (absent) from May.
 */
export function seedRegistryHistory(db: Database.Database): void {
  const snap = db.prepare(
    `INSERT INTO snapshot (kind, source, label, sequence, observed_at, imported_at, imported_by, content_sha256, verification)
     VALUES ('bundle', 'test-registry', :label, :seq, :at, :at, 'tester', :hash, :verification)`,
  );
  const snapshots = ['2026-01-31', '2026-03-31', '2026-04-30', '2026-05-31'].map((d, i) =>
    Number(
      snap.run({ label: `s${i + 1}`, seq: i + 1, at: `${d}T23:00:00.000Z`, hash: String(i).repeat(64), verification: i === 3 ? 'unverified' : 'verified' })
        .lastInsertRowid,
    ),
  );
  const [s1, s2, s3, s4] = snapshots as [number, number, number, number];
  const at = (i: number) => ['2026-01-31', '2026-03-31', '2026-04-30', '2026-05-31'][i] + 'T23:00:00.000Z';
  db.prepare(`INSERT INTO registered_model (id, name, created_at, first_snapshot_id) VALUES (1, 'credit_pd', '2026-01-05T00:00:00.000Z', ?), (2, 'fraud_score', '2026-02-01T00:00:00.000Z', ?)`).run(s1, s1);
  db.prepare(
    `INSERT INTO registered_model_state (model_id, snapshot_id, valid_from, owner, risk_tier, use_case, next_validation_due, ended_snapshot_id, valid_to)
     VALUES (1, ?, ?, 'Credit Risk Analytics', 'Tier 1', 'Retail credit PD', '2026-06-30', NULL, NULL),
            (2, ?, ?, 'Fraud Ops', 'Tier 2', 'Card fraud', NULL, ?, ?)`,
  ).run(s1, at(0), s1, at(0), s4, at(3));
  db.prepare(
    `INSERT INTO model_version (id, model_id, version, created_at, artifact_sha256, first_snapshot_id)
     VALUES (1, 1, '1', '2026-01-05T00:00:00.000Z', ?, ?), (2, 1, '2', '2026-03-15T00:00:00.000Z', ?, ?),
            (3, 2, '1', '2026-02-01T00:00:00.000Z', NULL, ?)`,
  ).run('a'.repeat(64), s1, 'b'.repeat(64), s2, s1);
  const vs = db.prepare(
    `INSERT INTO model_version_state (model_version_id, snapshot_id, valid_from, stage, ended_snapshot_id, valid_to) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  vs.run(1, s1, at(0), 'Production', null, null);
  vs.run(2, s2, at(1), 'Staging', s3, at(2));
  vs.run(2, s3, at(2), 'Production', null, null);
  vs.run(3, s1, at(0), 'Production', s4, at(3));
  const alias = db.prepare(
    `INSERT INTO alias_assignment (model_id, alias, model_version_id, snapshot_id, valid_from, ended_snapshot_id, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  alias.run(1, 'champion', 1, s1, at(0), s3, at(2));
  alias.run(1, 'champion', 2, s3, at(2), null, null);
  alias.run(1, 'challenger', 1, s3, at(2), null, null);
}
