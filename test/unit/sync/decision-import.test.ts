import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import type { JobControl } from '../../../electron/main/core/jobs';
import { FactWriter } from '../../../electron/main/store/fact-writer';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { checkRecord } from '../../../electron/main/sync/bundle-layout';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { fastDecision } from '../../../electron/main/sync/fast-checks';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { type PipeShape, errorOf, pipeDecisionLines } from '../../../electron/main/sync/decision-lines-client';
import { JsonLineSplitter } from '../../../electron/main/sync/json-lines';
import { publicKeyPem } from '../../../electron/main/sync/keys';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import type { DecisionRecord } from '../../../shared/schemas/bundle';
import { sampleBundleContent } from '../../support/fixtures';
import { TRUSTED_KEY, resignBundle } from '../../support/hardening';
import { makeTempDir } from '../../support/temp';

const DECISIONS = 'decisions/decisions.jsonl';
const OUTCOMES = 'decisions/outcomes.jsonl';
const actor = { user: 'auditor', displayName: 'A. Auditor' };

/** Lines a producer other than Attest might write: spacing, number forms, escapes, odd characters, repeats. */
function awkwardLines(): string[] {
  const base = (id: string, version: string, extra = '') =>
    `{"decisionId":${id},"model":"credit-pd","version":"${version}","decidedAt":"2025-12-01T10:00:00.000Z","inputs":{"income":1000.0,"ratio":1e-7,"big":1E21,"neg":-0,"s":"a\\u00e9\\"\\\\\\n\\t\u2028😀"},"outputs":{"p":[0.70,3e2],"nested":{"k":[{"z":null}]}}${extra}}`;
  return [
    base('"d-0"', '1', ',"decision":"approve","attributes":{"age_band":"30-40"}'),
    `  ${base('"d-1"', '1', ',"requestId":"r-1"')}  `,
    '',
    base('"d-\\u0000nul"', '1'),
    base('"d-\\ud800lone"', '2', ',"decision":"\\udfffx","requestId":"\\u00e9"'),
    base('"d-0"', '2', ',"decision":"second copy: the first is kept"'),
    `{"decisionId":"d-offset","model":"credit-pd","version":"1","decidedAt":"2025-12-01T11:00:00+01:00","inputs":{},"outputs":{}}`,
    `{ "inputs" : { "ключ" : "значение" } , "outputs" : { } , "decidedAt" : "2025-12-01T10:00:00Z" , "version" : "1" , "model" : "credit-pd" , "decisionId" : "d-spaced" }`,
    ...Array.from({ length: 3000 }, (_, i) => base(`"bulk-${i}"`, i >= 1000 && i < 2000 && i % 2 === 1 ? '2' : '1', i % 3 === 0 ? ',"decision":"DECLINE"' : '')),
  ];
}

/** What a one-thread import stores for `body`: each line split, parsed and checked as before, written one by one. */
function writeOneThread(db: Database.Database, body: Buffer, where: string): number {
  const facts = new FactWriter(db, 1);
  const splitter = new JsonLineSplitter(where);
  db.transaction(() => {
    for (const { line, value } of [...splitter.push(body), ...splitter.end()]) {
      facts.writeDecision(fastDecision(value) ?? (checkRecord('decisions', value, where, line) as DecisionRecord), where, line);
    }
  })();
  return facts.counts.decisions;
}

