import { createHash } from 'node:crypto';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../../shared/schemas/bundle';
import { readBundle } from '../../../electron/main/sync/bundle-reader';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import { keyIdOf, publicKeyOf, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { sampleBundleContent } from '../../support/fixtures';
import { signedHeaderEntries, tarEntries, writeTar } from '../../support/tamper';
import { makeTempDir } from '../../support/temp';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));
const OTHER = signingKeyFromSeed(new Uint8Array(32).fill(9));
const trustOnly = (key: typeof KEY) => (keyId: string) =>
  keyId === keyIdOf(publicKeyOf(key)) ? { key: publicKeyOf(key), label: 'test' } : null;

async function readAll(path: string, trusted = KEY, allowUnverified = false) {
  const seen: string[] = [];
  const bundle = await readBundle(path, {
    trustedKey: trustOnly(trusted),
    allowUnverified,
    onMember: async (member, data) => {
      for await (const chunk of data) void chunk;
      seen.push(member.path);
    },
  });
  return { bundle, seen };
}

describe('readBundle', () => {
  let dir = '';
  let cleanup = () => {};
  let good = '';
  let manifest: BundleManifest;
  beforeEach(async () => {
    ({ dir, cleanup } = makeTempDir());
    good = join(dir, 'good.attest');
    manifest = await writeBundle(good, sampleBundleContent(), KEY);
  });
  afterEach(() => cleanup());

  it('reads a signed bundle, verified, handing over every member in order', async () => {
    const { bundle, seen } = await readAll(good);
    expect(bundle.verification).toBe('verified');
    expect(bundle.signerKeyId).toBe(keyIdOf(publicKeyOf(KEY)));
    expect(seen).toEqual(manifest.members.map((m) => m.path));
    expect(bundle.manifestSha256).toBe(createHash('sha256').update(tarManifest(good)).digest('hex'));
  });

  it('reads a gzip bundle the same way', async () => {
    const gz = join(dir, 'good.attest.tar.gz');
    await writeBundle(gz, sampleBundleContent(), KEY);
    expect((await readAll(gz)).seen).toHaveLength(manifest.members.length);
  });

  it('refuses one flipped byte in any member, naming that member', async () => {
    const bytes = readFileSync(good);
    for (const entry of tarEntries(bytes).slice(2)) {
      const tampered = Buffer.from(bytes);
      tampered[entry.dataAt + Math.floor(entry.size / 2)]! ^= 0x01;
      const path = join(dir, 'flipped.attest');
      writeFileSync(path, tampered);
      await expect(readAll(path)).rejects.toThrow(new RegExp(`member ${escape(entry.name)} has been altered`));
    }
  });

  it('refuses a flipped byte in the manifest (signature no longer matches)', async () => {
    const bytes = Buffer.from(readFileSync(good));
    const at = bytes.indexOf('"observedAt": "2026-01-10');
    bytes[at + 17] = '7'.charCodeAt(0);
    writeFileSync(join(dir, 'm.attest'), bytes);
    await expect(readAll(join(dir, 'm.attest'))).rejects.toThrow(/signature does not match its manifest/);
  });

  it('refuses a bundle signed by a key the workspace does not trust, unless unverified is allowed', async () => {
    await expect(readAll(good, OTHER)).rejects.toThrow(/does not trust/);
    const { bundle } = await readAll(good, OTHER, true);
    expect(bundle.verification).toBe('unverified');
    expect(bundle.unverifiedReason).toMatch(/does not trust/);
  });

  it('refuses a swapped member: another bundle\'s member under the same name', async () => {
    const other = join(dir, 'other.attest');
    await writeBundle(other, sampleBundleContent({ decisions: 4 }), KEY);
    const a = readFileSync(good);
    const b = readFileSync(other);
    const entriesA = tarEntries(a);
    const entriesB = tarEntries(b);
    const decisionsA = entriesA.find((e) => e.name === 'decisions/decisions.jsonl')!;
    const decisionsB = entriesB.find((e) => e.name === 'decisions/decisions.jsonl')!;
    const spliced = Buffer.concat([a.subarray(0, decisionsA.headerAt), b.subarray(decisionsB.headerAt, decisionsB.dataAt + Math.ceil(decisionsB.size / 512) * 512), a.subarray(decisionsA.dataAt + Math.ceil(decisionsA.size / 512) * 512)]);
    writeFileSync(join(dir, 'swapped.attest'), spliced);
    await expect(readAll(join(dir, 'swapped.attest'))).rejects.toThrow(/member decisions\/decisions\.jsonl is \d+ bytes; the manifest says/);
  });

  it('refuses members in a different order than the manifest', async () => {
    const bytes = readFileSync(good);
    const entries = tarEntries(bytes).map((e) => ({ name: e.name, body: bytes.subarray(e.dataAt, e.dataAt + e.size) }));
    const [m, s, first, second, ...rest] = entries;
    await writeTar(join(dir, 'order.attest'), [m!, s!, second!, first!, ...rest]);
    await expect(readAll(join(dir, 'order.attest'))).rejects.toThrow(/out of place/);
  });

  it('refuses truncated files at any cut', async () => {
    const bytes = readFileSync(good);
    for (const cut of [100, 700, 1536, Math.floor(bytes.length / 2), bytes.length - 1500]) {
      writeFileSync(join(dir, 'cut.attest'), bytes.subarray(0, cut));
      await expect(readAll(join(dir, 'cut.attest'))).rejects.toThrow(/truncated|ends before|damaged/);
    }
  });

  it('refuses entry paths escaping the archive, extra members, duplicates and links', async () => {
    const empty = { ...manifest, members: [] };
    const header = signedHeaderEntries(empty, KEY);
    const cases: [string, Parameters<typeof writeTar>[1], RegExp][] = [
      ['escape', [...header, { name: '../evil', body: Buffer.from('x') }], /"\.\.\/evil" is not allowed \(escapes the archive/],
      ['absolute', [...header, { name: '/etc/passwd', body: Buffer.from('x') }], /absolute path/],
      ['extra', [...header, { name: 'extra.jsonl', body: Buffer.from('x') }], /extra\.jsonl is not listed in the signed manifest/],
    ];
    const one = manifest.members.find((m) => m.kind === 'outcomes')!;
    const body = entryBody(good, one.path);
    const single = signedHeaderEntries({ ...manifest, members: [one] }, KEY);
    cases.push(['duplicate', [...single, { name: one.path, body }, { name: one.path, body }], /outcomes\.jsonl appears twice/]);
    cases.push(['symlink', [...single, { name: one.path, type: 'symlink', linkname: '/etc/passwd' }], /is a symlink, not a regular file/]);
    cases.push(['manifest-escape', [...signedHeaderEntries({ ...manifest, members: [{ ...one, path: 'a/../../x' }] }, KEY)], /escapes the archive/]);
    cases.push(['no-manifest', [{ name: 'hello.txt', body: Buffer.from('hi') }], /has "hello\.txt" where manifest\.json must be/]);
    for (const [name, entries, error] of cases) {
      await writeTar(join(dir, `${name}.attest`), entries);
      await expect(readAll(join(dir, `${name}.attest`)), name).rejects.toThrow(error);
    }
  });

  it('refuses a file that is not a tar at all, and a missing file', async () => {
    writeFileSync(join(dir, 'text.attest'), 'hello '.repeat(300));
    await expect(readAll(join(dir, 'text.attest'))).rejects.toThrow(/damaged or truncated/);
    await expect(readAll(join(dir, 'none.attest'))).rejects.toThrow(/Cannot read the bundle/);
    symlinkSync(good, join(dir, 'link.attest'));
    expect((await readAll(join(dir, 'link.attest'))).bundle.verification).toBe('verified');
  });
});

function tarManifest(path: string): Buffer {
  return entryBody(path, 'manifest.json');
}

function entryBody(path: string, name: string): Buffer {
  const bytes = readFileSync(path);
  const entry = tarEntries(bytes).find((e) => e.name === name)!;
  return bytes.subarray(entry.dataAt, entry.dataAt + entry.size);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
