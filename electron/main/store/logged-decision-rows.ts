import type Database from 'better-sqlite3';
import { z } from 'zod';

/** Logged decisions as stored, column by column: what the replay worker parses, in the order asked. */
export interface LoggedDecisionColumns {
  ids: number[];
  uids: string[];
  inputs: string[];
  outputs: string[];
  decisions: (string | null)[];
}

const RawRow = z.tuple([z.number().int(), z.string(), z.string(), z.string(), z.string().nullable()]);
type RawRow = z.infer<typeof RawRow>;

const isRawRow = (r: unknown): r is RawRow =>
  Array.isArray(r) && r.length === 5 && Number.isInteger(r[0]) && typeof r[1] === 'string' && typeof r[2] === 'string' &&
  typeof r[3] === 'string' && (r[4] === null || typeof r[4] === 'string');

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * The logged decisions with these row ids, in the order given, as columns of stored text (raw mode, no
 * per-row objects). The batch replay worker reads its own chunks this way, on its own read-only connection,
 * so the text never crosses threads. Rows are checked against RawRow by a plain type test; zod explains any
 * row that fails it.
 */
export function readLoggedDecisions(db: Database.Database, ids: ArrayLike<number>): LoggedDecisionColumns {
  let statement = statements.get(db);
  if (!statement) {
    statement = db
      .prepare(
        `SELECT d.id, d.decision_uid, d.inputs_json, d.outputs_json, d.decision
         FROM json_each(?) j JOIN decision d ON d.id = j.value ORDER BY j.key`,
      )
      .raw();
    statements.set(db, statement);
  }
  const columns: LoggedDecisionColumns = { ids: [], uids: [], inputs: [], outputs: [], decisions: [] };
  for (const raw of statement.all(JSON.stringify(Array.from(ids)))) {
    const row = isRawRow(raw) ? raw : RawRow.parse(raw);
    columns.ids.push(row[0]);
    columns.uids.push(row[1]);
    columns.inputs.push(row[2]);
    columns.outputs.push(row[3]);
    columns.decisions.push(row[4]);
  }
  return columns;
}
