import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AttestationRecord, DecisionRecord, OutcomeRecord, RunRecord } from '../../../shared/schemas/bundle';
import { AttestError, locate } from '../core/errors';
import { canonicalJson } from '../core/hashing';
import { attestationSha256, findAttestation } from '../governance/attestations-repo';

/** New rows written per kind (facts already known are skipped, not counted). */
export interface FactCounts {
  runs: number;
  decisions: number;
  outcomes: number;
  attestations: number;
}

const IdRow = z.object({ id: z.number().int() });

const DECISION_INSERT =
  'INSERT INTO decision (decision_uid, model_version_id, decided_at, request_id, inputs_json, outputs_json, decision, attributes_json, snapshot_id)';
const DECISION_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
// A whole chunk of decisions in one statement: the worker sends its rows as one JSON text (UTF-8 bytes, so no
// string lands on this thread's heap) and SQLite unpacks it in C (json_each, as batch replay stores its results);
// the main thread binds one value per chunk instead of nine per row. No ORDER BY: a scan of json_each alone yields
// the array in order, so ids and which of two equal decision ids is kept are as a row-by-row import leaves them
// (decision-import.test.ts holds that); sorting cost about a tenth of the insert. WHERE true: SQLite's rule for
// INSERT ... SELECT with an upsert clause.
const DECISION_CHUNK = (versionId: string) => `${DECISION_INSERT}
  SELECT r.value ->> 0, ${versionId}, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, r.value ->> 6, r.value ->> 7,
    :snapshotId
  FROM json_each(CAST(:rows AS TEXT)) r WHERE true ON CONFLICT (decision_uid) DO NOTHING`;

/**
 * Writes facts that never change once recorded (runs and their params/metrics/tags/datasets, decisions,
 * outcomes, attestations), each stored once with the snapshot that first brought it. Statements are prepared
 * once and reused, because a decision log can hold millions of rows.
 */
