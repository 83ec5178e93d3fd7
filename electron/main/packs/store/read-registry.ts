import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DatasetProfile, DecisionRule, Tolerance, DECISION_RULE_TAG, TOLERANCE_TAG } from '../../../../shared/schemas/bundle';
import type { Provenance } from '../../../../shared/schemas/pack';
import { AttestError } from '../../core/errors';
import { validAt } from '../../store/as-of';
import type { SourceDataset, SourceEdge, SourceModel, SourceRun, SourceVersion, StageEvent } from '../source-types';
import { parseJsonOr, rows } from './sql';

const N = z.string().nullable();

/** Provenance of one row; `snap` is the content hash of the snapshot that recorded it. */
export function prov(table: string, rowId: string | number, recordedAt: string | null, snap: string | null): Provenance {
  return { table, rowId: String(rowId), recordedAt, snapshotSha256: snap };
}

const ModelRow = z.object({
  id: z.number(), name: z.string(), created_at: z.string(), state_id: z.number().nullable(), valid_from: N, snap: N,
  description: N, owner: N, use_case: N, risk_tier: N, last_validated_at: N, next_validation_due: N,
});

/** The registered model and its governance state in force at `at`. */
export function readModel(db: Database.Database, name: string, at: string): SourceModel {
  const [m] = rows(db, ModelRow,
    `SELECT m.id, m.name, m.created_at, s.id AS state_id, s.valid_from, snap.content_sha256 AS snap, s.description,
            s.owner, s.use_case, s.risk_tier, s.last_validated_at, s.next_validation_due
     FROM registered_model m
     LEFT JOIN registered_model_state s ON s.model_id = m.id AND ${validAt('s')}
     LEFT JOIN snapshot snap ON snap.id = s.snapshot_id
     WHERE m.name = :name AND m.created_at <= :at`, { name, at });
  if (!m) throw new AttestError('not-found', `No registered model named "${name}" as of ${at}.`, 'Check the name with `attest models`.');
  return {
    id: m.id, name: m.name, createdAt: m.created_at, description: m.description, owner: m.owner, useCase: m.use_case,
    riskTier: m.risk_tier, lastValidatedAt: m.last_validated_at, nextValidationDue: m.next_validation_due,
    provenance: m.state_id === null ? null : prov('registered_model_state', m.state_id, m.valid_from, m.snap),
  };
}

const VersionRow = z.object({
  id: z.number(), version: z.string(), created_at: z.string(), source_run_id: N, artifact_uri: N, artifact_sha256: N,
  framework: N, onnx_opset: z.number().nullable(), signature_json: N, state_id: z.number().nullable(), stage: N,
  status: N, tags_json: N, valid_from: N, snap: z.string(),
});

/** The model version with its state and aliases at `at`. */
export function readVersion(db: Database.Database, modelId: number, version: string, at: string): SourceVersion {
  const [v] = rows(db, VersionRow,
    `SELECT v.id, v.version, v.created_at, v.source_run_id, v.artifact_uri, v.artifact_sha256, v.framework, v.onnx_opset,
            v.signature_json, s.id AS state_id, s.stage, s.status, s.tags_json, s.valid_from, snap.content_sha256 AS snap
     FROM model_version v JOIN snapshot snap ON snap.id = v.first_snapshot_id
     LEFT JOIN model_version_state s ON s.model_version_id = v.id AND ${validAt('s')}
     WHERE v.model_id = :modelId AND v.version = :version AND v.created_at <= :at`, { modelId, version, at });
  if (!v) throw new AttestError('not-found', `No version "${version}" of this model as of ${at}.`, 'Check the version with `attest models`.');
  const tags = z.record(z.string(), z.string()).catch({}).parse(parseJsonOr(v.tags_json, {}));
  const signature = z.object({ inputs: z.array(z.object({ name: z.string() }).loose()) }).loose().nullable().catch(null)
    .parse(parseJsonOr(v.signature_json, null));
  return {
    id: v.id, version: v.version, createdAt: v.created_at, sourceRunId: v.source_run_id, artifactUri: v.artifact_uri,
    artifactSha256: v.artifact_sha256, framework: v.framework, onnxOpset: v.onnx_opset,
    signatureInputs: signature?.inputs.map((i) => i.name) ?? [], stage: v.stage, status: v.status, tags,
    aliases: readAliases(db, v.id, at),
    decisionRule: DecisionRule.nullable().catch(null).parse(parseJsonOr(tags[DECISION_RULE_TAG] ?? null, null)),
    tolerance: Tolerance.nullable().catch(null).parse(parseJsonOr(tags[TOLERANCE_TAG] ?? null, null)),
    provenance: prov('model_version', v.id, v.created_at, v.snap),
  };
}

