import type Database from 'better-sqlite3';
import { z } from 'zod';
import { boundInstant } from './decision-repo';

/** Logged decisions as stored, column by column: what batch replay sends to its worker, unparsed. */
export interface LoggedDecisionColumns {
  ids: number[];
  uids: string[];
  inputs: string[];
  outputs: string[];
  decisions: (string | null)[];
}

const RawRow = z.tuple([z.number().int(), z.string(), z.string(), z.string(), z.string().nullable(), z.string()]);
type RawRow = z.infer<typeof RawRow>;

const isRawRow = (r: unknown): r is RawRow =>
  Array.isArray(r) && r.length === 6 && Number.isInteger(r[0]) && typeof r[1] === 'string' && typeof r[2] === 'string' &&
  typeof r[3] === 'string' && (r[4] === null || typeof r[4] === 'string') && typeof r[5] === 'string';

const WINDOW = `d.model_version_id = :id AND (:from IS NULL OR d.decided_at >= :from) AND (:to IS NULL OR d.decided_at <= :to) AND d.id <= :maxId`;

/**
 * The decisions of one model version in time order, optionally within [from, to] and capped at `limit`, read a
 * page at a time as columns of stored text (raw mode, no per-row objects), so a batch of millions never sits in
 * memory and the first chunk reaches the worker at once. The selection is fixed when the pager is made: pages
 * continue after the last (decided_at, id) read and never include decisions imported meanwhile (ids above the
 * largest one then). Parsing and validating the JSON is the replay worker's job; rows are checked against
 * RawRow by a plain type test, and zod explains any row that fails it.
 */
export class LoggedDecisionPager {
  /** How many decisions the selection holds. */
  readonly total: number;
  private readonly params: { id: number; from: string | null; to: string | null; maxId: number };
  private readonly page: Database.Statement;
  private after: { at: string; id: number } | null = null;
  private read = 0;

  constructor(db: Database.Database, modelVersionId: number, window: { from?: string; to?: string; limit?: number }) {
    const maxId = z.object({ m: z.number().int().nullable() }).parse(db.prepare('SELECT max(id) AS m FROM decision').get()).m ?? 0;
    this.params = { id: modelVersionId, from: boundInstant(window.from, 'from'), to: boundInstant(window.to, 'to'), maxId };
    const count = z.object({ n: z.number().int() }).parse(db.prepare(`SELECT count(*) AS n FROM decision d WHERE ${WINDOW}`).get(this.params)).n;
    this.total = window.limit === undefined ? count : Math.min(count, window.limit);
    this.page = db
      .prepare(
        `SELECT d.id, d.decision_uid, d.inputs_json, d.outputs_json, d.decision, d.decided_at FROM decision d
         WHERE ${WINDOW} AND (:afterAt IS NULL OR (d.decided_at, d.id) > (:afterAt, :afterId))
         ORDER BY d.decided_at, d.id LIMIT :n`,
      )
      .raw();
  }

  /** The next page of at most `size` decisions; empty once the selection is read. */
  next(size: number): LoggedDecisionColumns {
    const n = Math.min(size, this.total - this.read);
    const columns: LoggedDecisionColumns = { ids: [], uids: [], inputs: [], outputs: [], decisions: [] };
    if (n <= 0) return columns;
    const rows = this.page.all({ ...this.params, afterAt: this.after?.at ?? null, afterId: this.after?.id ?? 0, n });
    let last: RawRow | null = null;
    for (const raw of rows) {
      const row = isRawRow(raw) ? raw : RawRow.parse(raw);
      columns.ids.push(row[0]);
      columns.uids.push(row[1]);
      columns.inputs.push(row[2]);
      columns.outputs.push(row[3]);
      columns.decisions.push(row[4]);
      last = row;
    }
    if (last) this.after = { at: last[5], id: last[0] };
    this.read += columns.ids.length;
    return columns;
  }
}
