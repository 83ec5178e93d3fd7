import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { InventoryPage, InventoryPageQuery, InventorySortKey } from '../../../shared/schemas/registry';
import { SnapshotVerification } from '../../../shared/schemas/registry';
import { END_OF_TIME, validAt } from './as-of';

/** Version rows in force at :at, with their model's state, verification and current aliases. */
const ROWS_IN_FORCE = `
  FROM model_version v
  JOIN model_version_state vs ON vs.model_version_id = v.id AND ${validAt('vs')}
  JOIN registered_model m ON m.id = v.model_id
  JOIN registered_model_state ms ON ms.model_id = m.id AND ${validAt('ms')}
  JOIN snapshot snap ON snap.id = vs.snapshot_id
  LEFT JOIN (
    SELECT a.model_version_id, group_concat(a.alias, char(31)) AS aliases
    FROM alias_assignment a WHERE ${validAt('a')} GROUP BY a.model_version_id
  ) al ON al.model_version_id = v.id`;

const FILTER = `
  WHERE (:text = '' OR instr(lower(m.name || char(31) || coalesce(ms.owner, '') || char(31) || coalesce(ms.use_case, '') || char(31)
          || coalesce(ms.risk_tier, '') || char(31) || coalesce(vs.stage, '') || char(31) || coalesce(al.aliases, '') || char(31) || 'v' || v.version), :text) > 0)
    AND (:riskTier = '' OR ms.risk_tier = :riskTier)
    AND (:owner = '' OR ms.owner = :owner)
    AND (:alias = '' OR instr(char(31) || coalesce(al.aliases, '') || char(31), char(31) || :alias || char(31)) > 0)
    AND (:overdueOnly = 0 OR (ms.next_validation_due IS NOT NULL AND ms.next_validation_due < :reference))`;

// Whitelisted ORDER BY clauses: user input never reaches SQL text. Ties: model name, then newest version.
const ORDER: Record<InventorySortKey, string> = {
  model: 'm.name',
  version: 'CAST(v.version AS INTEGER)',
  stage: "coalesce(vs.stage, '')",
  riskTier: "coalesce(ms.risk_tier, '')",
  owner: "coalesce(ms.owner, '')",
  lastValidatedAt: "coalesce(ms.last_validated_at, '')",
  createdAt: 'v.created_at',
  decisions: '(SELECT count(*) FROM decision d WHERE d.model_version_id = v.id AND d.decided_at <= :at)',
};

const Row = z.object({
  model: z.string(),
  use_case: z.string().nullable(),
  risk_tier: z.string().nullable(),
  owner: z.string().nullable(),
  last_validated_at: z.string().nullable(),
  next_validation_due: z.string().nullable(),
  id: z.number().int(),
  version: z.string(),
  created_at: z.string(),
  stage: z.string().nullable(),
  status: z.string().nullable(),
  source_run_id: z.string().nullable(),
  artifact_sha256: z.string().nullable(),
  framework: z.string().nullable(),
  verification: SnapshotVerification,
  aliases: z.string().nullable(),
});

/**
 * One window of the inventory, filtered, counted and sorted by SQLite, so the console never loads the whole
 * registry to show the part of it that fits on screen. Decision counts are computed for the window only.
 */
export function queryInventoryPage(db: Database.Database, at: string | null, now: string, request: InventoryPageQuery): Omit<InventoryPage, 'asOf'> {
  const params = {
    at: at ?? END_OF_TIME,
    reference: at ?? now,
    text: request.text.trim().toLowerCase(),
    riskTier: request.riskTier,
    owner: request.owner,
    alias: request.alias,
    overdueOnly: request.isOverdueOnly ? 1 : 0,
  };
  const raw = db.prepare(pageSql(request)).all({ ...params, limit: request.limit, offset: request.offset }) as Record<string, unknown>[];
  // The totals row always comes back; its page columns are NULL when the window is empty.
  const totals = z.object({ total: z.number().int(), models: z.number().int() }).parse(raw[0]);
  const rows = z.array(Row).parse(raw.filter((r) => r.id !== null));
  const countOf = db.prepare('SELECT count(*) AS n FROM decision WHERE model_version_id = ? AND decided_at <= ?');
  return {
    total: totals.total,
    modelCount: totals.models,
    offset: request.offset,
    rows: rows.map((r) => ({
      model: r.model,
      useCase: r.use_case,
      riskTier: r.risk_tier,
      owner: r.owner,
      lastValidatedAt: r.last_validated_at,
      isValidationOverdue: r.next_validation_due !== null && r.next_validation_due < params.reference,
      version: r.version,
      createdAt: r.created_at,
      stage: r.stage,
      status: r.status,
      aliases: r.aliases ? r.aliases.split('\u001f').sort() : [],
      sourceRunId: r.source_run_id,
      artifactSha256: r.artifact_sha256,
      framework: r.framework,
      decisionCount: (countOf.get(r.id, params.at) as { n: number }).n,
      verification: r.verification,
    })),
    facets: readFacets(db, params.at),
  };
}

/** One filtering pass: matching rows are materialised once, then counted and windowed in the same statement. */
function pageSql(request: InventoryPageQuery): string {
  const direction = request.isDescending ? 'DESC' : 'ASC';
  return `WITH matched AS MATERIALIZED (
      SELECT m.id AS model_id, m.name AS model, ms.use_case, ms.risk_tier, ms.owner, ms.last_validated_at, ms.next_validation_due,
             v.id, v.version, v.created_at, vs.stage, vs.status, v.source_run_id, v.artifact_sha256, v.framework,
             snap.verification, al.aliases, ${ORDER[request.sort]} AS sort_value
      ${ROWS_IN_FORCE} ${FILTER}
    ),
    totals AS (SELECT count(*) AS total, count(DISTINCT model_id) AS models FROM matched),
    page AS (SELECT * FROM matched ORDER BY sort_value ${direction}, model, CAST(version AS INTEGER) DESC LIMIT :limit OFFSET :offset)
    SELECT totals.total, totals.models, page.* FROM totals LEFT JOIN page ON 1
    ORDER BY page.sort_value ${direction}, page.model, CAST(page.version AS INTEGER) DESC`;
}

function readFacets(db: Database.Database, at: string): InventoryPage['facets'] {
  const column = (sql: string) => z.array(z.object({ v: z.string() })).parse(db.prepare(sql).all({ at })).map((r) => r.v);
  return {
    riskTiers: column(`SELECT DISTINCT s.risk_tier AS v FROM registered_model_state s WHERE ${validAt('s')} AND s.risk_tier IS NOT NULL ORDER BY v`),
    owners: column(`SELECT DISTINCT s.owner AS v FROM registered_model_state s WHERE ${validAt('s')} AND s.owner IS NOT NULL ORDER BY v`),
    aliases: column(`SELECT DISTINCT a.alias AS v FROM alias_assignment a WHERE ${validAt('a')} ORDER BY v`),
  };
}