/** Aliases carried by a version at `at`. */
export function readAliases(db: Database.Database, versionId: number, at: string): string[] {
  return rows(db, z.object({ alias: z.string() }),
    `SELECT a.alias FROM alias_assignment a WHERE a.model_version_id = :versionId AND ${validAt('a')} ORDER BY a.alias`,
    { versionId, at }).map((r) => r.alias);
}

/** Stage of a version at `at` (for Pack C: the stage at decision time). */
export function readStageAt(db: Database.Database, versionId: number, at: string): string | null {
  const [r] = rows(db, z.object({ stage: N }),
    `SELECT s.stage FROM model_version_state s WHERE s.model_version_id = :versionId AND ${validAt('s')}`, { versionId, at });
  return r?.stage ?? null;
}

const HistoryRow = z.object({ id: z.number(), version: z.string(), stage: N, status: N, valid_from: z.string(), valid_to: N, snap: z.string() });

/** Every version of the model and every stage change recorded up to `at`, oldest first. */
export function readHistory(db: Database.Database, modelId: number, at: string): { versions: SourceVersionBrief[]; stages: StageEvent[] } {
  const versions = rows(db, z.object({ id: z.number(), version: z.string(), created_at: z.string(), snap: z.string() }),
    `SELECT v.id, v.version, v.created_at, snap.content_sha256 AS snap FROM model_version v
     JOIN snapshot snap ON snap.id = v.first_snapshot_id WHERE v.model_id = :modelId AND v.created_at <= :at
     ORDER BY v.created_at, v.id`, { modelId, at });
  const stages = rows(db, HistoryRow,
    `SELECT s.id, v.version, s.stage, s.status, s.valid_from, CASE WHEN s.valid_to > :at THEN NULL ELSE s.valid_to END AS valid_to,
            snap.content_sha256 AS snap
     FROM model_version_state s JOIN model_version v ON v.id = s.model_version_id JOIN snapshot snap ON snap.id = s.snapshot_id
     WHERE v.model_id = :modelId AND s.valid_from <= :at ORDER BY s.valid_from, s.id`, { modelId, at });
  return {
    versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at, provenance: prov('model_version', v.id, v.created_at, v.snap) })),
    stages: stages.map((s) => ({
      version: s.version, stage: s.stage, status: s.status, validFrom: s.valid_from, validTo: s.valid_to,
      provenance: prov('model_version_state', s.id, s.valid_from, s.snap),
    })),
  };
}

export interface SourceVersionBrief {
  version: string;
  createdAt: string;
  provenance: Provenance;
}

/** The training run of the version with params, metrics and tags recorded up to `at`. */
export function readRun(db: Database.Database, runId: string | null, at: string): SourceRun | null {
  if (runId === null) return null;
  const [r] = rows(db, z.object({ run_id: z.string(), run_name: N, user_id: N, status: N, start_time: N, end_time: N, snap: z.string(), observed_at: z.string() }),
    `SELECT r.run_id, r.run_name, r.user_id, r.status, r.start_time, r.end_time, snap.content_sha256 AS snap, snap.observed_at
     FROM run r JOIN snapshot snap ON snap.id = r.first_snapshot_id WHERE r.run_id = :runId AND snap.observed_at <= :at`, { runId, at });
  if (!r) return null;
  const params = rows(db, z.object({ key: z.string(), value: z.string() }), 'SELECT key, value FROM run_param WHERE run_id = :runId ORDER BY key', { runId });
  const metrics = rows(db, z.object({ key: z.string(), value: z.number().nullable(), timestamp: z.string(), step: z.number(), snap: z.string() }),
    `SELECT m.key, m.value, m.timestamp, m.step, snap.content_sha256 AS snap FROM run_metric m
     JOIN snapshot snap ON snap.id = m.first_snapshot_id WHERE m.run_id = :runId AND snap.observed_at <= :at
     ORDER BY m.key, m.timestamp, m.step`, { runId, at });
  const tags = rows(db, z.object({ key: z.string(), value: z.string() }),
    `SELECT t.key, t.value FROM run_tag t JOIN snapshot snap ON snap.id = t.first_snapshot_id
     WHERE t.run_id = :runId AND snap.observed_at <= :at ORDER BY t.key, t.value`, { runId, at });
  const runProv = prov('run', r.run_id, r.observed_at, r.snap);
  return {
    runId: r.run_id, runName: r.run_name, userId: r.user_id, status: r.status, startTime: r.start_time, endTime: r.end_time,
    params, tags: Object.fromEntries(tags.map((t) => [t.key, t.value])), provenance: runProv,
    metrics: metrics.map((m) => ({
      key: m.key, value: m.value, timestamp: m.timestamp, step: m.step,
      provenance: prov('run_metric', `${r.run_id}/${m.key}@${m.timestamp}#${m.step}`, m.timestamp, m.snap),
    })),
  };
}

