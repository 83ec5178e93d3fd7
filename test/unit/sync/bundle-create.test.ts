import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { createBundleFromMlflow } from '../../../electron/main/sync/create-bundle';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { openWorkspace } from '../../../electron/main/workspace/workspace';
import { sharedFixturesDir } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';
import { mlflowRoutes, startServer } from './mlflow-server';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(5));
const actor = { user: 'engineer', displayName: 'E' };

describe('bundle create (connected side)', () => {
  let server: Server | null = null;
  let cleanup = () => {};
  afterEach(async () => {
    cleanup();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('captures a live registry and lineage events into a signed bundle that imports as verified', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const started = await startServer(mlflowRoutes(), 'secret');
    server = started.server;
    const out = join(t.dir, 'snap.attest');
    const lineage = sharedFixturesDir('openlineage', 'events', 'spec_tests_example_full_event.json');
    const clock = fixedClock('2026-05-01T00:00:00.000Z');
    const manifest = await createBundleFromMlflow(out, { mlflow: { url: started.url, token: 'secret', timeoutMs: 200, backoffMs: 5 }, lineageFiles: [lineage] }, KEY, clock);
    expect(manifest).toMatchObject({ scope: 'full', observedAt: '2026-05-01T00:00:00.000Z', sequence: Date.parse('2026-05-01T00:00:00.000Z') / 1000 });
    expect(manifest.members.map((m) => [m.kind, m.records])).toEqual([
      ['registered-models', 2],
      ['model-versions', 2],
      ['runs', 1],
      ['artifact', undefined],
      ['artifact', undefined],
      ['openlineage-events', 1],
    ]);
    const ws = openWorkspace(join(t.dir, 'ws'), { create: true });
    trustKey(ws.db, publicKeyPem(KEY), 'connected workstation', actor, '2026-05-01T00:00:00.000Z');
    const summary = await importBundle({ workspace: ws, clock, actor }, out, {});
    expect(summary).toMatchObject({ verification: 'verified', counts: { registeredModels: 2, modelVersions: 2, runs: 1, lineageEvents: 1, artifacts: 2 } });
    ws.close();
  });

  it('refuses lineage files with refused events before writing anything', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const started = await startServer(mlflowRoutes(), null);
    server = started.server;
    const bad = sharedFixturesDir('openlineage', 'events', 'fluentd_event_no_run_id.json');
    await expect(
      createBundleFromMlflow(join(t.dir, 'x.attest'), { mlflow: { url: started.url, timeoutMs: 200, backoffMs: 5 }, lineageFiles: [bad] }, KEY, fixedClock('2026-05-01T00:00:00.000Z')),
    ).rejects.toThrow(/fluentd_event_no_run_id\.json, line 1: the event has a run without a runId/);
  });
});
