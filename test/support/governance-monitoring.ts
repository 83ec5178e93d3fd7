import type Database from 'better-sqlite3';
import type { DatasetProfile, DecisionRule } from '../../shared/schemas/bundle';
import { insertModelVersion, insertSnapshot } from './governance-workspace';

/** The credit rule of the test model: decline when P(default) > 0.15. */
export const TEST_RULE: DecisionRule = { output: 'p_default', index: 0, operator: '>', threshold: 0.15, whenTrue: 'decline', whenFalse: 'approve' };

/** Training reference: income quartiles at 20/40/60 (25 % each), channel 50/50, score bins at 0.1/0.2. */
export const TEST_PROFILE: DatasetProfile = {
  format: 'attest-profile/1',
  rowCount: 100,
  features: {
    income: { kind: 'numeric', mean: 40, std: 20, min: 0, max: 80, missing: 0, binEdges: [20, 40, 60], binCounts: [25, 25, 25, 25] },
    channel: { kind: 'categorical', counts: { branch: 50, online: 50 }, missing: 0 },
  },
  score: { kind: 'numeric', mean: 0.12, std: 0.05, min: 0, max: 1, missing: 0, binEdges: [0.1, 0.2], binCounts: [50, 30, 20] },
};

export interface TestDecision {
  at: string;
  income: number;
  channel: string;
  score: number;
  ageBand: string;
  /** 'default' / 'repaid'; undefined when the outcome has not arrived. */
  outcome?: string;
}

/** January 2026: the reference population again (income 10/30/50/70 evenly); outcome = default iff score ≥ 0.15. */
export function januaryDecisions(): TestDecision[] {
  return Array.from({ length: 40 }, (_, i) => {
    const score = 0.04 + (i % 10) * 0.02;
    return {
      at: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
      income: [10, 30, 50, 70][i % 4] ?? 10,
      channel: i % 2 === 0 ? 'branch' : 'online',
      score,
      ageBand: i < 20 ? '18-25' : '26-65',
      outcome: score >= 0.15 ? 'default' : 'repaid',
    };
  });
}

/**
 * February 2026: income shifts up (shares 10/10/30/50 % over the reference quartiles, CSI 0.4573 by hand) and
 * young applicants score higher: 8 of 20 approved against 16 of 20 (disparate impact 0.5). No outcomes yet.
 */
export function februaryDecisions(): TestDecision[] {
  return Array.from({ length: 40 }, (_, i) => {
    const young = i < 20;
    const tenth = i % 10;
    return {
      at: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`,
      income: tenth < 1 ? 10 : tenth < 2 ? 30 : tenth < 5 ? 50 : 70,
      channel: i % 2 === 0 ? 'branch' : 'online',
      score: young ? 0.05 + (i % 5) * 0.06 : 0.05 + (i % 5) * 0.03,
      ageBand: young ? '18-25' : '26-65',
    };
  });
}

/** Seed a model version with a profiled training dataset, a decision rule, and the given decisions. */
export function seedMonitoredVersion(db: Database.Database, decisions: TestDecision[], model = 'credit-pd', version = '3'): number {
  const snapshot = insertSnapshot(db, 'monitoring');
  const runId = `run-${model}-${version}`;
  db.prepare('INSERT INTO run (run_id, first_snapshot_id) VALUES (?, ?)').run(runId, snapshot);
  const datasetId = Number(
    db
      .prepare(`INSERT INTO dataset (name, digest, profile_json, first_snapshot_id) VALUES ('credit-train-2025', 'abc123', ?, ?)`)
      .run(JSON.stringify(TEST_PROFILE), snapshot).lastInsertRowid,
  );
  db.prepare(`INSERT INTO dataset_input (run_id, dataset_id, context) VALUES (?, ?, 'training')`).run(runId, datasetId);
  const mv = insertModelVersion(db, snapshot, model, version, { runId, decisionRule: TEST_RULE });
  const insert = db.prepare(
    `INSERT INTO decision (decision_uid, model_version_id, decided_at, inputs_json, outputs_json, decision, attributes_json, snapshot_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const outcome = db.prepare(`INSERT INTO decision_outcome (decision_id, outcome, observed_at, snapshot_id) VALUES (?, ?, '2026-09-01T00:00:00.000Z', ?)`);
  decisions.forEach((d, i) => {
    const decision = d.score > TEST_RULE.threshold ? TEST_RULE.whenTrue : TEST_RULE.whenFalse;
    const id = insert.run(
      `${model}-${version}-${i}`, mv, d.at, JSON.stringify({ income: d.income, channel: d.channel }),
      JSON.stringify({ p_default: [d.score] }), decision, JSON.stringify({ age_band: d.ageBand }), snapshot,
    ).lastInsertRowid;
    if (d.outcome !== undefined) outcome.run(id, d.outcome, snapshot);
  });
  return mv;
}
