import type Database from 'better-sqlite3';
import { z } from 'zod';
import { boundInstant } from './decision-repo';

const IdRow = z.tuple([z.number().int(), z.string()]);
type IdRow = z.infer<typeof IdRow>;
const isIdRow = (r: unknown): r is IdRow => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && typeof r[1] === 'string';

const WINDOW = `d.model_version_id = :id AND (:from IS NULL OR d.decided_at >= :from) AND (:to IS NULL OR d.decided_at <= :to) AND d.id <= :maxId`;

/**
 * The decisions of one model version in time order, optionally within [from, to] and capped at `limit`, as
 * row ids a page at a time (from the version/time index alone), so a batch of millions never sits in memory.
 * The selection is fixed when the pager is made: pages continue after the last (decided_at, id) read and never
 * include decisions imported meanwhile (ids above the largest one then). The replay workers read the rows.
 */
export class LoggedDecisionPager {
  /** How many decisions the selection holds. */
  readonly total: number;
  private readonly params: { id: number; from: string | null; to: string | null; maxId: number };
  private readonly first: Database.Statement;
  private readonly following: Database.Statement;
  private after: { at: string; id: number } | null = null;
  private read = 0;

  constructor(db: Database.Database, modelVersionId: number, window: { from?: string; to?: string; limit?: number }) {
    const maxId = z.object({ m: z.number().int().nullable() }).parse(db.prepare('SELECT max(id) AS m FROM decision').get()).m ?? 0;
    this.params = { id: modelVersionId, from: boundInstant(window.from, 'from'), to: boundInstant(window.to, 'to'), maxId };
    const count = z.object({ n: z.number().int() }).parse(db.prepare(`SELECT count(*) AS n FROM decision d WHERE ${WINDOW}`).get(this.params)).n;
    this.total = window.limit === undefined ? count : Math.min(count, window.limit);
    // Two statements, not one with `:after IS NULL OR …`: that OR would stop SQLite from starting each page
    // where the last one ended in the (model_version_id, decided_at) index, and every page would rescan.
    const page = (after: string) => db.prepare(`SELECT d.id, d.decided_at FROM decision d WHERE ${WINDOW} ${after} ORDER BY d.decided_at, d.id LIMIT :n`).raw();
    this.first = page('');
    this.following = page('AND (d.decided_at, d.id) > (:afterAt, :afterId)');
  }

  /** The row ids of the next page of at most `size` decisions; empty once the selection is read. */
  next(size: number): Float64Array<ArrayBuffer> {
    const n = Math.min(size, this.total - this.read);
    if (n <= 0) return new Float64Array(0);
    const rows = this.after ? this.following.all({ ...this.params, afterAt: this.after.at, afterId: this.after.id, n }) : this.first.all({ ...this.params, n });
    const ids = new Float64Array(rows.length);
    rows.forEach((raw, i) => {
      const row = isIdRow(raw) ? raw : IdRow.parse(raw);
      ids[i] = row[0];
      if (i === rows.length - 1) this.after = { at: row[1], id: row[0] };
    });
    this.read += ids.length;
    return ids;
  }
}
