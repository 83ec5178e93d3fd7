import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Actor } from '../core/actor';
import { toIso } from '../core/clock';
import { canonicalJson } from '../core/hashing';
import type { AppContext } from '../workspace/workspace';
import { AUDIT_ACTIONS, appendAuditEvent } from './audit-log';

/** Record that this workspace was opened (by the console, `attest serve` or a CLI command that changes it). */
export function recordWorkspaceOpened(ctx: AppContext, details: Record<string, unknown> = {}): void {
  appendAuditEvent(ctx.workspace.db, ctx.actor, toIso(ctx.clock.now()), {
    action: AUDIT_ACTIONS.workspaceOpened,
    objectType: 'workspace',
    objectId: ctx.workspace.paths.root,
    details,
  });
}

const SettingRow = z.object({ value_json: z.string() });

/** The stored value of a setting, or undefined when it was never set. */
export function readSetting(db: Database.Database, key: string): unknown {
  const row = db.prepare('SELECT value_json FROM setting WHERE key = ?').get(key);
  if (row === undefined) return undefined;
  return JSON.parse(SettingRow.parse(row).value_json) as unknown;
}

/**
 * Change a setting and record 'setting changed' with the old and new values, in one transaction.
 * Returns false (and records nothing) when the value is unchanged.
 */
export function writeSetting(db: Database.Database, actor: Actor, at: string, key: string, value: unknown): boolean {
  return db.transaction(() => {
    const before = readSetting(db, key);
    const valueJson = canonicalJson(value);
    if (before !== undefined && canonicalJson(before) === valueJson) return false;
    db.prepare(
      `INSERT INTO setting (key, value_json, updated_at) VALUES (:key, :valueJson, :at)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    ).run({ key, valueJson, at });
    recordSettingChanged(db, actor, at, key, before ?? null, value);
    return true;
  })();
}

/** Record a setting change made elsewhere (e.g. monitoring thresholds kept in their own table). */
export function recordSettingChanged(db: Database.Database, actor: Actor, at: string, key: string, before: unknown, after: unknown): void {
  appendAuditEvent(db, actor, at, {
    action: AUDIT_ACTIONS.settingChanged,
    objectType: 'setting',
    objectId: key,
    details: { before, after },
  });
}
