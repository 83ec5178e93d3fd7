import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { InventoryPage, InventoryPageQuery, InventoryPageRow, InventorySortKey } from '../../../shared/schemas/registry';
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
  decision_count: z.number().int(),
});

/** A version row in force, with what filtering and sorting need precomputed once per cache fill. */
interface CachedRow {
  row: InventoryPageRow;
  haystack: string;
  nextValidationDue: string | null;
}

interface CacheEntry {
  key: string;
  rows: CachedRow[];
  facets: InventoryPage['facets'];
  /** The rows in each order asked for so far ("model:asc" ...): sorted once, then filtered per keystroke. */
  orders: Map<string, CachedRow[]>;
}

// One cache per connection. Its key changes with any commit by another connection (imports run on their own)
// and with every new snapshot, so a cached answer is never older than the database.
const cache = new WeakMap<Database.Database, CacheEntry>();

/**
 * One window of the inventory at `at` (null = now), filtered, counted and sorted. The rows in force are read once
 * per database state and kept, and sorted once per order asked for, so each keystroke in the console costs an
 * in-memory filter of rows already in order: no query, no sort.
 */
export function queryInventoryPage(db: Database.Database, at: string | null, now: string, request: InventoryPageQuery): Omit<InventoryPage, 'asOf'> {
  const entry = rowsInForce(db, at ?? END_OF_TIME);
  const reference = at ?? now;
  const text = request.text.trim().toLowerCase();
  const matched = inOrder(entry, request.sort, request.isDescending).filter(
    (r) =>
      (text === '' || r.haystack.includes(text)) &&
      (request.riskTier === '' || r.row.riskTier === request.riskTier) &&
      (request.owner === '' || r.row.owner === request.owner) &&
      (request.alias === '' || r.row.aliases.includes(request.alias)) &&
      (!request.isOverdueOnly || (r.nextValidationDue !== null && r.nextValidationDue < reference)),
  );
  return {
    total: matched.length,
    modelCount: new Set(matched.map((r) => r.row.model)).size,
    offset: request.offset,
    rows: matched.slice(request.offset, request.offset + request.limit).map((r) => ({
      ...r.row,
      isValidationOverdue: r.nextValidationDue !== null && r.nextValidationDue < reference,
    })),
    facets: entry.facets,
  };
}

const SORT_VALUE: Record<InventorySortKey, (r: InventoryPageRow) => string | number> = {
  model: (r) => r.model,
  version: (r) => Number(r.version) || 0,
  stage: (r) => r.stage ?? '',
  riskTier: (r) => r.riskTier ?? '',
  owner: (r) => r.owner ?? '',
  lastValidatedAt: (r) => r.lastValidatedAt ?? '',
  createdAt: (r) => r.createdAt,
  decisions: (r) => r.decisionCount,
};

/** The cached rows sorted by `key` (then model, then newest version first); filtering keeps this order. */
function inOrder(entry: CacheEntry, key: InventorySortKey, isDescending: boolean): CachedRow[] {
  const name = `${key}:${isDescending ? 'desc' : 'asc'}`;
  let sorted = entry.orders.get(name);
  if (!sorted) {
    const direction = isDescending ? -1 : 1;
    const value = SORT_VALUE[key];
    sorted = [...entry.rows].sort((a, b) => compare(value(a.row), value(b.row)) * direction || compare(a.row.model, b.row.model) || Number(b.row.version) - Number(a.row.version));
    entry.orders.set(name, sorted);
  }
  return sorted;
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rowsInForce(db: Database.Database, at: string): CacheEntry {
  const { last } = z.object({ last: z.number().nullable() }).parse(db.prepare('SELECT max(id) AS last FROM snapshot').get());
  const key = `${at}|${db.pragma('data_version', { simple: true }) as number}|${last}`;
  const cached = cache.get(db);
  if (cached?.key === key) return cached;
  const raw = z.array(Row).parse(
    db
      .prepare(
        `SELECT m.name AS model, ms.use_case, ms.risk_tier, ms.owner, ms.last_validated_at, ms.next_validation_due,
                v.id, v.version, v.created_at, vs.stage, vs.status, v.source_run_id, v.artifact_sha256, v.framework,
                snap.verification, al.aliases, coalesce(dc.n, 0) AS decision_count
         ${ROWS_IN_FORCE}
         LEFT JOIN (SELECT model_version_id, count(*) AS n FROM decision WHERE decided_at <= :at GROUP BY model_version_id) dc
           ON dc.model_version_id = v.id`,
      )
      .all({ at }),
  );
  const entry: CacheEntry = { key, rows: raw.map(toCachedRow), facets: readFacets(db, at), orders: new Map() };
  cache.set(db, entry);
  return entry;
}

function toCachedRow(r: z.infer<typeof Row>): CachedRow {
  const aliases = r.aliases ? r.aliases.split('\u001f').sort() : [];
  const row: InventoryPageRow = {
    model: r.model,
    useCase: r.use_case,
    riskTier: r.risk_tier,
    owner: r.owner,
    lastValidatedAt: r.last_validated_at,
    isValidationOverdue: false,
    version: r.version,
    createdAt: r.created_at,
    stage: r.stage,
    status: r.status,
    aliases,
    sourceRunId: r.source_run_id,
    artifactSha256: r.artifact_sha256,
    framework: r.framework,
    decisionCount: r.decision_count,
    verification: r.verification,
  };
  const haystack = [r.model, r.owner, r.use_case, r.risk_tier, r.stage, ...aliases, `v${r.version}`].filter((x) => x !== null).join('\u001f').toLowerCase();
  return { row, haystack, nextValidationDue: r.next_validation_due };
}

function readFacets(db: Database.Database, at: string): InventoryPage['facets'] {
  const column = (sql: string) => z.array(z.object({ v: z.string() })).parse(db.prepare(sql).all({ at })).map((r) => r.v);
  return {
    riskTiers: column(`SELECT DISTINCT s.risk_tier AS v FROM registered_model_state s WHERE ${validAt('s')} AND s.risk_tier IS NOT NULL ORDER BY v`),
    owners: column(`SELECT DISTINCT s.owner AS v FROM registered_model_state s WHERE ${validAt('s')} AND s.owner IS NOT NULL ORDER BY v`),
    aliases: column(`SELECT DISTINCT a.alias AS v FROM alias_assignment a WHERE ${validAt('a')} ORDER BY v`),
  };
}
