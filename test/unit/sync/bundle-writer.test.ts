import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleManifest, BundleSignature } from '../../../shared/schemas/bundle';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { keyIdOf, publicKeyOf, signingKeyFromSeed, verifyBytes } from '../../../electron/main/sync/keys';
import { SAMPLE_ARTIFACT_SHA, sampleBundleContent } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));

async function entriesOf(bytes: Buffer): Promise<{ name: string; type: string; body: Buffer }[]> {
  const extract = tar.extract();
  const result: { name: string; type: string; body: Buffer }[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      result.push({ name: entry.header.name, type: entry.header.type, body: Buffer.concat(chunks) });
    }
  })();
  extract.end(bytes);
  await done;
  return result;
}

describe('writeBundle', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  function dir(): string {
    const t = makeTempDir();
    cleanup = t.cleanup;
    return t.dir;
  }

  it('writes manifest.json, manifest.sig, then members whose hashes and sizes the manifest states', async () => {
    const out = join(dir(), 'snap.attest');
    const manifest = await writeBundle(out, sampleBundleContent(), KEY);
    const entries = await entriesOf(readFileSync(out));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'manifest.sig', ...manifest.members.map((m) => m.path)]);
    expect(entries.every((e) => e.type === 'file')).toBe(true);
    const [manifestEntry, sigEntry, ...members] = entries;
    expect(BundleManifest.parse(JSON.parse(manifestEntry!.body.toString()))).toEqual(manifest);
    for (const [i, member] of members.entries()) {
      expect(createHash('sha256').update(member.body).digest('hex')).toBe(manifest.members[i]!.sha256);
      expect(member.body.length).toBe(manifest.members[i]!.size);
    }
    const sig = BundleSignature.parse(JSON.parse(sigEntry!.body.toString()));
    expect(sig.keyId).toBe(keyIdOf(publicKeyOf(KEY)));
    expect(verifyBytes(publicKeyOf(KEY), manifestEntry!.body, Buffer.from(sig.signature, 'base64'))).toBe(true);
    expect(manifest.members.find((m) => m.kind === 'decisions')?.records).toBe(3);
    expect(manifest.createdAt).toBe(manifest.observedAt);
    expect(members.at(-1)!.name).toBe(`artifacts/${SAMPLE_ARTIFACT_SHA}`);
  });

  it('is deterministic: the same content gives byte-identical files, tar and gzip', async () => {
    const d = dir();
    for (const ext of ['attest', 'attest.tar.gz']) {
      await writeBundle(join(d, `a.${ext}`), sampleBundleContent(), KEY);
      await writeBundle(join(d, `b.${ext}`), sampleBundleContent(), KEY);
      expect(readFileSync(join(d, `a.${ext}`)).equals(readFileSync(join(d, `b.${ext}`)))).toBe(true);
    }
    const gz = readFileSync(join(d, 'a.attest.tar.gz'));
    expect(gz[0]).toBe(0x1f);
    expect(gunzipSync(gz).equals(readFileSync(join(d, 'a.attest')))).toBe(true);
  });

  it('accepts async iterables and writes one JSON line per record', async () => {
    const out = join(dir(), 'async.attest');
    async function* outcomes() {
      for (let i = 0; i < 5; i++) {
        await Promise.resolve(); // a real producer awaits a database or the network between records
        yield { decisionId: `d-${i}`, outcome: 'repaid', observedAt: '2026-01-01T00:00:00.000Z' };
      }
    }
    const content = { ...sampleBundleContent(), members: [{ path: 'o.jsonl', kind: 'outcomes' as const, records: outcomes() }] };
    const manifest = await writeBundle(out, content, KEY);
    const body = (await entriesOf(readFileSync(out)))[2]!.body.toString();
    expect(body.trimEnd().split('\n')).toHaveLength(5);
    expect(manifest.members[0]!.records).toBe(5);
  });

  it('refuses an invalid record, naming the member and record number, and leaves no file', async () => {
    const d = dir();
    const content = sampleBundleContent();
    content.members = [{ path: 'd.jsonl', kind: 'decisions', records: [{ decisionId: 'x' }] }];
    await expect(writeBundle(join(d, 'bad.attest'), content, KEY)).rejects.toThrow(/Member d\.jsonl, record 1: model/);
    expect(() => readFileSync(join(d, 'bad.attest'))).toThrow();
  });

  it('refuses unsafe, duplicate and misnamed member paths', async () => {
    const d = dir();
    const base = sampleBundleContent();
    const outcomes = { kind: 'outcomes' as const, records: [] };
    await expect(writeBundle(join(d, 'x'), { ...base, members: [{ path: '../x', ...outcomes }] }, KEY)).rejects.toThrow(/escapes/);
    await expect(writeBundle(join(d, 'x'), { ...base, members: [{ path: '/etc/x', ...outcomes }] }, KEY)).rejects.toThrow(/absolute/);
    await expect(
      writeBundle(join(d, 'x'), { ...base, members: [{ path: 'a', ...outcomes }, { path: 'a', ...outcomes }] }, KEY),
    ).rejects.toThrow(/used twice/);
    await expect(
      writeBundle(join(d, 'x'), { ...base, members: [{ path: 'artifacts/abc', kind: 'artifact', bytes: new Uint8Array([1]) }] }, KEY),
    ).rejects.toThrow(/must be stored at artifacts\//);
  });
});
