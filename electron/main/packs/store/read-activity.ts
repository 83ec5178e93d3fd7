import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { DecisionRule } from '../../../../shared/schemas/bundle';
import { NarrativeRecord, OfficerRole } from '../../../../shared/schemas/pack';
import type { DecisionStats, PackSource, SourceAttestation, SourceDecision, SourceReplay } from '../source-types';
import { prov } from './read-registry';
import { hasTable, parseJsonOr, rows } from './sql';

const N = z.string().nullable();
const JsonObject = z.record(z.string(), z.unknown()).catch({});

/** The latest snapshot observed up to `at`: the registry state the pack describes. */
export function readSnapshot(db: Database.Database, at: string): PackSource['snapshot'] {
  const [s] = rows(db, z.object({ id: z.number(), content_sha256: z.string(), observed_at: z.string(), verification: z.string() }),
    `SELECT id, content_sha256, observed_at, verification FROM snapshot WHERE observed_at <= :at ORDER BY observed_at DESC, id DESC LIMIT 1`, { at });
  return s ? { id: s.id, sha256: s.content_sha256, observedAt: s.observed_at, verification: s.verification } : null;
}

/**
 * The instant the workspace state ends at: the latest recorded time of anything a pack can print. Used as the
 * as-of when none is given, so the same state always gives the same pack (never the wall clock).
 */
export function readStateInstant(db: Database.Database): string {
  const parts = [
    'SELECT max(observed_at) AS t FROM snapshot',
    'SELECT max(created_at) AS t FROM attestation',
    // Not the replay view: a batch's rows take their time from the batch row, and the view would join them all.
    'SELECT max(started_at) AS t FROM replay_entry',
    'SELECT max(started_at) AS t FROM replay_batch',
    ...(hasTable(db, 'pack_narrative') ? ['SELECT max(recorded_at) AS t FROM pack_narrative'] : []),
    // Monitoring computed locally is evidence too: without it a pack made right after `attest monitor` would omit it.
    ...(hasTable(db, 'monitoring_run') ? ['SELECT max(computed_at) AS t FROM monitoring_run'] : []),
  ];
  const [r] = rows(db, z.object({ t: N }), `SELECT max(t) AS t FROM (${parts.join(' UNION ALL ')})`);
  return r?.t ?? '1970-01-01T00:00:00.000Z';
}