/** What ImportSession.consumeDecisions stores, with the member cut into `size`-byte reader chunks and `shape`. */
async function writePiped(db: Database.Database, body: Buffer, where: string, size: number, shape: PipeShape): Promise<number> {
  const facts = new FactWriter(db, 1);
  db.exec('BEGIN');
  try {
    await pipeDecisionLines(chunked(body, size), where, (chunk) => {
      facts.writeDecisionChunk(chunk.rowsJson, chunk.versions, where);
      if (chunk.error) throw errorOf(chunk.error);
    }, shape);
    db.exec('COMMIT');
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
  return facts.counts.decisions;
}

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

const STORED = `SELECT id, hex(decision_uid), model_version_id, hex(decided_at), hex(request_id), hex(inputs_json), hex(outputs_json),
  hex(decision), hex(attributes_json), snapshot_id FROM decision ORDER BY id`;

describe('importing decision logs on two threads', () => {
  let dir = '';
  let cleanup = () => {};
  const open: Workspace[] = [];
  const workspace = (name: string) => {
    const ws = openWorkspace(join(dir, name), { create: true });
    trustKey(ws.db, publicKeyPem(TRUSTED_KEY), 'sender', actor, '2026-01-01T00:00:00.000Z');
    open.push(ws);
    return ws;
  };
  const deps = (ws: Workspace) => ({ workspace: ws, clock: fixedClock('2026-02-01T00:00:00.000Z'), actor });

  beforeEach(async () => {
    ({ dir, cleanup } = makeTempDir());
    await writeBundle(join(dir, 'good.attest'), sampleBundleContent(), TRUSTED_KEY);
  });
  afterEach(() => {
    for (const ws of open.splice(0)) ws.close();
    cleanup();
  });

  async function withDecisions(name: string, body: Buffer, outcomes = Buffer.alloc(0)): Promise<string> {
    const path = join(dir, name);
    await resignBundle(join(dir, 'good.attest'), path, { [DECISIONS]: body, [OUTCOMES]: outcomes }, TRUSTED_KEY);
    return path;
  }

  function dbBytes(ws: Workspace): Buffer {
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    return readFileSync(ws.paths.db);
  }

  it('stores every row byte for byte as the one-thread path does, ids in file order, first copy kept', async () => {
    const body = Buffer.from(`${awkwardLines().join('\n')}\n`);
    const twoThreads = workspace('two');
    const summary = await importBundle(deps(twoThreads), await withDecisions('d.attest', body), {});
    const oneThread = workspace('one');
    await importBundle(deps(oneThread), await withDecisions('empty.attest', Buffer.alloc(0)), {});
    const written = writeOneThread(oneThread.db, body, 'x');
    const rows = twoThreads.db.prepare(STORED).raw().all();
    expect(rows.length).toBe(3006);
    expect(summary.counts.decisions).toBe(written);
    expect(rows).toEqual(oneThread.db.prepare(STORED).raw().all());
    expect(twoThreads.db.prepare("SELECT decision FROM decision WHERE decision_uid = 'd-0'").pluck().get()).toBe('approve');
    // Both statements ran: chunks of one version and chunks mixing two.
    expect(twoThreads.db.prepare('SELECT count(DISTINCT model_version_id) FROM decision').pluck().get()).toBe(2);
  });

  it('stores the same bytes however the member is cut into reader chunks and pieces for two workers', async () => {
    // Chunks of 7 and 61 bytes split lines and multi-byte characters (é, ключ, 😀) everywhere; pieces of 64 bytes
    // hold one line each, so neighbouring lines go to different workers; 1000-byte pieces hold several.
    const body = Buffer.from(`${awkwardLines().slice(0, 400).join('\n')}\n`);
    const oneThread = workspace('one');
    await importBundle(deps(oneThread), await withDecisions('empty.attest', Buffer.alloc(0)), {});
    const written = writeOneThread(oneThread.db, body, 'x');
    const expected = oneThread.db.prepare(STORED).raw().all();
    for (const [size, pieceBytes] of [[7, 64], [61, 1000], [4096, 64], [61, 5000]] as const) {
      const piped = workspace(`piped-${size}-${pieceBytes}`);
      await importBundle(deps(piped), await withDecisions(`empty-${size}-${pieceBytes}.attest`, Buffer.alloc(0)), {});
      expect(await writePiped(piped.db, body, 'x', size, { workers: 2, pieceBytes })).toBe(written);
      expect(piped.db.prepare(STORED).raw().all()).toEqual(expected);
    }
  });

  it('reports the first refusal in the member when both workers meet one, and names lines after many chunks', async () => {
    const ws = workspace('ws');
    await importBundle(deps(ws), await withDecisions('empty.attest', Buffer.alloc(0)), {});
    const good = awkwardLines().slice(8);
    const badTime = (i: number) => good[i]!.replace('2025-12-01T10:00:00.000Z', 'soon');
    const where = 'b.attest: member decisions/decisions.jsonl';
    const run = (lines: string[]) => writePiped(ws.db, Buffer.from(`${lines.join('\n')}\n`), where, 61, { workers: 2, pieceBytes: 64 });
    // One line a piece: line 2001 goes to one worker, line 2002 to the other; whichever finishes first, the
    // earlier line's refusal is the one reported, and nothing is kept.
    await expect(run([...good.slice(0, 2000), badTime(2000), '{oops', ...good.slice(2002, 2100)])).rejects.toThrow(new RegExp(`^${where}, line 2001: decidedAt: `));
    await expect(run([...good.slice(0, 2000), '{oops', badTime(2001), ...good.slice(2002, 2100)])).rejects.toThrow(`${where}, line 2001: not valid JSON.`);
    const unknown = good[2001]!.replace('"version":"1"', '"version":"7"');
    await expect(run([...good.slice(0, 2001), unknown, badTime(2002)])).rejects.toThrow(`${where}, line 2002: decision for credit-pd v7, a model version this workspace does not have.`);
    expect(ws.db.prepare('SELECT count(*) FROM decision').pluck().get()).toBe(0);
  });

  it('adds only the new decisions when a later bundle repeats earlier ones', async () => {
    const ws = workspace('ws');
    const lines = awkwardLines().slice(8, 108);
    await importBundle(deps(ws), await withDecisions('a.attest', Buffer.from(`${lines.join('\n')}\n`)), {});
    const before = ws.db.prepare(STORED).raw().all();
    const later = sampleBundleContent({ observedAt: '2026-01-20T12:00:00.000Z', sequence: 2 });
    await writeBundle(join(dir, 'good.attest'), later, TRUSTED_KEY);
    const extra = '{"decisionId":"new-1","model":"credit-pd","version":"1","decidedAt":"2025-12-02T10:00:00.000Z","inputs":{},"outputs":{}}';
    const again = await importBundle(deps(ws), await withDecisions('b.attest', Buffer.from(`${[...lines, extra].join('\n')}\n`)), {});
    expect(again.counts.decisions).toBe(1);
    expect(ws.db.prepare(STORED).raw().all().slice(0, 100)).toEqual(before);
  });

  it('names the line of a refusal deep in a large member, across reader chunks and pieces, and keeps nothing', async () => {
    const ws = workspace('ws');
    const before = dbBytes(ws);
    const good = awkwardLines().slice(8);
    const lines = [...good, ...good.map((l) => l.replace('"bulk-', '"again-'))];
    lines[5499] = `${lines[5499]!.slice(0, -1)},"decisionId":"twice"}`;
    const path = await withDecisions('deep.attest', Buffer.from(`${lines.join('\n')}\n`));
    await expect(importBundle(deps(ws), path, {})).rejects.toThrow(`${path}: member ${DECISIONS}, line 5500: duplicate key "decisionId" in one object.`);
    expect(dbBytes(ws).equals(before)).toBe(true);
  });

  it('reports the first fault in file order and leaves the database file unchanged', async () => {
    const ws = workspace('ws');
    const before = dbBytes(ws);
    const good = awkwardLines().slice(8, 48);
    const unknown = good[5]!.replace('"version":"1"', '"version":"7"');
    const badTime = good[9]!.replace('2025-12-01T10:00:00.000Z', 'soon');
    const first = await withDecisions('v.attest', Buffer.from(`${[...good.slice(0, 5), unknown, ...good.slice(6, 9), badTime].join('\n')}\n`));
    await expect(importBundle(deps(ws), first, {})).rejects.toThrow(`${first}: member ${DECISIONS}, line 6: decision for credit-pd v7, a model version this workspace does not have.`);
    const second = await withDecisions('t.attest', Buffer.from(`${[...good.slice(0, 5), badTime, unknown].join('\n')}\n`));
    await expect(importBundle(deps(ws), second, {})).rejects.toThrow(new RegExp(`member decisions/decisions\\.jsonl, line 6: decidedAt: `));
    expect(dbBytes(ws).equals(before)).toBe(true);
  });

  it('reports progress chunk by chunk and rolls back when cancelled', async () => {
    const ws = workspace('ws');
    const body = Buffer.from(`${awkwardLines().slice(8).join('\n')}\n`);
    const path = await withDecisions('p.attest', body);
    const done: number[] = [];
    let calls = 0;
    const job = (cancelAt: number): JobControl => ({
      signal: new AbortController().signal,
      report: (_phase, current) => void done.push(current),
      throwIfCancelled: () => {
        if (++calls > cancelAt) throw new Error('Cancelled by the user.');
      },
    });
    const before = dbBytes(ws);
    await expect(importBundle(deps(ws), path, {}, job(12))).rejects.toThrow('Cancelled by the user.');
    expect(dbBytes(ws).equals(before)).toBe(true);
    calls = 0;
    done.length = 0;
    await importBundle(deps(ws), path, {}, job(Number.POSITIVE_INFINITY));
    expect(done.length).toBeGreaterThan(5);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(ws.db.prepare('SELECT count(*) FROM decision').pluck().get()).toBe(3000);
  });
});