export class FactWriter {
  readonly counts: FactCounts = { runs: 0, decisions: 0, outcomes: 0, attestations: 0 };
  private readonly versionIds = new Map<string, number>();
  private last: { model: string; version: string; id: number } | null = null;
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly snapshotId: number,
  ) {
    this.stmt = {
      run: db.prepare(
        `INSERT INTO run (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri, first_snapshot_id)
         VALUES (:runId, :experimentId, :runName, :userId, :status, :startTime, :endTime, :artifactUri, :snapshotId) ON CONFLICT DO NOTHING`,
      ),
      param: db.prepare('INSERT INTO run_param (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      metric: db.prepare(
        'INSERT INTO run_metric (run_id, key, value, value_text, timestamp, step, first_snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      tag: db.prepare('INSERT INTO run_tag (run_id, key, value, first_snapshot_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      dataset: db.prepare(
        `INSERT INTO dataset (name, digest, source_type, source, schema_json, profile_json, first_snapshot_id)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name, digest) DO NOTHING`,
      ),
      datasetId: db.prepare('SELECT id FROM dataset WHERE name = ? AND digest = ?'),
      input: db.prepare('INSERT INTO dataset_input (run_id, dataset_id, context, tags_json) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      version: db.prepare('SELECT v.id FROM model_version v JOIN registered_model m ON m.id = v.model_id WHERE m.name = ? AND v.version = ?'),
      decision: db.prepare(`${DECISION_INSERT} VALUES ${DECISION_ROW} ON CONFLICT (decision_uid) DO NOTHING`),
      // Most chunks name one model version; the id is then bound, not looked up per row.
      decisionChunk: db.prepare(DECISION_CHUNK(':versionId')),
      decisionChunkMixed: db.prepare(DECISION_CHUNK(':versionIds ->> (r.value ->> 1)')),
      outcome: db.prepare(
        `INSERT INTO decision_outcome (decision_id, outcome, observed_at, snapshot_id)
         SELECT id, ?, ?, ? FROM decision WHERE decision_uid = ? ON CONFLICT DO NOTHING`,
      ),
      decisionExists: db.prepare('SELECT 1 FROM decision WHERE decision_uid = ?').pluck(),
      attestation: db.prepare(
        `INSERT INTO attestation (attestation_uid, scope, model_name, model_version, pack_id, role, decision, comment, actor, actor_name, created_at, origin, snapshot_id)
         VALUES (:attestationUid, :scope, :modelName, :modelVersion, :packId, :role, :decision, :comment, :actor, :actorName, :createdAt, 'bundle', :snapshotId)`,
      ),
    };
  }

  /** A run with its params, metric history, tags and dataset inputs. */
  writeRun(r: RunRecord): void {
    const info = this.stmt.run.run({
      runId: r.runId,
      experimentId: r.experimentId ?? null,
      runName: r.runName ?? null,
      userId: r.userId ?? null,
      status: r.status ?? null,
      startTime: r.startTime ?? null,
      endTime: r.endTime ?? null,
      artifactUri: r.artifactUri ?? null,
      snapshotId: this.snapshotId,
    });
    this.counts.runs += info.changes;
    for (const [key, value] of Object.entries(r.params)) this.stmt.param.run(r.runId, key, value);
    for (const m of r.metrics) {
      const numeric = typeof m.value === 'number' ? m.value : null;
      this.stmt.metric.run(r.runId, m.key, numeric, numeric === null ? String(m.value) : null, m.timestamp, m.step, this.snapshotId);
    }
    for (const [key, value] of Object.entries(r.tags)) this.stmt.tag.run(r.runId, key, value, this.snapshotId);
    for (const input of r.datasetInputs) {
      const d = input.dataset;
      const json = (v: unknown) => (v === undefined ? null : canonicalJson(v));
      this.stmt.dataset.run(d.name, d.digest, d.sourceType ?? null, d.source ?? null, json(d.schema), json(d.profile), this.snapshotId);
      const { id } = IdRow.parse(this.stmt.datasetId.get(d.name, d.digest));
      this.stmt.input.run(r.runId, id, input.tags['mlflow.data.context'] ?? '', canonicalJson(input.tags));
    }
  }

  /**
   * One logged decision, row by row; its model version must already be known. Bundle imports write decision
   * logs by chunk (writeDecisionChunk); this is the definition of the row a decision becomes, which the chunk
   * path is tested against byte for byte.
   */
  writeDecision(d: DecisionRecord, where: string, line?: number): void {
    const versionId = this.versionIdOf(d.model, d.version, where, line);
    const row = [d.decisionId, versionId, d.decidedAt, d.requestId ?? null, JSON.stringify(d.inputs), JSON.stringify(d.outputs), d.decision ?? null, JSON.stringify(d.attributes), this.snapshotId];
    this.counts.decisions += this.stmt.decision.run(row).changes;
  }

  /**
   * A chunk of decisions the decision-lines worker checked and encoded (DecisionChunk). Its model versions are
   * resolved here, in order of first use, so an unknown one is refused naming the line a one-thread import
   * would name.
   */
  writeDecisionChunk(rowsJson: Uint8Array, versions: readonly { model: string; version: string; line: number }[], where: string): void {
    const ids = versions.map((v) => this.versionIdOf(v.model, v.version, where, v.line));
    if (ids.length === 0) return;
    const info =
      ids.length === 1
        ? this.stmt.decisionChunk.run({ rows: rowsJson, versionId: ids[0], snapshotId: this.snapshotId })
        : this.stmt.decisionChunkMixed.run({ rows: rowsJson, versionIds: JSON.stringify(ids), snapshotId: this.snapshotId });
    this.counts.decisions += info.changes;
  }

  /** A late outcome of a known decision. */
  writeOutcome(o: OutcomeRecord, where: string, line?: number): void {
    const info = this.stmt.outcome.run(o.outcome, o.observedAt, this.snapshotId, o.decisionId);
    if (info.changes === 0 && this.stmt.decisionExists.get(o.decisionId) === undefined) {
      throw new AttestError('bad-input', `${locate(where, line)}: outcome for decision ${o.decisionId}, which this workspace does not have.`, 'Import the decision log that holds it first.');
    }
    this.counts.outcomes += info.changes;
  }

  /** A sign-off carried in from another workstation. */
  /** A sign-off arriving again must be the same sign-off: recorded attestations never change. */
  writeAttestation(a: AttestationRecord): void {
    const existing = findAttestation(this.db, a.attestationUid);
    if (existing) {
      if (existing.recordSha256 !== attestationSha256(a)) {
        throw new AttestError(
          'integrity',
          `Attestation ${a.attestationUid} is already recorded here with different content (decision, comment, signer or time).`,
          'Recorded attestations never change. Ask the sender which copy is genuine; nothing was imported.',
        );
      }
      return;
    }
    const info = this.stmt.attestation.run({
      ...a,
      modelName: a.modelName ?? null,
      modelVersion: a.modelVersion ?? null,
      packId: a.packId ?? null,
      snapshotId: this.snapshotId,
    });
    this.counts.attestations += info.changes;
  }

  private versionIdOf(model: string, version: string, where: string, line?: number): number {
    // Logs are mostly runs of one version: the last answer is checked before building a map key.
    if (this.last && this.last.model === model && this.last.version === version) return this.last.id;
    const key = `${model}\u0000${version}`;
    const cached = this.versionIds.get(key);
    if (cached !== undefined) {
      this.last = { model, version, id: cached };
      return cached;
    }
    const row = this.stmt.version.get(model, version);
    if (row === undefined) {
      throw new AttestError('bad-input', `${locate(where, line)}: decision for ${model} v${version}, a model version this workspace does not have.`, 'Registry members must come before decision logs, or import the registry first.');
    }
    const { id } = IdRow.parse(row);
    this.versionIds.set(key, id);
    this.last = { model, version, id };
    return id;
  }
}
