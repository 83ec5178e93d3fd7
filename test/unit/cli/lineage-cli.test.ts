import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineageGraph } from '../../../shared/schemas/lineage';
import { runCli } from '../../../electron/cli/run-cli';
import { fixedClock } from '../../../electron/main/core/clock';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { openWorkspace } from '../../../electron/main/workspace/workspace';
import { sampleBundleContent } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));
const actor = { user: 'auditor', displayName: 'A. Auditor' };

async function attest(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    env: { ATTEST_WORKSPACE: '' },
    interrupted: new Promise<void>(() => {}),
  };
  return { code: await runCli(args, io), stdout, stderr };
}

describe('attest lineage', () => {
  const temp = makeTempDir();
  const ws = join(temp.dir, 'ws');
  beforeAll(async () => {
    const workspace = openWorkspace(ws, { create: true });
    trustKey(workspace.db, publicKeyPem(KEY), 'test', actor, '2026-01-01T00:00:00.000Z');
    await writeBundle(join(temp.dir, 's.attest'), sampleBundleContent(), KEY);
    await importBundle(
      { workspace, clock: fixedClock('2026-02-01T00:00:00.000Z'), actor },
      join(temp.dir, 's.attest'),
      {},
    );
    workspace.close();
  });
  afterAll(() => temp.cleanup());

  it('walks upstream from a model version to the raw data, as a tree a person can read', async () => {
    const result = await attest(['lineage', 'model-version:credit-pd/1', '--workspace', ws]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Upstream lineage of model-version:credit-pd\/1: \d+ nodes, \d+ links$/);
    expect(lines[2]).toBe('model-version credit-pd/1');
    expect(lines).toContain('  <-registered-as- mlflow-run run-abc');
    expect(result.stdout).toMatch(/^ +\S*- dataset s3:\/\/raw\/loans$/m);
    expect(result.stdout).not.toContain('decisions');
  });

  it('walks downstream to the logged decisions, and answers --json with the channel’s graph', async () => {
    const human = await attest(['lineage', 'dataset:s3://raw/loans', '--downstream', '--workspace', ws]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Downstream lineage of dataset:s3:\/\/raw\/loans/);
    expect(human.stdout).toMatch(/-logged-> decisions credit-pd\/1 \(3 decisions\)/);
    const json = await attest([
      'lineage',
      'dataset:s3://raw/loans',
      '--downstream',
      '--workspace',
      ws,
      '--json',
    ]);
    const graph = LineageGraph.parse(JSON.parse(json.stdout));
    expect(graph).toMatchObject({
      start: 'dataset:s3://raw/loans',
      direction: 'downstream',
      asOf: null,
      truncated: false,
    });
    expect(graph.nodes.map((n) => n.key)).toContain('decisions:credit-pd/1');
  });

  it('answers as of a date before anything was imported: nothing linked, and says so', async () => {
    const result = await attest([
      'lineage',
      'dataset:s3://raw/loans',
      '--downstream',
      '--as-of',
      '2025-01-01',
      '--workspace',
      ws,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Downstream lineage of dataset:s3:\/\/raw\/loans as of 2025-01-01T23:59:59\.999Z: nothing is linked to it\./,
    );
    const json = LineageGraph.parse(
      JSON.parse(
        (
          await attest([
            'lineage',
            'dataset:s3://raw/loans',
            '--as-of',
            '2025-01-01',
            '--workspace',
            ws,
            '--json',
          ])
        ).stdout,
      ),
    );
    expect(json.nodes).toHaveLength(1);
  });

  it('refuses bad usage with exit 2 and one line: a key that is not a node, both directions, a bad date, no workspace', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['lineage', 'credit-pd/1', '--workspace', ws],
        /"credit-pd\/1" is not a lineage node\. A node is TYPE:KEY/,
      ],
      [['lineage', 'model-version:', '--workspace', ws], /is not a lineage node/],
      [['lineage', 'run:x', '--upstream', '--downstream', '--workspace', ws], /not both/],
      [
        ['lineage', 'run:x', '--as-of', 'last tuesday', '--workspace', ws],
        /--as-of "last tuesday" is not a date/,
      ],
      [['lineage', '--workspace', ws], /takes 1 argument/],
      [['lineage', 'run:x', '--workspace', join(temp.dir, 'missing')], /does not exist/],
    ];
    for (const [args, message] of cases) {
      const result = await attest(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
