import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DECISION_RULE_TAG, DecisionRule, ModelSignature, TOLERANCE_TAG, Tolerance } from '../../../shared/schemas/bundle';
import { DecisionReplay, ReasonCodes, RuntimeFingerprint, ToleranceUsed, type TolerancePolicy } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';

/** When neither the request, the workspace nor the registry says otherwise: float32 rounding with headroom. */
export const DEFAULT_TOLERANCE: Tolerance = { atol: 1e-6, rtol: 1e-5 };

/** A model version as replay needs it. */
export interface ReplayTarget {
  modelVersionId: number;
  model: string;
  version: string;
  artifactSha256: string;
  signature: ModelSignature | null;
  rule: DecisionRule | null;
  runId: string | null;
  fromTag: Tolerance | null;
  override: TolerancePolicy['override'];
}

const VersionRow = z.object({
  id: z.number().int(),
  model: z.string(),
  version: z.string(),
  artifact_sha256: z.string().nullable(),
  signature_json: z.string().nullable(),
  source_run_id: z.string().nullable(),
  tags_json: z.string().nullable(),
});

/** Resolve a model version by name and version (or by id), with its decision rule and tolerance sources. */
export function findReplayTarget(db: Database.Database, by: { model: string; version: string } | { id: number }): ReplayTarget {
  const raw = db
    .prepare(
      `SELECT v.id, m.name AS model, v.version, v.artifact_sha256, v.signature_json, v.source_run_id,
              (SELECT s.tags_json FROM model_version_state s WHERE s.model_version_id = v.id
               ORDER BY (s.valid_to IS NULL) DESC, s.valid_from DESC LIMIT 1) AS tags_json
       FROM model_version v JOIN registered_model m ON m.id = v.model_id
       WHERE ${'id' in by ? 'v.id = :id' : 'm.name = :model AND v.version = :version'}`,
    )
    .get(by);
  const what = 'id' in by ? `model version #${by.id}` : `${by.model} version ${by.version}`;
  if (!raw) throw new AttestError('not-found', `No model version ${what} in this workspace.`, 'List versions with `attest models`.');
  const row = VersionRow.parse(raw);
  if (!row.artifact_sha256) {
    throw new AttestError('unsupported', `${row.model} version ${row.version} has no ONNX artifact recorded, so it cannot be replayed.`, 'Register the version with its ONNX artifact and re-import the bundle.');
  }
  const tags = z.record(z.string(), z.string()).parse(JSON.parse(row.tags_json ?? '{}'));
  return {
    modelVersionId: row.id,
    model: row.model,
    version: row.version,
    artifactSha256: row.artifact_sha256,
    signature: row.signature_json ? ModelSignature.parse(JSON.parse(row.signature_json)) : null,
    rule: parseTag(tags, DECISION_RULE_TAG, DecisionRule, row),
    runId: row.source_run_id,
    fromTag: parseTag(tags, TOLERANCE_TAG, Tolerance, row),
    override: toleranceOverride(db, row.id),
  };
}

function parseTag<T>(tags: Record<string, string>, key: string, schema: z.ZodType<T>, row: { model: string; version: string }): T | null {
  const text = tags[key];
  if (text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AttestError('bad-input', `The tag ${key} of ${row.model} version ${row.version} is not valid (${text}).`, `Fix the tag in the registry; docs/replay.md shows its format.`);
  }
  return parsed.data;
}

const OverrideRow = z.object({ atol: z.number(), rtol: z.number(), reason: z.string(), set_at: z.string(), set_by: z.string() });

function toleranceOverride(db: Database.Database, modelVersionId: number): TolerancePolicy['override'] {
  const raw = db.prepare('SELECT atol, rtol, reason, set_at, set_by FROM replay_tolerance WHERE model_version_id = ?').get(modelVersionId);
  if (!raw) return null;
  const row = OverrideRow.parse(raw);
  return { atol: row.atol, rtol: row.rtol, reason: row.reason, setAt: row.set_at, setBy: row.set_by };
}

/** The tolerance in force: the request's, else the workspace override, else the registry tag, else the default. */
export function effectiveTolerance(target: ReplayTarget, request: Partial<Tolerance> = {}): ToleranceUsed {
  const [base, source]: [Tolerance, ToleranceUsed['source']] = target.override
    ? [target.override, 'workspace-override']
    : target.fromTag
      ? [target.fromTag, 'model-version-tag']
      : [DEFAULT_TOLERANCE, 'default'];
  if (request.atol === undefined && request.rtol === undefined) return { ...base, source };
  return { atol: request.atol ?? base.atol, rtol: request.rtol ?? base.rtol, source: 'request' };
}

/** Store (or replace) the workspace tolerance override of a model version. Audit it in the same transaction. */
export function setToleranceOverride(db: Database.Database, modelVersionId: number, value: Tolerance & { reason: string; setAt: string; setBy: string }): void {
  db.prepare(
    `INSERT INTO replay_tolerance (model_version_id, atol, rtol, reason, set_at, set_by) VALUES (:id, :atol, :rtol, :reason, :setAt, :setBy)
     ON CONFLICT (model_version_id) DO UPDATE SET atol = :atol, rtol = :rtol, reason = :reason, set_at = :setAt, set_by = :setBy`,
  ).run({ id: modelVersionId, ...value });
}

/** One replay row to store. */
export type NewReplay = Omit<DecisionReplay, 'replayId' | 'decidedAt' | 'model' | 'version' | 'decisionId'> & { decisionRowId: number; modelVersionId: number };

const insertStatements = new WeakMap<Database.Database, Database.Statement>();

