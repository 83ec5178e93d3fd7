import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { parsePrivateKeyPem } from '../../../electron/main/sync/keys';
import { openWorkspace } from '../../../electron/main/workspace/workspace';
import { sampleBundleContent, sharedFixturesDir } from '../../support/fixtures';
import { tarEntries } from '../../support/tamper';
import { makeTempDir } from '../../support/temp';

async function attest(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ATTEST_WORKSPACE: '' },
    interrupted: new Promise(() => {}),
  });
  return { code, stdout, stderr };
}

describe('attest keys / bundle verify / import', () => {
  let dir = '';
  let cleanup = () => {};
  let ws = '';
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir());
    ws = join(dir, 'ws');
    openWorkspace(ws, { create: true }).close();
  });
  afterEach(() => cleanup());

  it('generates a key pair, signs a bundle with it, trusts it, verifies and imports (twice)', async () => {
    const gen = await attest(['keys', 'generate', '--out', join(dir, 'keys'), '--name', 'bank', '--json']);
    expect(gen.code).toBe(0);
    const { keyId, privateKey, publicKey } = JSON.parse(gen.stdout) as { keyId: string; privateKey: string; publicKey: string };
    expect(statSync(privateKey).mode & 0o777).toBe(0o600);
    expect((await attest(['keys', 'generate', '--out', join(dir, 'keys'), '--name', 'bank'])).code).toBe(2);

    const bundle = join(dir, 'snap.attest');
    await writeBundle(bundle, sampleBundleContent(), parsePrivateKeyPem(readFileSync(privateKey, 'utf8'), privateKey));

    const untrusted = await attest(['bundle', 'verify', bundle, '--workspace', ws]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toMatch(/NOT VERIFIED: .*does not trust/);
    expect((await attest(['import', bundle, '--workspace', ws])).stderr).toMatch(/does not trust/);

    const trusted = await attest(['keys', 'trust', publicKey, '--label', 'Bank sync', '--workspace', ws]);
    expect(trusted).toMatchObject({ code: 0 });
    expect(trusted.stdout).toContain(`Trusted key ${keyId} (Bank sync)`);
    expect((await attest(['keys', 'trust', publicKey, '--workspace', ws])).stdout).toMatch(/already trusted; nothing changed/);
    expect((await attest(['keys', 'list', '--workspace', ws])).stdout).toContain(keyId);

    const verified = await attest(['bundle', 'verify', bundle, '--workspace', ws]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^VERIFIED: /);
    expect((await attest(['bundle', 'verify', bundle, '--key', publicKey])).code).toBe(0);

    const imported = await attest(['import', bundle, '--workspace', ws, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ alreadyImported: false, verification: 'verified', counts: { decisions: 3 } });
    const again = await attest(['import', bundle, '--workspace', ws]);
    expect(again.stdout).toMatch(/Already imported as snapshot 1/);

    const second = join(dir, 'snap2.attest');
    const key = parsePrivateKeyPem(readFileSync(privateKey, 'utf8'), privateKey);
    await writeBundle(second, sampleBundleContent({ observedAt: '2026-02-10T00:00:00.000Z', sequence: 2, versions: ['1', '2', '3'], champion: '3' }), key);
    expect((await attest(['import', second, '--workspace', ws])).code).toBe(0);
    const history = await attest(['history', '--workspace', ws]);
    expect(history.stdout).toMatch(/1 +2026-01-10T12:00:00\.000Z +bundle/);
    const diff = await attest(['diff', '1', '2026-02-10', '--workspace', ws]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('Versions added:\n  credit-pd v3');
    expect(diff.stdout).toContain('credit-pd@champion: 1 -> 3');
    const lineage = await attest(['import', sharedFixturesDir('openlineage', 'events', 'fluentd_event_no_run_id.json'), '--workspace', ws]);
    expect(lineage.code).toBe(2);
    expect(lineage.stderr).toMatch(/fluentd_event_no_run_id\.json, line 1: the event has a run without a runId/);
  });

  it('bundle verify exits 1 naming the altered member', async () => {
    const gen = JSON.parse((await attest(['keys', 'generate', '--out', dir, '--json'])).stdout) as { privateKey: string; publicKey: string };
    const bundle = join(dir, 'snap.attest');
    await writeBundle(bundle, sampleBundleContent(), parsePrivateKeyPem(readFileSync(gen.privateKey, 'utf8'), 'key'));
    const bytes = Buffer.from(readFileSync(bundle));
    const runs = tarEntries(bytes).find((e) => e.name === 'registry/runs.jsonl')!;
    bytes[runs.dataAt + 3]! ^= 1;
    writeFileSync(bundle, bytes);
    const result = await attest(['bundle', 'verify', bundle, '--key', gen.publicKey]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/member registry\/runs\.jsonl has been altered/);
  });
});