/** Datasets the run used (train/eval/test contexts), with their recorded schema and profile. */
export function readDatasets(db: Database.Database, runId: string | null, at: string): SourceDataset[] {
  if (runId === null) return [];
  const found = rows(db, z.object({ id: z.number(), name: z.string(), digest: z.string(), context: z.string(), source_type: N, source: N, schema_json: N, profile_json: N, snap: z.string(), observed_at: z.string() }),
    `SELECT d.id, d.name, d.digest, i.context, d.source_type, d.source, d.schema_json, d.profile_json,
            snap.content_sha256 AS snap, snap.observed_at
     FROM dataset_input i JOIN dataset d ON d.id = i.dataset_id JOIN snapshot snap ON snap.id = d.first_snapshot_id
     WHERE i.run_id = :runId AND snap.observed_at <= :at ORDER BY i.context, d.name, d.id`, { runId, at });
  return found.map((d) => ({
    id: d.id, name: d.name, digest: d.digest, context: d.context, sourceType: d.source_type, source: d.source,
    schemaFields: schemaFieldNames(parseJsonOr(d.schema_json, null)),
    profile: DatasetProfile.nullable().catch(null).parse(parseJsonOr(d.profile_json, null)),
    provenance: prov('dataset', d.id, d.observed_at, d.snap),
  }));
}

function schemaFieldNames(schema: unknown): string[] {
  const parsed = z.union([
    z.object({ fields: z.array(z.object({ name: z.string() }).loose()) }).loose().transform((s) => s.fields.map((f) => f.name)),
    z.object({ mlflow_colspec: z.array(z.object({ name: z.string() }).loose()) }).loose().transform((s) => s.mlflow_colspec.map((f) => f.name)),
    z.array(z.object({ name: z.string() }).loose()).transform((s) => s.map((f) => f.name)),
  ]).safeParse(schema);
  return parsed.success ? parsed.data : [];
}

/** Lineage edges that mention the model, the version's run or its datasets, observed up to `at`. */
export function readLineage(db: Database.Database, needles: string[], at: string): SourceEdge[] {
  const terms = needles.filter((n) => n.length > 0);
  if (terms.length === 0) return [];
  const where = terms.map((_, i) => `(instr(e.from_node, :n${i}) > 0 OR instr(e.to_node, :n${i}) > 0)`).join(' OR ');
  const params = Object.fromEntries(terms.map((t, i) => [`n${i}`, t]));
  return rows(db, z.object({ id: z.number(), from_node: z.string(), to_node: z.string(), edge_type: z.string(), observed_at: z.string(), snap: z.string() }),
    `SELECT e.id, e.from_node, e.to_node, e.edge_type, e.observed_at, snap.content_sha256 AS snap
     FROM lineage_edge e JOIN snapshot snap ON snap.id = e.snapshot_id
     WHERE e.observed_at <= :at AND (${where}) ORDER BY e.edge_type, e.from_node, e.to_node`, { at, ...params })
    .map((e) => ({ from: e.from_node, to: e.to_node, type: e.edge_type, provenance: prov('lineage_edge', e.id, e.observed_at, e.snap) }));
}
