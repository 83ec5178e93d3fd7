import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { AuditListRequest, AuditPage } from '../../../shared/schemas/governance';
import { type AuditRow, toAuditEvent } from './audit-log';

type AuditFilter = z.output<typeof AuditListRequest>;

/** One page of the audit log, newest first, filtered by action, actor, object and time. */
export function listAuditEvents(db: Database.Database, filter: AuditFilter): AuditPage {
  const { where, params } = whereClause(filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM audit_event ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_event ${where} ORDER BY id DESC LIMIT :limit OFFSET :offset`)
    .all({ ...params, limit: filter.limit, offset: filter.offset }) as AuditRow[];
  return { events: rows.map(toAuditEvent), total, limit: filter.limit, offset: filter.offset };
}

function whereClause(filter: AuditFilter): { where: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const add = (sql: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(sql);
    params[name] = value;
  };
  add('action = :action', 'action', filter.action);
  // The console's actor filter matches the OS account or the display name.
  add('(actor = :actor OR actor_name = :actor)', 'actor', filter.actor);
  add('object_type = :objectType', 'objectType', filter.objectType);
  add('object_id = :objectId', 'objectId', filter.objectId);
  add('at >= :from', 'from', filter.from === undefined ? undefined : new Date(filter.from).toISOString());
  add('at < :to', 'to', filter.to === undefined ? undefined : new Date(filter.to).toISOString());
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
