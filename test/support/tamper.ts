import type { KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as tar from 'tar-stream';
import type { BundleManifest } from '../../shared/schemas/bundle';
import { manifestText } from '../../electron/main/sync/bundle-writer';
import { keyIdOf, publicKeyOf, signBytes } from '../../electron/main/sync/keys';

/** Where each entry of a plain (uncompressed) tar sits: header offset, data offset, size. */
export function tarEntries(bytes: Buffer): { name: string; headerAt: number; dataAt: number; size: number }[] {
  const result: { name: string; headerAt: number; dataAt: number; size: number }[] = [];
  let at = 0;
  while (at + 512 <= bytes.length && bytes[at] !== 0) {
    const name = bytes.subarray(at, at + 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(bytes.subarray(at + 124, at + 136).toString('utf8').replace(/\0.*$/s, '').trim(), 8);
    result.push({ name, headerAt: at, dataAt: at + 512, size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return result;
}

export interface CraftedEntry {
  name: string;
  body?: Buffer;
  type?: 'file' | 'symlink' | 'link' | 'directory';
  linkname?: string;
}

/** Write an arbitrary tar (for hostile-bundle tests), built in memory. */
export async function writeTar(path: string, entries: CraftedEntry[]): Promise<void> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const e of entries) {
    const header = { name: e.name, type: e.type ?? 'file', mtime: new Date(0), ...(e.linkname ? { linkname: e.linkname } : {}) };
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error | null) => (err ? reject(err) : resolve());
      if (e.type && e.type !== 'file') pack.entry(header, done);
      else pack.entry(header, e.body ?? Buffer.alloc(0), done);
    });
  }
  pack.finalize();
  await collected;
  writeFileSync(path, Buffer.concat(chunks));
}

/** The manifest and signature entries for `manifest`, signed by `key`. */
export function signedHeaderEntries(manifest: BundleManifest, key: KeyObject): CraftedEntry[] {
  const manifestBytes = Buffer.from(manifestText(manifest));
  const sig = { algorithm: 'ed25519', keyId: keyIdOf(publicKeyOf(key)), signature: signBytes(key, manifestBytes).toString('base64') };
  return [
    { name: 'manifest.json', body: manifestBytes },
    { name: 'manifest.sig', body: Buffer.from(JSON.stringify(sig)) },
  ];
}
