import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { diffSnapshots, resolveSnapshot } from '../../../electron/main/store/history-diff';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { type SampleOptions, sampleBundleContent } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));
const actor = { user: 'auditor', displayName: 'A. Auditor' };

describe('history: snapshots and diffs', () => {
  let dir = '';
  let cleanup = () => {};
  let ws: Workspace;
  beforeEach(async () => {
    ({ dir, cleanup } = makeTempDir());
    ws = openWorkspace(join(dir, 'ws'), { create: true });
    trustKey(ws.db, publicKeyPem(KEY), 'test', actor, '2026-01-01T00:00:00.000Z');
    const snaps: SampleOptions[] = [
      { versions: ['1', '2'], champion: '1', stages: { '2': 'Staging' } },
      { observedAt: '2026-02-15T00:00:00.000Z', sequence: 2, versions: ['1', '2', '3'], champion: '3', stages: { '2': 'Archived' }, auc: 0.84, datasetDigest: 'new-digest', lineageJob: 'build_features_v2' },
      { observedAt: '2026-03-15T00:00:00.000Z', sequence: 3, versions: ['2', '3'], champion: '3', stages: { '2': 'Archived' }, auc: 0.84, datasetDigest: 'new-digest', lineageJob: 'build_features_v2' },
    ];
    for (const [i, options] of snaps.entries()) {
      const path = join(dir, `s${i + 1}.attest`);
      await writeBundle(path, sampleBundleContent(options), KEY);
      await importBundle({ workspace: ws, clock: fixedClock('2026-04-01T00:00:00.000Z'), actor }, path, {});
    }
  });
  afterEach(() => {
    ws.close();
    cleanup();
  });

  it('resolves snapshots by id and by date (the last one observed by the end of that day)', () => {
    expect(resolveSnapshot(ws.db, 2).observedAt).toBe('2026-02-15T00:00:00.000Z');
    expect(resolveSnapshot(ws.db, '2026-02-14').id).toBe(1);
    expect(resolveSnapshot(ws.db, '2026-02-15').id).toBe(2);
    expect(() => resolveSnapshot(ws.db, '2025-01-01')).toThrow(/No snapshot was observed by 2025-01-01/);
    expect(() => resolveSnapshot(ws.db, 9)).toThrow(/There is no snapshot 9/);
  });

  it('diffs 1 -> 2: version added, alias and stage moves, metric and digest changes, upstream jobs', () => {
    const diff = diffSnapshots(ws.db, 1, 2);
    expect(diff.versionsAdded).toEqual([{ model: 'credit-pd', version: '3' }]);
    expect(diff.versionsRetired).toEqual([]);
    expect(diff.aliasMoves).toEqual([{ model: 'credit-pd', alias: 'champion', from: '1', to: '3' }]);
    expect(diff.stageMoves).toEqual([{ model: 'credit-pd', version: '2', from: 'Staging', to: 'Archived' }]);
    expect(diff.metricChanges.map((m) => [m.version, m.key, m.from, m.to])).toEqual([
      ['1', 'auc', 0.81, 0.84],
      ['2', 'auc', 0.81, 0.84],
    ]);
    expect(diff.datasetDigestChanges).toEqual([{ name: 'loans-2024', from: ['d1g35t'], to: ['d1g35t', 'new-digest'] }]);
    expect(diff.upstreamJobsAdded).toEqual(['spark/build_features_v2']);
    expect(diff.upstreamJobsVanished).toEqual(['spark/build_features']);
  });

  it('diffs 2 -> 3 (a version retired) and by dates; a snapshot against itself is empty', () => {
    const diff = diffSnapshots(ws.db, '2026-02-20', '2026-03-20');
    expect(diff.versionsRetired).toEqual([{ model: 'credit-pd', version: '1' }]);
    expect(diff.versionsAdded).toEqual([]);
    const same = diffSnapshots(ws.db, 3, 3);
    expect([same.versionsAdded, same.aliasMoves, same.stageMoves, same.metricChanges, same.upstreamJobsAdded].flat()).toEqual([]);
  });
});
