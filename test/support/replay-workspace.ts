import type Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { DatasetProfile, DecisionRule, ModelSignature, Tolerance } from '../../shared/schemas/bundle';
import { DECISION_RULE_TAG, TOLERANCE_TAG } from '../../shared/schemas/bundle';
import { fixedClock } from '../../electron/main/core/clock';
import { sha256Hex } from '../../electron/main/core/hashing';
import { type Main, createMain } from '../../electron/main/main-context';
import { artifactPath } from '../../electron/main/store/artifact-paths';
import { makeTempDir } from './temp';

/** A fresh workspace for replay tests, with a fixed clock and actor. */
export function makeReplayWorkspace(): { main: Main; cleanup: () => void } {
  const temp = makeTempDir('attest-replay-');
  const main = createMain({
    workspaceDir: temp.dir,
    create: true,
    clock: fixedClock('2026-03-20T10:00:00.000Z'),
    actor: { user: 'tester', displayName: 'Test User' },
  });
  return { main, cleanup: () => (main.close(), temp.cleanup()) };
}

let snapshotCounter = 0;

function insertSnapshot(db: Database.Database): number {
  snapshotCounter++;
  const info = db
    .prepare(
      `INSERT INTO snapshot (kind, source, label, observed_at, imported_at, imported_by, content_sha256, verification)
       VALUES ('bundle', 'test', 'test snapshot', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 'tester', ?, 'verified')`,
    )
    .run(sha256Hex(`snapshot-${snapshotCounter}-${Math.random()}`));
  return Number(info.lastInsertRowid);
}

/** What a test model version carries. */
export interface VersionSpec {
  model: string;
  version: string;
  bytes: Uint8Array;
  signature?: ModelSignature;
  rule?: DecisionRule;
  tolerance?: Tolerance;
  /** Training profile whose means are the reason-code baseline. */
  profile?: DatasetProfile;
}

/** Insert a registered model version with its artifact in the content-addressed store. */
export function seedModelVersion(main: Main, spec: VersionSpec): { modelVersionId: number; snapshotId: number; sha256: string } {
  const { db, paths } = main.ctx.workspace;
  const sha256 = sha256Hex(spec.bytes);
  const file = artifactPath(paths, sha256);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, spec.bytes);
  const snapshotId = insertSnapshot(db);
  const at = '2026-01-01T00:00:00.000Z';
  const existing = db.prepare('SELECT id FROM registered_model WHERE name = ?').get(spec.model) as { id: number } | undefined;
  const modelId = existing?.id ?? Number(db.prepare('INSERT INTO registered_model (name, created_at, first_snapshot_id) VALUES (?, ?, ?)').run(spec.model, at, snapshotId).lastInsertRowid);
  if (!existing) db.prepare('INSERT INTO registered_model_state (model_id, snapshot_id, valid_from) VALUES (?, ?, ?)').run(modelId, snapshotId, at);
  const runId = `run-${spec.model}-${spec.version}`;
  db.prepare('INSERT INTO run (run_id, first_snapshot_id) VALUES (?, ?)').run(runId, snapshotId);
  db.prepare('INSERT OR IGNORE INTO artifact (sha256, size_bytes, media_type, first_snapshot_id) VALUES (?, ?, ?, ?)').run(sha256, spec.bytes.length, 'application/onnx', snapshotId);
  const modelVersionId = Number(
    db
      .prepare(
        `INSERT INTO model_version (model_id, version, created_at, source_run_id, artifact_sha256, framework, signature_json, first_snapshot_id)
         VALUES (?, ?, ?, ?, ?, 'onnx', ?, ?)`,
      )
      .run(modelId, spec.version, at, runId, sha256, spec.signature ? JSON.stringify(spec.signature) : null, snapshotId).lastInsertRowid,
  );
  const tags: Record<string, string> = {};
  if (spec.rule) tags[DECISION_RULE_TAG] = JSON.stringify(spec.rule);
  if (spec.tolerance) tags[TOLERANCE_TAG] = JSON.stringify(spec.tolerance);
  db.prepare('INSERT INTO model_version_state (model_version_id, snapshot_id, valid_from, stage, tags_json) VALUES (?, ?, ?, ?, ?)').run(modelVersionId, snapshotId, at, 'Production', JSON.stringify(tags));
  if (spec.profile) {
    const datasetId = Number(db.prepare('INSERT INTO dataset (name, digest, profile_json, first_snapshot_id) VALUES (?, ?, ?, ?)').run(`train-${spec.model}-${spec.version}`, sha256.slice(0, 16), JSON.stringify(spec.profile), snapshotId).lastInsertRowid);
    db.prepare(`INSERT INTO dataset_input (run_id, dataset_id, context) VALUES (?, ?, 'training')`).run(runId, datasetId);
  }
  return { modelVersionId, snapshotId, sha256 };
}

/** A decision to log. */
export interface DecisionSpec {
  uid: string;
  decidedAt: string;
  inputs: Record<string, number | string | boolean | null>;
  outputs: Record<string, unknown>;
  decision?: string | null;
}

/** Insert logged decisions of a model version. */
export function seedDecisions(main: Main, ids: { modelVersionId: number; snapshotId: number }, decisions: DecisionSpec[]): void {
  const insert = main.ctx.workspace.db.prepare(
    `INSERT INTO decision (decision_uid, model_version_id, decided_at, inputs_json, outputs_json, decision, snapshot_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  main.ctx.workspace.db.transaction(() => {
    for (const d of decisions) insert.run(d.uid, ids.modelVersionId, d.decidedAt, JSON.stringify(d.inputs), JSON.stringify(d.outputs), d.decision ?? null, ids.snapshotId);
  })();
}

/** Score rows the way the bank's serving did: a plain onnxruntime session on [N, 1] per-feature inputs. */
export async function scoreRows(bytes: Uint8Array, features: string[], rows: number[][], output: string): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  features.forEach((f, j) => (feeds[f] = new ort.Tensor('float32', Float32Array.from(rows.map((r) => r[j] as number)), [rows.length, 1])));
  const result = await session.run(feeds);
  const data = Array.from(result[output]?.data as Float32Array);
  await session.release();
  return data;
}

/** A deterministic pseudo-random stream for test data. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