/** Extract the model score from recorded outputs the way the decision rule reads it. */
export function scoreOf(outputs: Record<string, unknown>, rule: DecisionRule | null): number | null {
  if (rule === null) return null;
  const raw = outputs[rule.output];
  const flat = Array.isArray(raw) ? (raw as unknown[]).flat(3) : [raw];
  const value = flat[rule.index];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const MAX_SCORES = 200_000;

/** Decision counts, period, scores and matured outcomes of a version up to `at`. */
export function readDecisionStats(db: Database.Database, versionId: number, at: string, rule: DecisionRule | null): DecisionStats {
  const [agg] = rows(db, z.object({ n: z.number(), first: N, last: N, first_id: z.number().nullable(), snap: N }),
    `SELECT a.n, a.first, a.last, a.first_id, s.content_sha256 AS snap FROM
       (SELECT count(*) AS n, min(d.decided_at) AS first, max(d.decided_at) AS last, min(d.id) AS first_id, max(d.snapshot_id) AS snap_id
        FROM decision d WHERE d.model_version_id = :versionId AND d.decided_at <= :at) a
     LEFT JOIN snapshot s ON s.id = a.snap_id`, { versionId, at });
  const scores: number[] = [];
  if (rule !== null) {
    const stmt = db.prepare(`SELECT outputs_json FROM decision WHERE model_version_id = :versionId AND decided_at <= :at ORDER BY decided_at, id LIMIT ${MAX_SCORES}`);
    for (const row of stmt.iterate({ versionId, at }) as Iterable<{ outputs_json: string }>) {
      const score = scoreOf(JsonObject.parse(parseJsonOr(row.outputs_json, {})), rule);
      if (score !== null) scores.push(score);
    }
  }
  const outcomes = rows(db, z.object({ outcome: z.string(), count: z.number() }),
    `SELECT o.outcome, count(*) AS count FROM decision_outcome o JOIN decision d ON d.id = o.decision_id
     WHERE d.model_version_id = :versionId AND o.observed_at <= :at GROUP BY o.outcome ORDER BY o.outcome`, { versionId, at });
  const count = agg?.n ?? 0;
  return {
    count, first: agg?.first ?? null, last: agg?.last ?? null, scores, outcomes,
    provenance: count > 0 && agg?.first_id != null ? [prov('decision', `model_version_id=${versionId} (${count} rows)`, agg.last, agg.snap)] : [],
  };
}

const DecisionRow = z.object({
  id: z.number(), decision_uid: z.string(), decided_at: z.string(), request_id: N, inputs_json: z.string(),
  outputs_json: z.string(), decision: N, attributes_json: z.string(), snap: z.string(), model_version_id: z.number(),
});

/** One logged decision by its id, if it was recorded by `at`. */
export function readDecision(db: Database.Database, uid: string, at: string): (SourceDecision & { modelVersionId: number }) | null {
  const [d] = rows(db, DecisionRow,
    `SELECT d.*, snap.content_sha256 AS snap FROM decision d JOIN snapshot snap ON snap.id = d.snapshot_id
     WHERE d.decision_uid = :uid AND snap.observed_at <= :at`, { uid, at });
  if (!d) return null;
  return {
    id: d.id, uid: d.decision_uid, decidedAt: d.decided_at, requestId: d.request_id, inputsJson: d.inputs_json,
    inputs: JsonObject.parse(parseJsonOr(d.inputs_json, {})), outputs: JsonObject.parse(parseJsonOr(d.outputs_json, {})),
    decision: d.decision, attributes: JsonObject.parse(parseJsonOr(d.attributes_json, {})), modelVersionId: d.model_version_id,
    provenance: prov('decision', d.id, d.decided_at, d.snap),
  };
}

const ReplayRow = z.object({
  id: z.number(), decision_id: z.number().nullable(), started_at: z.string(), actor: z.string(), verdict: z.string(),
  max_abs_diff: z.number().nullable(), max_rel_diff: z.number().nullable(), tolerance_json: z.string(), runtime_json: z.string(),
  recorded_outputs_json: N, replayed_outputs_json: N, recorded_decision: N, replayed_decision: N, reason_codes_json: N, artifact_sha256: N,
});

/** Replays of the version (or of one decision) run up to `at`, newest first. */
export function readReplays(db: Database.Database, versionId: number, decisionId: number | null, at: string): SourceReplay[] {
  const filter = decisionId === null ? '' : 'AND r.decision_id = :decisionId';
  return rows(db, ReplayRow, `SELECT r.* FROM replay r WHERE r.model_version_id = :versionId ${filter} AND r.started_at <= :at
     ORDER BY r.started_at DESC, r.id DESC`, { versionId, at, ...(decisionId === null ? {} : { decisionId }) })
    .map((r) => ({
      id: r.id, decisionId: r.decision_id, startedAt: r.started_at, actor: r.actor, verdict: r.verdict,
      maxAbsDiff: r.max_abs_diff, maxRelDiff: r.max_rel_diff, tolerance: parseJsonOr(r.tolerance_json, null),
      runtime: JsonObject.parse(parseJsonOr(r.runtime_json, {})), recordedOutputs: parseJsonOr(r.recorded_outputs_json, null),
      replayedOutputs: parseJsonOr(r.replayed_outputs_json, null), recordedDecision: r.recorded_decision,
      replayedDecision: r.replayed_decision, reasonCodes: parseJsonOr(r.reason_codes_json, null), artifactSha256: r.artifact_sha256,
      provenance: prov('replay', r.id, r.started_at, null),
    }));
}

/** Sign-offs on the version (and on packs of it) recorded up to `at`. */
export function readAttestations(db: Database.Database, model: string, version: string, at: string): SourceAttestation[] {
  return rows(db, z.object({ id: z.number(), role: z.string(), decision: z.string(), actor_name: z.string(), comment: z.string(), created_at: z.string(), pack_id: N, snap: N }),
    `SELECT a.id, a.role, a.decision, a.actor_name, a.comment, a.created_at, a.pack_id, s.content_sha256 AS snap
     FROM attestation a LEFT JOIN snapshot s ON s.id = a.snapshot_id
     WHERE a.model_name = :model AND a.model_version = :version AND a.created_at <= :at ORDER BY a.created_at, a.id`, { model, version, at })
    .map((a) => ({
      role: a.role, decision: a.decision, actorName: a.actor_name, comment: a.comment, createdAt: a.created_at, packId: a.pack_id,
      provenance: prov('attestation', a.id, a.created_at, a.snap),
    }));
}

const NarrativeRow = z.object({
  id: z.number(), model_name: z.string(), model_version: z.string(), subject: z.string(), key: z.string(), revision: z.number(),
  text: z.string(), not_applicable: z.number(), doc_json: N, author: z.string(), author_name: z.string(), role: OfficerRole, recorded_at: z.string(),
});

/** Map a stored row to the shared record shape. */
export function toNarrativeRecord(r: z.output<typeof NarrativeRow>): NarrativeRecord {
  return NarrativeRecord.parse({
    id: r.id, model: r.model_name, version: r.model_version, subject: r.subject, key: r.key, text: r.text,
    notApplicable: r.not_applicable === 1, doc: parseJsonOr(r.doc_json, null), author: r.author, authorName: r.author_name,
    role: r.role, revision: r.revision, at: r.recorded_at,
  });
}

/**
 * The officer entries in force at `at` (newest revision per key), keyed `key` for version-level entries and
 * `key@subject` for decision-level ones.
 */
export function readNarratives(db: Database.Database, model: string, version: string, at: string): Map<string, NarrativeRecord> {
  const found = rows(db, NarrativeRow,
    `SELECT n.* FROM pack_narrative n WHERE n.model_name = :model AND n.model_version = :version AND n.recorded_at <= :at
       AND n.revision = (SELECT max(m.revision) FROM pack_narrative m WHERE m.model_name = n.model_name
         AND m.model_version = n.model_version AND m.subject = n.subject AND m.key = n.key AND m.recorded_at <= :at)
     ORDER BY n.key, n.subject`, { model, version, at });
  return new Map(found.map((r) => [r.subject === '' ? r.key : `${r.key}@${r.subject}`, toNarrativeRecord(r)]));
}

export { NarrativeRow };

/** The stored artifact record matching the version's artifact hash, if the artifact was imported. */
export function readArtifact(db: Database.Database, sha256: string | null, at: string): PackSource['artifact'] {
  if (sha256 === null) return null;
  const [a] = rows(db, z.object({ sha256: z.string(), size_bytes: z.number(), snap: z.string(), observed_at: z.string() }),
    `SELECT a.sha256, a.size_bytes, s.content_sha256 AS snap, s.observed_at FROM artifact a JOIN snapshot s ON s.id = a.first_snapshot_id
     WHERE a.sha256 = :sha256 AND s.observed_at <= :at`, { sha256, at });
  return a ? { sha256: a.sha256, sizeBytes: a.size_bytes, provenance: prov('artifact', a.sha256, a.observed_at, a.snap) } : null;
}