/** Store one replay result; returns its id. The statement is prepared once per connection (batches insert thousands). */
export function insertReplay(db: Database.Database, r: NewReplay): number {
  let statement = insertStatements.get(db);
  if (!statement) {
    statement = db.prepare(
      `INSERT INTO replay_entry (decision_id, model_version_id, batch_id, started_at, actor, verdict, max_abs_diff, max_rel_diff,
         tolerance_json, runtime_json, recorded_outputs_json, replayed_outputs_json, recorded_decision, replayed_decision,
         reason_codes_json, artifact_sha256)
       VALUES (:decisionRowId, :modelVersionId, :batchId, :startedAt, :actor, :verdict, :maxAbsDiff, :maxRelDiff, :tolerance,
         :runtime, :recorded, :replayed, :recordedDecision, :replayedDecision, :reasonCodes, :artifactSha256)`,
    );
    insertStatements.set(db, statement);
  }
  const info = statement.run({
      decisionRowId: r.decisionRowId,
      modelVersionId: r.modelVersionId,
      batchId: r.batchId,
      startedAt: r.startedAt,
      actor: r.actor,
      verdict: r.verdict,
      maxAbsDiff: finiteOrNull(r.maxAbsDiff),
      maxRelDiff: finiteOrNull(r.maxRelDiff),
      tolerance: JSON.stringify(r.tolerance),
      runtime: JSON.stringify(r.runtime),
      recorded: JSON.stringify(r.recordedOutputs),
      replayed: JSON.stringify(r.replayedOutputs),
      recordedDecision: r.recordedDecision,
      replayedDecision: r.replayedDecision,
      reasonCodes: r.reasonCodes ? JSON.stringify(r.reasonCodes) : null,
      artifactSha256: r.artifactSha256,
    });
  return Number(info.lastInsertRowid);
}

// SQLite REAL cannot hold NaN, and JSON cannot carry infinities.
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

const ReplayRow = z.object({
  id: z.number().int(),
  decision_uid: z.string(),
  model: z.string(),
  version: z.string(),
  decided_at: z.string(),
  started_at: z.string(),
  actor: z.string(),
  batch_id: z.string().nullable(),
  verdict: z.string(),
  max_abs_diff: z.number().nullable(),
  max_rel_diff: z.number().nullable(),
  tolerance_json: z.string(),
  runtime_json: z.string(),
  recorded_outputs_json: z.string().nullable(),
  replayed_outputs_json: z.string().nullable(),
  recorded_decision: z.string().nullable(),
  replayed_decision: z.string().nullable(),
  reason_codes_json: z.string().nullable(),
  artifact_sha256: z.string().nullable(),
});

/** Stored replays, newest first, filtered by decision, model/version or batch. */
export function listReplays(db: Database.Database, f: { decisionId?: string; model?: string; version?: string; batchId?: string; limit: number }): DecisionReplay[] {
  // Filters become equalities on the view's own columns, which SQLite pushes into both of its branches (and
  // their indexes); a filter through a join would make it read every replay.
  const where: string[] = [];
  const params: Record<string, string | number | null> = { limit: f.limit };
  if (f.decisionId !== undefined) {
    where.push('r.decision_id = (SELECT id FROM decision WHERE decision_uid = :decisionId)');
    params.decisionId = f.decisionId;
  }
  if (f.model !== undefined || f.version !== undefined) {
    where.push(`r.model_version_id IN (SELECT v.id FROM model_version v JOIN registered_model m ON m.id = v.model_id
                 WHERE (:model IS NULL OR m.name = :model) AND (:version IS NULL OR v.version = :version))`);
    params.model = f.model ?? null;
    params.version = f.version ?? null;
  }
  if (f.batchId !== undefined) {
    where.push('r.batch_id = :batchId');
    params.batchId = f.batchId;
  }
  const rows = db
    .prepare(
      `SELECT r.id, d.decision_uid, m.name AS model, v.version, d.decided_at, r.started_at, r.actor, r.batch_id, r.verdict,
              r.max_abs_diff, r.max_rel_diff, r.tolerance_json, r.runtime_json, r.recorded_outputs_json, r.replayed_outputs_json,
              r.recorded_decision, r.replayed_decision, r.reason_codes_json, r.artifact_sha256
       FROM replay r JOIN decision d ON d.id = r.decision_id JOIN model_version v ON v.id = r.model_version_id
       JOIN registered_model m ON m.id = v.model_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.id DESC LIMIT :limit`,
    )
    .all(params);
  return rows.map((raw) => toReplay(ReplayRow.parse(raw)));
}

function toReplay(row: z.infer<typeof ReplayRow>): DecisionReplay {
  return DecisionReplay.parse({
    replayId: row.id,
    decisionId: row.decision_uid,
    model: row.model,
    version: row.version,
    decidedAt: row.decided_at,
    startedAt: row.started_at,
    actor: row.actor,
    batchId: row.batch_id,
    verdict: row.verdict,
    maxAbsDiff: row.max_abs_diff,
    maxRelDiff: row.max_rel_diff,
    recordedOutputs: JSON.parse(row.recorded_outputs_json ?? '{}') as unknown,
    replayedOutputs: JSON.parse(row.replayed_outputs_json ?? '{}') as unknown,
    recordedDecision: row.recorded_decision,
    replayedDecision: row.replayed_decision,
    tolerance: ToleranceUsed.parse(JSON.parse(row.tolerance_json)),
    runtime: RuntimeFingerprint.parse(JSON.parse(row.runtime_json)),
    artifactSha256: row.artifact_sha256,
    reasonCodes: row.reason_codes_json ? ReasonCodes.parse(JSON.parse(row.reason_codes_json)) : null,
  });
}
