import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { DatasetProfile, DecisionRule } from '../../shared/schemas/bundle';
import { openDatabase } from '../../electron/main/store/connection';
import type { FairnessPoint, MonitoringPoint, MonitoringSource } from '../../electron/main/packs/source-types';
import { makeTempDir } from './temp';

/** A throwaway workspace database for pack tests, with row helpers that insert exactly what a test needs. */
export interface PacksWorkspace {
  dir: string;
  db: Database.Database;
  cleanup(): void;
}

/** A fresh migrated database in a temp folder. */
export function createPacksWorkspace(): PacksWorkspace {
  const { dir, cleanup } = makeTempDir('attest-packs-');
  const db = openDatabase(join(dir, 'attest.db'), { create: true });
  return { dir, db, cleanup: () => { db.close(); cleanup(); } };
}

const SHA = (c: string) => c.repeat(64).slice(0, 64);

/** Insert one snapshot; returns its id. */
export function addSnapshot(db: Database.Database, observedAt: string, tag = 'a'): number {
  return Number(db.prepare(
    `INSERT INTO snapshot (kind, source, label, observed_at, imported_at, imported_by, content_sha256, verification)
     VALUES ('bundle', 'test', :label, :observedAt, :observedAt, 'tester', :sha, 'verified')`,
  ).run({ label: `snap-${tag}`, observedAt, sha: SHA(tag) }).lastInsertRowid);
}

export interface ModelSpec {
  name: string;
  version: string;
  snapshotId: number;
  at: string;
  owner?: string | null;
  riskTier?: string | null;
  stage?: string;
  runId?: string | null;
  artifactSha256?: string | null;
  decisionRule?: DecisionRule | null;
  tolerance?: { atol: number; rtol: number } | null;
  nextValidationDue?: string | null;
}

/** A registered model with one version, its state, and a champion alias; returns the version id. */
export function addModel(db: Database.Database, spec: ModelSpec): number {
  const existing = db.prepare('SELECT id FROM registered_model WHERE name = ?').get(spec.name) as { id: number } | undefined;
  const modelId = existing?.id ?? Number(db.prepare(
    `INSERT INTO registered_model (name, created_at, first_snapshot_id) VALUES (?, ?, ?)`).run(spec.name, spec.at, spec.snapshotId).lastInsertRowid);
  if (!existing) {
    db.prepare(
      `INSERT INTO registered_model_state (model_id, snapshot_id, valid_from, description, owner, use_case, risk_tier, last_validated_at, next_validation_due)
       VALUES (?, ?, ?, 'Retail PD scorecard', ?, 'credit-origination', ?, NULL, ?)`,
    ).run(modelId, spec.snapshotId, spec.at, spec.owner === undefined ? 'Ana Núñez' : spec.owner, spec.riskTier === undefined ? 'Tier 1' : spec.riskTier, spec.nextValidationDue ?? null);
  }
  const versionId = Number(db.prepare(
    `INSERT INTO model_version (model_id, version, created_at, source_run_id, artifact_sha256, framework, onnx_opset, first_snapshot_id)
     VALUES (?, ?, ?, ?, ?, 'onnx', 17, ?)`,
  ).run(modelId, spec.version, spec.at, spec.runId ?? null, spec.artifactSha256 === undefined ? SHA('f') : spec.artifactSha256, spec.snapshotId).lastInsertRowid);
  const tags: Record<string, string> = {};
  if (spec.decisionRule) tags['attest.decision_rule'] = JSON.stringify(spec.decisionRule);
  if (spec.tolerance) tags['attest.tolerance'] = JSON.stringify(spec.tolerance);
  db.prepare(`INSERT INTO model_version_state (model_version_id, snapshot_id, valid_from, stage, status, tags_json) VALUES (?, ?, ?, ?, 'READY', ?)`)
    .run(versionId, spec.snapshotId, spec.at, spec.stage ?? 'Production', JSON.stringify(tags));
  db.prepare(`INSERT INTO alias_assignment (model_id, alias, model_version_id, snapshot_id, valid_from) VALUES (?, 'champion', ?, ?, ?)`)
    .run(modelId, versionId, spec.snapshotId, spec.at);
  return versionId;
}

/** A training run with params, metrics and one training dataset carrying a profile. */
export function addRun(db: Database.Database, runId: string, snapshotId: number, at: string, profile: DatasetProfile | null): void {
  db.prepare(`INSERT INTO run (run_id, run_name, user_id, status, start_time, end_time, first_snapshot_id) VALUES (?, 'train', 'dev.one', 'FINISHED', ?, ?, ?)`)
    .run(runId, at, new Date(Date.parse(at) + 42 * 60_000).toISOString(), snapshotId);
  for (const [k, v] of [['max_depth', '4'], ['n_estimators', '300']]) db.prepare('INSERT INTO run_param (run_id, key, value) VALUES (?, ?, ?)').run(runId, k, v);
  for (const [k, v] of [['auc', 0.81], ['gini', 0.62], ['ks', 0.44], ['brier', 0.071]] as const) {
    db.prepare('INSERT INTO run_metric (run_id, key, value, timestamp, step, first_snapshot_id) VALUES (?, ?, ?, ?, 0, ?)').run(runId, k, v, at, snapshotId);
  }
  db.prepare(`INSERT INTO run_tag (run_id, key, value, first_snapshot_id) VALUES (?, 'mlflow.source.git.commit', 'abc1234', ?)`).run(runId, snapshotId);
  const datasetId = Number(db.prepare(
    `INSERT INTO dataset (name, digest, source, schema_json, profile_json, first_snapshot_id) VALUES ('applications-2024', '5f2c9a1be0d4', 'warehouse', NULL, ?, ?)`,
  ).run(profile ? JSON.stringify(profile) : null, snapshotId).lastInsertRowid);
  db.prepare(`INSERT INTO dataset_input (run_id, dataset_id, context) VALUES (?, ?, 'training')`).run(runId, datasetId);
}

