import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordWorkspaceOpened, writeSetting } from '../../../electron/main/governance/audit-events';
import { appendAuditEvent } from '../../../electron/main/governance/audit-log';
import type { Main } from '../../../electron/main/main-context';
import { runAttest } from '../../support/governance-cli';
import { TEST_ACTOR, freshMain } from '../../support/governance-workspace';

async function call(main: Main, channel: string, request: unknown): Promise<unknown> {
  const result = await main.dispatch(channel, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('audit channels and CLI', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function workspace() {
    const ws = freshMain((db) => {
      const actions = ['import', 'replay run', 'replay run', 'pack generated'];
      actions.forEach((action, i) =>
        appendAuditEvent(db, TEST_ACTOR, `2026-02-0${i + 1}T09:00:00.000Z`, { action, objectType: 'model', objectId: `m${i % 2}` }),
      );
    });
    cleanup = ws.cleanup;
    return ws;
  }

  it('records workspace opened and setting changed (only when the value changes)', async () => {
    const { main } = workspace();
    recordWorkspaceOpened(main.ctx, { via: 'test' });
    const db = main.ctx.workspace.db;
    expect(writeSetting(db, TEST_ACTOR, '2026-03-01T10:00:00.000Z', 'display.theme', 'dark')).toBe(true);
    expect(writeSetting(db, TEST_ACTOR, '2026-03-01T10:00:00.000Z', 'display.theme', 'dark')).toBe(false);
    const page = (await call(main, 'audit:list', { limit: 3 })) as { events: { action: string; detailsJson: string }[]; total: number };
    expect(page.total).toBe(6);
    expect(page.events.map((e) => e.action)).toEqual(['setting changed', 'workspace opened', 'pack generated']);
    expect(JSON.parse(page.events[0]?.detailsJson ?? '')).toEqual({ before: null, after: 'dark' });
  });

  it('filters by action, object and time, and pages', async () => {
    const { main } = workspace();
    const byAction = (await call(main, 'audit:list', { action: 'replay run' })) as { total: number };
    expect(byAction.total).toBe(2);
    const byObject = (await call(main, 'audit:list', { objectType: 'model', objectId: 'm1', actor: 'Ana Validator' })) as { events: { id: number }[] };
    expect(byObject.events.map((e) => e.id)).toEqual([4, 2]);
    const byTime = (await call(main, 'audit:list', { from: '2026-02-02T00:00:00.000Z', to: '2026-02-04T00:00:00.000Z' })) as { total: number };
    expect(byTime.total).toBe(2);
    const page2 = (await call(main, 'audit:list', { limit: 3, offset: 3 })) as { events: { id: number }[] };
    expect(page2.events.map((e) => e.id)).toEqual([1]);
  });

  it('exports the log with its chain; the export verifies, and an edited export fails at that row', async () => {
    const { dir } = workspace();
    const out = join(dir, 'audit.jsonl');
    const exported = await runAttest(['log', 'export', '--workspace', dir, '--out', out]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ format: 'attest-audit-log/1' });
    expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({ trailer: true, rowCount: 4, verifiedAtExport: true });
    expect((await runAttest(['log', 'verify', '--file', out])).code).toBe(0);
    const edited = lines.map((l, i) => (i === 2 ? l.replace('replay run', 'replay skipped') : l)).join('\n');
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, edited);
    const verdict = await runAttest(['log', 'verify', '--file', tampered, '--json']);
    expect(verdict.code).toBe(1);
    expect(JSON.parse(verdict.stdout)).toMatchObject({ ok: false, firstBreak: { rowId: 2, kind: 'content-mismatch' } });
    expect((await runAttest(['log', 'export', '--workspace', dir, '--out', out])).code).toBe(2);
  });

  it('`attest log verify` passes a clean workspace and fails at the row edited through SQLite', async () => {
    const ws = workspace();
    ws.main.close();
    expect(await runAttest(['log', 'verify', '--workspace', ws.dir])).toMatchObject({ code: 0 });
    const raw = new Database(join(ws.dir, 'attest.db'));
    raw.exec(`DROP TRIGGER audit_event_no_update; UPDATE audit_event SET actor = 'mallory' WHERE id = 2;`);
    raw.close();
    const result = await runAttest(['log', 'verify', '--workspace', ws.dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/BROKEN at row 2 \(content-mismatch/);
    expect(result.stdout).toMatch(/append-only triggers/);
  });
});
