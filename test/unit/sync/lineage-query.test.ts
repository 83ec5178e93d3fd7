import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { walkLineage } from '../../../electron/main/store/lineage-query';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { sampleBundleContent } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));
const actor = { user: 'auditor', displayName: 'A. Auditor' };

describe('joined lineage', () => {
  let cleanup = () => {};
  let ws: Workspace;
  beforeEach(async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    ws = openWorkspace(join(t.dir, 'ws'), { create: true });
    trustKey(ws.db, publicKeyPem(KEY), 'test', actor, '2026-01-01T00:00:00.000Z');
    await writeBundle(join(t.dir, 's.attest'), sampleBundleContent(), KEY);
    await importBundle({ workspace: ws, clock: fixedClock('2026-02-01T00:00:00.000Z'), actor }, join(t.dir, 's.attest'), {});
  });
  afterEach(() => {
    ws.close();
    cleanup();
  });

  it('walks downstream: raw dataset -> job -> run -> training data -> MLflow run -> model versions -> decisions', () => {
    const graph = walkLineage(ws.db, 'dataset:s3://raw/loans', 'downstream', null);
    const keys = graph.nodes.map((n) => n.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'job:spark/build_features',
        'run:0190a4d2-7b1e-7c3a-9d55-0123456789ab',
        'dataset:s3://features/loans-2024',
        'mlflow-dataset:loans-2024@d1g35t',
        'mlflow-run:run-abc',
        'model-version:credit-pd/1',
        'model-version:credit-pd/2',
        'decisions:credit-pd/1',
      ]),
    );
    expect(graph.nodes.find((n) => n.type === 'decisions')?.count).toBe(3);
    expect(graph.edges).toContainEqual({ from: 'run:0190a4d2-7b1e-7c3a-9d55-0123456789ab', to: 'mlflow-run:run-abc', type: 'same-as' });
  });

  it('walks upstream from a model version to the raw data, and not downstream to its decisions', () => {
    const keys = walkLineage(ws.db, 'model-version:credit-pd/1', 'upstream', null).nodes.map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(['mlflow-run:run-abc', 'dataset:s3://features/loans-2024', 'dataset:s3://raw/loans']));
    expect(keys).not.toContain('decisions:credit-pd/1');
  });

  it('answers as of a date before the snapshot with only the start node', () => {
    const graph = walkLineage(ws.db, 'dataset:s3://raw/loans', 'downstream', '2025-01-01T00:00:00.000Z');
    expect(graph.nodes.map((n) => n.key)).toEqual(['dataset:s3://raw/loans']);
  });
});
