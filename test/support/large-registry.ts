import type Database from 'better-sqlite3';

/** The Inventory's stress size (issue #6: "stays smooth at 20,000 versions"): the bench's and the e2e test's. */
export const LARGE_REGISTRY = { models: 400, versionsPerModel: 50, versions: 20_000 } as const;

/** LARGE_REGISTRY's 400 models × 50 versions, one snapshot, with states and aliases, written straight into the tables. */
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
    for (let m = 0; m < LARGE_REGISTRY.models; m++) {
      const modelId = Number(model.run(`model-${String(m).padStart(3, '0')}`, snapshot).lastInsertRowid);
      state.run(modelId, snapshot, `Owner ${m % 17}`, `Tier ${1 + (m % 3)}`, m % 7 === 0 ? '2026-06-30' : '2027-06-30');
      for (let v = 1; v <= LARGE_REGISTRY.versionsPerModel; v++) {
        const created = new Date(Date.UTC(2025, 0, 1) + (m * LARGE_REGISTRY.versionsPerModel + v) * 60_000).toISOString();
        const id = Number(version.run(modelId, String(v), created, (m * 1000 + v).toString(16).padStart(64, '0'), snapshot).lastInsertRowid);
        versionState.run(id, snapshot, v === LARGE_REGISTRY.versionsPerModel ? 'Production' : 'Archived');
        if (v === LARGE_REGISTRY.versionsPerModel) alias.run(modelId, id, snapshot);
      }
    }
  })();
}
