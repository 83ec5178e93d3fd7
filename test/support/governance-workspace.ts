import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Actor } from '../../electron/main/core/actor';
import { fixedClock } from '../../electron/main/core/clock';
import { type Main, createMain } from '../../electron/main/main-context';
import { openDatabase } from '../../electron/main/store/connection';
import { makeTempDir } from './temp';

/** The actor every governance test acts as. */
export const TEST_ACTOR: Actor = { user: 'avalidator', displayName: 'Ana Validator' };

/** A fresh database at the latest schema in a temp folder. */
export function freshDb(): { db: Database.Database; path: string; cleanup: () => void } {
  const t = makeTempDir('attest-gov-');
  const path = join(t.dir, 'attest.db');
  const db = openDatabase(path, { create: true });
  return {
    db,
    path,
    cleanup: () => {
      db.close();
      t.cleanup();
    },
  };
}

/** A fresh workspace wired like the app (dispatcher, jobs, fixed clock); `seed` runs on its database first. */
export function freshMain(seed: (db: Database.Database) => void = () => {}, now = '2026-03-01T10:00:00.000Z'): {
  main: Main;
  dir: string;
  cleanup: () => void;
} {
  const t = makeTempDir('attest-gov-ws-');
  const main = createMain({ workspaceDir: t.dir, create: true, clock: fixedClock(now), actor: TEST_ACTOR });
  seed(main.ctx.workspace.db);
  return {
    main,
    dir: t.dir,
    cleanup: () => {
      main.close();
      t.cleanup();
    },
  };
}

/** Insert a snapshot row and return its id. */
export function insertSnapshot(db: Database.Database, label = 'test'): number {
  const info = db
    .prepare(
      `INSERT INTO snapshot (kind, source, label, observed_at, imported_at, imported_by, content_sha256, verification)
       VALUES ('bundle', 'test', :label, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'test', :sha, 'verified')`,
    )
    .run({ label, sha: `${label}-${Math.random().toString(16).slice(2)}` });
  return Number(info.lastInsertRowid);
}

/** Insert a registered model with one version; returns the model_version id. */
export function insertModelVersion(
  db: Database.Database,
  snapshotId: number,
  model: string,
  version: string,
  options: { runId?: string; decisionRule?: unknown } = {},
): number {
  const existing = db.prepare('SELECT id FROM registered_model WHERE name = ?').get(model) as { id: number } | undefined;
  const modelId =
    existing?.id ??
    Number(
      db
        .prepare(`INSERT INTO registered_model (name, created_at, first_snapshot_id) VALUES (?, '2025-01-01T00:00:00.000Z', ?)`)
        .run(model, snapshotId).lastInsertRowid,
    );
  const versionId = Number(
    db
      .prepare(
        `INSERT INTO model_version (model_id, version, created_at, source_run_id, first_snapshot_id)
         VALUES (?, ?, '2025-06-01T00:00:00.000Z', ?, ?)`,
      )
      .run(modelId, version, options.runId ?? null, snapshotId).lastInsertRowid,
  );
  const tags = options.decisionRule === undefined ? {} : { 'attest.decision_rule': JSON.stringify(options.decisionRule) };
  db.prepare(
    `INSERT INTO model_version_state (model_version_id, snapshot_id, valid_from, tags_json) VALUES (?, ?, '2025-06-01T00:00:00.000Z', ?)`,
  ).run(versionId, snapshotId, JSON.stringify(tags));
  return versionId;
}
