import type Database from 'better-sqlite3';
import { z } from 'zod';

/** Run a prepared statement and parse every row with `schema`, so nothing untyped leaves the repo. */
export function rows<S extends z.ZodType>(
  db: Database.Database,
  schema: S,
  sql: string,
  params: Record<string, unknown> = {},
): z.output<S>[] {
  return z.array(schema).parse(db.prepare(sql).all(params));
}

/** Parse stored JSON text; data written by other tools may be malformed, which we treat as absent. */
export function parseJsonOr<T>(text: string | null, fallback: T): unknown {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

/** Does the workspace have this table? Tables owned by other features may not exist in older workspaces. */
export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = :name`).get({ name }) !== undefined;
}