/** A small two-feature profile with a score profile. */
export function smallProfile(): DatasetProfile {
  const numeric = (mean: number) => ({ kind: 'numeric' as const, mean, std: 1, min: 0, max: 2 * mean, missing: 0, binEdges: [mean / 2, mean, 1.5 * mean], binCounts: [10, 40, 40, 10] });
  return {
    format: 'attest-profile/1',
    rowCount: 100,
    features: { income: numeric(3000), age: numeric(40), region: { kind: 'categorical', counts: { north: 60, south: 40 }, missing: 0 } },
    score: { kind: 'numeric', mean: 0.2, std: 0.1, min: 0, max: 1, missing: 0, binEdges: [0.1, 0.2, 0.3, 0.5], binCounts: [20, 30, 25, 15, 10] },
  };
}

/** Logged decisions of a version with PD outputs in `prob[1]`. */
export function addDecisions(db: Database.Database, versionId: number, snapshotId: number, start: string, count: number): void {
  const stmt = db.prepare(
    `INSERT INTO decision (decision_uid, model_version_id, decided_at, request_id, inputs_json, outputs_json, decision, attributes_json, snapshot_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (let i = 0; i < count; i++) {
    const pd = ((i * 37) % 100) / 100;
    stmt.run(`dec-${versionId}-${i}`, versionId, new Date(Date.parse(start) + i * 3_600_000).toISOString(), `app-${i}`,
      JSON.stringify({ income: 2000 + i, age: 30 + (i % 20), region: i % 2 ? 'north' : 'south' }), JSON.stringify({ prob: [[1 - pd, pd]] }),
      pd >= 0.3 ? 'decline' : 'approve', JSON.stringify({ product: 'personal loan', channel: 'branch' }), snapshotId);
  }
}

/** A replay row for a decision. */
export function addReplay(db: Database.Database, versionId: number, decisionUid: string, at: string, artifactSha256: string): void {
  const d = db.prepare('SELECT id, decision FROM decision WHERE decision_uid = ?').get(decisionUid) as { id: number; decision: string };
  db.prepare(
    `INSERT INTO replay_entry (decision_id, model_version_id, started_at, actor, verdict, max_abs_diff, max_rel_diff, tolerance_json, runtime_json,
       recorded_outputs_json, replayed_outputs_json, recorded_decision, replayed_decision, reason_codes_json, artifact_sha256)
     VALUES (?, ?, ?, 'auditor.two', 'reproduced', 0, 0, '{"atol":1e-6,"rtol":0}', ?, '{"prob":[[0.7,0.3]]}', '{"prob":[[0.7,0.3]]}', ?, ?, ?, ?)`,
  ).run(d.id, versionId, at, JSON.stringify({ onnxruntime: '1.30.0', executionProvider: 'cpu', os: 'linux', cpu: 'x86_64' }), d.decision, d.decision,
    JSON.stringify(['income below reference', 'age below reference']), artifactSha256);
}

/** An attestation (sign-off) on a model version. */
export function addAttestation(db: Database.Database, model: string, version: string, role: string, at: string, name = 'Val Idator'): void {
  db.prepare(
    `INSERT INTO attestation (attestation_uid, scope, model_name, model_version, role, decision, comment, actor, actor_name, created_at)
     VALUES (?, 'model_version', ?, ?, ?, 'approve', '', 'v', ?, ?)`,
  ).run(`att-${role}-${at}`, model, version, role, name, at);
}

/** A fixed in-memory monitoring source (stands in for the governance module's results in tests and bench). */
export function fixedMonitoring(points: MonitoringPoint[], fairness: FairnessPoint[] | null): MonitoringSource {
  return { monitoring: () => points, fairness: () => fairness };
}

/** Monthly score PSI and per-feature CSI points plus AUC, for `months` months from `start`. */
export function monitoringSeries(features: string[], months: number, start = '2025-01-31T00:00:00.000Z'): MonitoringPoint[] {
  const points: MonitoringPoint[] = [];
  const prov = (id: string, at: string) => ({ table: 'monitoring_result', rowId: id, recordedAt: at, snapshotSha256: null });
  for (let m = 0; m < months; m++) {
    const d = new Date(Date.parse(start));
    d.setUTCMonth(d.getUTCMonth() + m);
    const at = d.toISOString();
    const base = { threshold: null, windowStart: null, windowEnd: at, computedAt: at, status: 'ok' as const };
    points.push({ ...base, metric: 'psi', segment: null, value: 0.02 + m * 0.01, provenance: prov(`psi-${m}`, at) });
    points.push({ ...base, metric: 'auc', segment: null, value: 0.8 - m * 0.002, provenance: prov(`auc-${m}`, at) });
    features.forEach((f, i) => points.push({ ...base, metric: 'csi', segment: f, value: 0.01 * ((i + m) % 7), provenance: prov(`csi-${f}-${m}`, at) }));
  }
  return points;
}
