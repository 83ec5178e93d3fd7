import { type KeyObject, createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BundleManifest } from '../../shared/schemas/bundle';
import { sha256Hex } from '../../electron/main/core/hashing';
import { createMain } from '../../electron/main/main-context';
import { trustKey } from '../../electron/main/store/trust-repo';
import { publicKeyPem, signingKeyFromSeed } from '../../electron/main/sync/keys';
import { signedHeaderEntries, tarEntries, writeTar } from './tamper';
import { makeTempDir } from './temp';

/** The key the hardening workspace trusts; bundles signed with it import. */
export const TRUSTED_KEY = signingKeyFromSeed(new Uint8Array(32).fill(11));
/** A well-formed key the workspace does not trust (the "wrong key" cases). */
export const STRANGER_KEY = signingKeyFromSeed(new Uint8Array(32).fill(13));

/** What must not change when Attest refuses an input: the database bytes and the artifact store's listing. */
export interface WorkspaceSnapshot {
  /** SHA-256 of attest.db (and of its WAL, when one was left behind). */
  db: string;
  /** Every file under artifacts/ with its size, sorted. */
  artifacts: string[];
}

/** Fingerprint a workspace folder; compare two with toEqual. The workspace must be closed (CLI runs are). */
export function snapshotWorkspace(dir: string): WorkspaceSnapshot {
  const hash = createHash('sha256');
  for (const name of ['attest.db', 'attest.db-wal']) {
    const file = join(dir, name);
    // An empty or absent WAL is the same state as none: SQLite removes it on a clean close.
    if (existsSync(file) && statSync(file).size > 0) hash.update(name).update(readFileSync(file));
  }
  return { db: hash.digest('hex'), artifacts: listFiles(join(dir, 'artifacts'), join(dir, 'artifacts')) };
}

function listFiles(root: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, join(dir, e.name)) : [`${relative(root, join(dir, e.name))} ${statSync(join(dir, e.name)).size}`]))
    .sort();
}

/** A temp folder holding `ws/`, a created workspace that trusts TRUSTED_KEY; inputs go beside it. */
export function makeHardeningWorkspace(prefix = 'attest-hardening-'): { root: string; ws: string; cleanup: () => void } {
  const temp = makeTempDir(prefix);
  const ws = join(temp.dir, 'ws');
  createTrustingWorkspace(ws);
  return { root: temp.dir, ws, cleanup: temp.cleanup };
}

/** Create a workspace at `ws` that trusts TRUSTED_KEY, and close it. */
export function createTrustingWorkspace(ws: string): void {
  const main = createMain({ workspaceDir: ws, create: true, actor: { user: 'tester', displayName: 'Test Officer' } });
  try {
    trustKey(main.ctx.workspace.db, publicKeyPem(TRUSTED_KEY), 'hardening tests', main.ctx.actor, '2026-01-01T00:00:00.000Z');
  } finally {
    main.close();
  }
}

/**
 * Append `copies` gzip members, each holding `chunk`, to `file`: a gzip reader inflates them as one stream, so a
 * file of a few megabytes stands for gigabytes without the gigabytes ever existing here.
 */
export function appendGzipCopies(file: string, chunk: Buffer, copies: number): void {
  const member = gzipSync(chunk, { level: 9 });
  const fd = openSync(file, 'a');
  try {
    for (let i = 0; i < copies; i++) writeSync(fd, member);
  } finally {
    closeSync(fd);
  }
}

/**
 * Rewrite a plain-tar bundle with some members' bytes replaced, the manifest updated to match and signed again
 * by `key`: hostile content that passes the signature and hash checks, so the record parsers are what is tested.
 */
export async function resignBundle(from: string, to: string, replace: Record<string, Buffer>, key: KeyObject): Promise<void> {
  const bytes = readFileSync(from);
  const entries = tarEntries(bytes);
  const body = (name: string) => {
    const e = entries.find((x) => x.name === name);
    if (!e) throw new Error(`The bundle has no ${name}.`);
    return replace[name] ?? bytes.subarray(e.dataAt, e.dataAt + e.size);
  };
  const manifest = BundleManifest.parse(JSON.parse(body('manifest.json').toString('utf8')));
  for (const member of manifest.members) {
    const data = replace[member.path];
    if (!data) continue;
    member.sha256 = sha256Hex(data);
    member.size = data.length;
    if (member.records !== undefined) member.records = data.toString('latin1').split('\n').filter((l) => l.trim() !== '').length;
  }
  const members = manifest.members.map((m) => ({ name: m.path, body: body(m.path) }));
  await writeTar(to, [...signedHeaderEntries(manifest, key), ...members]);
}

/** A ustar header for a regular file of `size` bytes (sizes up to 8 GiB), for archives streamed by hand. */
export function tarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'ascii');
  header.write('0000000\0', 108, 'ascii');
  header.write('0000000\0', 116, 'ascii');
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write('00000000000\0', 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}
