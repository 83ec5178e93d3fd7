import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestText } from '../../../electron/main/sync/bundle-writer';
import { keyIdOf, publicKeyOf, signBytes } from '../../../electron/main/sync/keys';
import type { BundleManifest } from '../../../shared/schemas/bundle';
import { runAttest } from '../../support/cli';
import { TRUSTED_KEY, appendGzipCopies, makeHardeningWorkspace, snapshotWorkspace, tarHeader } from '../../support/hardening';

const CHUNK = 16 * 1024 * 1024;
const GiB = 1024 * 1024 * 1024;

/** A tar entry's bytes padded to the 512-byte block. */
function entry(name: string, body: Buffer): Buffer {
  return Buffer.concat([tarHeader(name, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

/** The manifest and signature entries of a trusted-signed bundle with one decisions member of `size` bytes. */
function signedHead(sha256: string, size: number): Buffer {
  const manifest: BundleManifest = {
    format: 'attest-bundle/1',
    producer: { name: 'attest', version: '1' },
    createdAt: '2026-01-10T12:00:00.000Z',
    observedAt: '2026-01-10T12:00:00.000Z',
    sources: {},
    sequence: 1,
    scope: 'incremental',
    members: [{ path: 'decisions/decisions.jsonl', kind: 'decisions', sha256, size, records: 1 }],
  };
  const bytes = Buffer.from(manifestText(manifest));
  const sig = { algorithm: 'ed25519', keyId: keyIdOf(publicKeyOf(TRUSTED_KEY)), signature: signBytes(TRUSTED_KEY, bytes).toString('base64') };
  return Buffer.concat([entry('manifest.json', bytes), entry('manifest.sig', Buffer.from(JSON.stringify(sig)))]);
}

// Inputs that would take gigabytes of memory or minutes if Attest inflated or buffered them: each is a few
// megabytes on disk, generated here, and must be refused quickly, with one line, leaving the workspace as it was.
describe('oversized inputs', () => {
  let env: ReturnType<typeof makeHardeningWorkspace>;
  beforeAll(() => {
    env = makeHardeningWorkspace();
  });
  afterAll(() => env.cleanup());

  function expectQuickRefusal(file: string, error: RegExp, seconds: number): void {
    const before = snapshotWorkspace(env.ws);
    const started = Date.now();
    const result = runAttest(['import', file, '--workspace', env.ws]);
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('attest: '));
    expect({ code: result.code, errors: errors.length }, result.stderr).toEqual({ code: 2, errors: 1 });
    expect(errors[0]).toMatch(error);
    expect((Date.now() - started) / 1000).toBeLessThan(seconds);
    expect(snapshotWorkspace(env.ws)).toEqual(before);
  }

  it('refuses a gzip of 8 GiB of zeros at once (it is not an archive), without inflating it', () => {
    const file = join(env.root, 'zeros.attest.gz');
    writeFileSync(file, '');
    appendGzipCopies(file, Buffer.alloc(CHUNK), (8 * GiB) / CHUNK);
    expectQuickRefusal(file, /zeros\.attest\.gz (ends before its manifest\.json|holds no manifest\.json in its first \d+ MiB)/, 8);
  });

  it('refuses a manifest.json entry that claims 8 GiB, before reading it', () => {
    const file = join(env.root, 'huge-manifest.attest.gz');
    writeFileSync(file, gzipSync(tarHeader('manifest.json', 8 * GiB - 1)));
    appendGzipCopies(file, Buffer.alloc(CHUNK, 0x20), 64);
    expectQuickRefusal(file, /manifest\.json is \d+ bytes, more than any real manifest/, 8);
  });

  it('refuses a signed decisions member whose single line is 1 GiB, without buffering the line', () => {
    const chunk = Buffer.alloc(CHUNK, 0x78);
    const hash = createHash('sha256');
    for (let i = 0; i < GiB / CHUNK; i++) hash.update(chunk);
    const file = join(env.root, 'long-line.attest.gz');
    writeFileSync(file, gzipSync(Buffer.concat([signedHead(hash.digest('hex'), GiB), tarHeader('decisions/decisions.jsonl', GiB)])));
    appendGzipCopies(file, chunk, GiB / CHUNK);
    appendGzipCopies(file, Buffer.alloc(1024), 1);
    expectQuickRefusal(file, /decisions\.jsonl, line 1 is longer than/, 40);
  });
});
