import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { sha256Hex } from '../../../electron/main/core/hashing';
import type { JobControl } from '../../../electron/main/core/jobs';
import { AttestError } from '../../../electron/main/core/errors';
import { artifactPath } from '../../../electron/main/store/artifact-paths';
import { listInventory } from '../../../electron/main/store/inventory-repo';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { SAMPLE_ARTIFACT_SHA, type SampleOptions, sampleBundleContent } from '../../support/fixtures';
import { tarEntries } from '../../support/tamper';
import { makeTempDir } from '../../support/temp';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));
const OTHER = signingKeyFromSeed(new Uint8Array(32).fill(9));
const actor = { user: 'auditor', displayName: 'A. Auditor' };

describe('importBundle', () => {
  let dir = '';
  let cleanup = () => {};
  let ws: Workspace;
  const deps = () => ({ workspace: ws, clock: fixedClock('2026-02-01T00:00:00.000Z'), actor });
  const count = (table: string) => (ws.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir());
    ws = openWorkspace(join(dir, 'ws'), { create: true });
    trustKey(ws.db, publicKeyPem(KEY), 'test sender', actor, '2026-01-01T00:00:00.000Z');
  });
  afterEach(() => {
    ws.close();
    cleanup();
  });

  async function bundle(name: string, options: SampleOptions = {}, key = KEY): Promise<string> {
    const path = join(dir, name);
    await writeBundle(path, sampleBundleContent(options), key);
    return path;
  }

  /** The database's bytes after a checkpoint, so every committed change is in the main file. */
  function dbBytes(): Buffer {
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    return readFileSync(ws.paths.db);
  }

  it('imports a signed bundle: registry state, runs, lineage, decisions, outcomes, artifacts, audit', async () => {
    const summary = await importBundle(deps(), await bundle('s1.attest'), {});
    expect(summary).toMatchObject({ alreadyImported: false, verification: 'verified', observedAt: '2026-01-10T12:00:00.000Z' });
    expect(summary.counts).toEqual({ registeredModels: 1, modelVersions: 2, aliasMoves: 1, runs: 1, lineageEvents: 1, decisions: 3, outcomes: 1, attestations: 0, artifacts: 1, loggedModels: 0 });
    const [model] = listInventory(ws.db, null, '2026-02-01T00:00:00.000Z');
    expect(model).toMatchObject({ name: 'credit-pd', owner: 'risk-models@bank', riskTier: 'high', useCase: 'retail credit' });
    expect(model!.versions.find((v) => v.version === '1')?.aliases).toEqual(['champion']);
    expect(count('run_metric') + count('run_param') + count('dataset_input')).toBe(3);
    expect(ws.db.prepare('SELECT attributes_json FROM decision WHERE decision_uid = ?').pluck().get('d-0')).toBe('{"age_band":"30-40"}');
    expect(ws.db.prepare("SELECT count(*) FROM lineage_edge WHERE from_node = 'dataset:s3://raw/loans'").pluck().get()).toBe(2);
    expect(ws.db.prepare('SELECT facets_json FROM lineage_run').pluck().get()).toContain('custom_x');
    const stored = artifactPath(ws.paths, SAMPLE_ARTIFACT_SHA);
    expect(sha256Hex(readFileSync(stored))).toBe(SAMPLE_ARTIFACT_SHA);
    expect(ws.db.prepare("SELECT count(*) FROM audit_event WHERE action = 'import'").pluck().get()).toBe(1);
  });

  it('says "already imported" for the same bundle twice and changes nothing', async () => {
    const path = await bundle('s1.attest');
    const first = await importBundle(deps(), path, {});
    const before = dbBytes();
    const again = await importBundle(deps(), path, {});
    expect(again).toMatchObject({ alreadyImported: true, snapshotId: first.snapshotId });
    expect(again.message).toMatch(/Already imported as snapshot \d+/);
    expect(dbBytes().equals(before)).toBe(true);
  });

  it('refuses untrusted, tampered and truncated bundles, leaving the database file unchanged', async () => {
    const before = dbBytes();
    const untrusted = await bundle('other.attest', {}, OTHER);
    await expect(importBundle(deps(), untrusted, {})).rejects.toThrow(/does not trust/);
    const good = readFileSync(await bundle('good.attest'));
    const decisions = tarEntries(good).find((e) => e.name === 'decisions/decisions.jsonl')!;
    const flipped = Buffer.from(good);
    flipped[decisions.dataAt + 5]! ^= 0x20;
    const cases: [Buffer, RegExp][] = [
      [flipped, /decisions\/decisions\.jsonl has been altered/],
      [good.subarray(0, good.length - 2000), /truncated|damaged/],
    ];
    for (const [bytes, error] of cases) {
      const path = join(dir, 'bad.attest');
      writeFileSync(path, bytes);
      await expect(importBundle(deps(), path, {})).rejects.toThrow(error);
    }
    expect(dbBytes().equals(before)).toBe(true);
    expect(existsSync(artifactPath(ws.paths, SAMPLE_ARTIFACT_SHA))).toBe(false);
  });

  it('imports an untrusted bundle only when allowed, marked unverified', async () => {
    const summary = await importBundle(deps(), await bundle('other.attest', {}, OTHER), { allowUnverified: true });
    expect(summary.verification).toBe('unverified');
    expect(summary.message).toMatch(/UNVERIFIED/);
    expect(ws.db.prepare('SELECT verification FROM snapshot').pluck().get()).toBe('unverified');
  });

  it('refuses a bundle observed before the last one from the same source', async () => {
    await importBundle(deps(), await bundle('s2.attest', { observedAt: '2026-02-01T00:00:00.000Z', sequence: 2 }), {});
    const before = dbBytes();
    await expect(importBundle(deps(), await bundle('s1.attest', { sequence: 1 }), {})).rejects.toThrow(
      /observed at 2026-01-10T12:00:00\.000Z \(sequence 1\), before snapshot \d+ already imported from the same source/,
    );
    expect(dbBytes().equals(before)).toBe(true);
  });

  it('keeps history across three snapshots: alias moves, new versions, retirement, governance changes', async () => {
    await importBundle(deps(), await bundle('s1.attest', { versions: ['1', '2'], champion: '1' }), {});
    await importBundle(deps(), await bundle('s2.attest', { observedAt: '2026-03-01T00:00:00.000Z', sequence: 2, versions: ['1', '2', '3'], champion: '3', riskTier: 'medium' }), {});
    await importBundle(deps(), await bundle('s3.attest', { observedAt: '2026-04-01T00:00:00.000Z', sequence: 3, versions: ['2', '3'], champion: '3', riskTier: 'medium' }), {});
    const at = (t: string | null) => listInventory(ws.db, t, '2026-05-01T00:00:00.000Z')[0]!;
    const view = (t: string | null) => at(t).versions.map((v) => `${v.version}${v.aliases.length ? '@' + v.aliases.join(',') : ''}`).sort();
    expect(listInventory(ws.db, '2026-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')).toEqual([]);
    expect(view('2026-02-01T00:00:00.000Z')).toEqual(['1@champion', '2']);
    expect(at('2026-02-01T00:00:00.000Z').riskTier).toBe('high');
    expect(view('2026-03-15T00:00:00.000Z')).toEqual(['1', '2', '3@champion']);
    expect(at('2026-03-15T00:00:00.000Z').riskTier).toBe('medium');
    expect(view(null)).toEqual(['2', '3@champion']);
    expect(count('registered_model_state')).toBe(2);
    expect(count('alias_assignment')).toBe(2);
  });

  it('rolls back everything when cancelled mid-import', async () => {
    const path = await bundle('big.attest', { decisions: 20_000 });
    const before = dbBytes();
    let calls = 0;
    const job: JobControl = {
      signal: new AbortController().signal,
      report: () => {},
      throwIfCancelled: () => {
        if (++calls > 6) throw new AttestError('cancelled', 'Cancelled by the user; nothing was changed.');
      },
    };
    await expect(importBundle(deps(), path, {}, job)).rejects.toThrow(/Cancelled/);
    expect(dbBytes().equals(before)).toBe(true);
  });

  it('refuses a decision for an unknown model version, naming the member and line', async () => {
    const content = sampleBundleContent();
    content.members = content.members.filter((m) => m.kind === 'decisions');
    const path = join(dir, 'orphan.attest');
    await writeBundle(path, content, KEY);
    const before = dbBytes();
    await expect(importBundle(deps(), path, {})).rejects.toThrow(/member decisions\/decisions\.jsonl, line 1: decision for credit-pd v1/);
    expect(dbBytes().equals(before)).toBe(true);
  });
});
