import type Database from 'better-sqlite3';
import { z } from 'zod';
import { FeatureValue } from '../../../shared/schemas/bundle';
import { asOfInstant } from '../../../shared/schemas/common';
import { type DecisionSearchRequest, type DecisionSummary, DecisionVerdict } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';

/** A logged decision with its parsed inputs and outputs. */
export interface StoredDecision {
  id: number;
  uid: string;
  modelVersionId: number;
  model: string;
  version: string;
  decidedAt: string;
  requestId: string | null;
  inputs: Record<string, z.infer<typeof FeatureValue>>;
  outputs: Record<string, unknown>;
  decision: string | null;
  attributes: Record<string, unknown>;
}

const Row = z.object({
  id: z.number().int(),
  decision_uid: z.string(),
  model_version_id: z.number().int(),
  model: z.string(),
  version: z.string(),
  decided_at: z.string(),
  request_id: z.string().nullable(),
  inputs_json: z.string(),
  outputs_json: z.string(),
  decision: z.string().nullable(),
  attributes_json: z.string(),
});

const SELECT = `SELECT d.id, d.decision_uid, d.model_version_id, m.name AS model, v.version, d.decided_at, d.request_id,
                       d.inputs_json, d.outputs_json, d.decision, d.attributes_json
                FROM decision d JOIN model_version v ON v.id = d.model_version_id JOIN registered_model m ON m.id = v.model_id`;

// Built once: constructing zod schemas per row cost more than parsing 20 000 decisions.
const Inputs = z.record(z.string(), FeatureValue);
const JsonRecord = z.record(z.string(), z.unknown());

function toDecision(raw: unknown): StoredDecision {
  const row = Row.parse(raw);
  return {
    id: row.id,
    uid: row.decision_uid,
    modelVersionId: row.model_version_id,
    model: row.model,
    version: row.version,
    decidedAt: row.decided_at,
    requestId: row.request_id,
    inputs: Inputs.parse(JSON.parse(row.inputs_json)),
    outputs: JsonRecord.parse(JSON.parse(row.outputs_json)),
    decision: row.decision,
    attributes: JsonRecord.parse(JSON.parse(row.attributes_json)),
  };
}

/** One decision by its id as logged (decision_uid). */
export function getDecision(db: Database.Database, uid: string): StoredDecision {
  const raw = db.prepare(`${SELECT} WHERE d.decision_uid = :uid`).get({ uid });
  if (!raw) {
    throw new AttestError('not-found', `No decision with id "${uid}" in this workspace.`, 'Search decisions with `attest replay --model NAME --version V`, or import the bundle that logged it.');
  }
  return toDecision(raw);
}

/** A date bound as an instant: a bare start date means its first millisecond, a bare end date its last. */
export function boundInstant(value: string | undefined, edge: 'from' | 'to'): string | null {
  if (value === undefined) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return edge === 'from' ? `${value}T00:00:00.000Z` : asOfInstant(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AttestError('bad-input', `"${value}" is not a date.`, 'Use YYYY-MM-DD or an ISO 8601 date-time.');
  return date.toISOString();
}

const SummaryRow = z.object({
  decision_uid: z.string(),
  model: z.string(),
  version: z.string(),
  decided_at: z.string(),
  request_id: z.string().nullable(),
  decision: z.string().nullable(),
  last_verdict: DecisionVerdict.nullable(),
});

/** Search logged decisions for the Replay screen, newest first, with each one's latest replay verdict. */
export function searchDecisions(db: Database.Database, request: DecisionSearchRequest): DecisionSummary[] {
  const rows = db
    .prepare(
      `SELECT d.decision_uid, m.name AS model, v.version, d.decided_at, d.request_id, d.decision,
              (SELECT e.verdict FROM replay_entry e WHERE e.decision_id = d.id
                 AND (e.model_version_id IS NOT NULL OR EXISTS (SELECT 1 FROM replay_batch b WHERE b.id = e.batch_id))
               ORDER BY e.id DESC LIMIT 1) AS last_verdict
       FROM decision d JOIN model_version v ON v.id = d.model_version_id JOIN registered_model m ON m.id = v.model_id
       WHERE (:model IS NULL OR m.name = :model) AND (:version IS NULL OR v.version = :version)
         AND (:from IS NULL OR d.decided_at >= :from) AND (:to IS NULL OR d.decided_at <= :to)
         AND (:decision IS NULL OR d.decision = :decision)
         AND (:query IS NULL OR d.decision_uid LIKE :query || '%' OR d.request_id LIKE :query || '%')
       ORDER BY d.decided_at DESC, d.id DESC LIMIT :limit`,
    )
    .all({
      model: request.model ?? null,
      version: request.version ?? null,
      from: boundInstant(request.from, 'from'),
      to: boundInstant(request.to, 'to'),
      decision: request.decision ?? null,
      query: request.query ?? null,
      limit: request.limit,
    });
  return z
    .array(SummaryRow)
    .parse(rows)
    .map((r) => ({
      decisionId: r.decision_uid,
      model: r.model,
      version: r.version,
      decidedAt: r.decided_at,
      requestId: r.request_id,
      decision: r.decision,
      lastVerdict: r.last_verdict,
    }));
}
