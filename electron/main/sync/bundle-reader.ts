import { type Hash, type KeyObject, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { BundleManifest, BundleSignature, type ManifestMember } from '../../../shared/schemas/bundle';
import type { Verification } from '../../../shared/schemas/sync';
import { AttestError } from '../core/errors';
import { MANIFEST_PATH, MAX_HEADER_ENTRY_BYTES, SIGNATURE_PATH, assertSafeMemberPath } from './bundle-layout';
import { checkManifestMembers, parseJsonEntry, tamperedHint } from './bundle-checks';
import { ByteBudget } from './byte-budget';
import { verifyBytes } from './keys';

/** A bundle whose manifest has been read and whose signature has been checked. */
export interface OpenedBundle {
  path: string;
  manifest: BundleManifest;
  /** SHA-256 of manifest.json's bytes: identifies the bundle's whole content (it lists every member's hash). */
  manifestSha256: string;
  manifestJson: string;
  verification: Exclude<Verification, 'not-signed-source'>;
  signerKeyId: string | null;
  signerLabel: string | null;
  /** Why the bundle is unverified (no signature, unknown key, bad signature); null when verified. */
  unverifiedReason: string | null;
}

/** How the reader learns which keys to trust and what to do with each member. */
export interface ReadBundleOptions {
  trustedKey(keyId: string): { key: KeyObject; label: string } | null;
  /** Accept a bundle whose signature does not verify against a trusted key (it is then 'unverified'). */
  allowUnverified?: boolean;
  /** Called after the signature check and before any member is read; return 'stop' to read no further. */
  onManifest?(bundle: OpenedBundle): 'continue' | 'stop' | Promise<'continue' | 'stop'>;
  /** Consume one member's bytes. A member's hash is checked when it ends; an error then discards the work. */
  onMember?(member: ManifestMember, data: AsyncIterable<Buffer>): Promise<void>;
}

/**
 * Stream a bundle (docs/bundle-format.md): manifest, signature check against trusted keys, then every member,
 * each checked for safe path, manifest order, size and SHA-256. Throws `integrity` naming the member at fault.
 * Memory stays flat: members are handed over chunk by chunk.
 */
export async function readBundle(path: string, options: ReadBundleOptions): Promise<OpenedBundle> {
  const { extract, budget } = await openArchive(path);
  const entries = extract[Symbol.asyncIterator]();
  try {
    const bundle = await readHeader(path, entries, options);
    budget.setLimit(archiveBytesAllowed(bundle.manifest.members));
    if ((await options.onManifest?.(bundle)) === 'stop') return bundle;
    await readMembers(path, bundle.manifest, entries, options);
    return bundle;
  } catch (error) {
    throw asIntegrityError(error, path);
  } finally {
    extract.destroy();
  }
}

/** The unpacked archive may hold the declared members, their tar headers and padding, and the end blocks. */
function archiveBytesAllowed(members: readonly ManifestMember[]): number {
  return HEADER_BUDGET + members.reduce((sum, m) => sum + 1024 + Math.ceil(m.size / 512) * 512, 0) + 64 * 1024;
}

/** Before the manifest is read: room for the manifest, the signature and their headers, and no more. */
const HEADER_BUDGET = 2 * MAX_HEADER_ENTRY_BYTES + 64 * 1024;

async function openArchive(path: string): Promise<{ extract: tar.Extract; budget: ByteBudget }> {
  const magic = Buffer.alloc(2);
  try {
    const handle = await open(path, 'r');
    await handle.read(magic, 0, 2, 0).finally(() => handle.close());
  } catch {
    throw new AttestError('not-found', `Cannot read the bundle ${path}.`, 'Check the path and that the file is readable.');
  }
  const extract = tar.extract();
  const file = createReadStream(path);
  file.on('error', (error) => extract.destroy(error));
  const gunzip = magic[0] === 0x1f && magic[1] === 0x8b ? createGunzip() : null;
  const budget = new ByteBudget(HEADER_BUDGET, (limit) =>
    limit === HEADER_BUDGET
      ? new AttestError('integrity', `${path} holds no manifest.json in its first ${Math.round(limit / 2 ** 20)} MiB: it is not a bundle, or it is damaged.`, tamperedHint)
      : new AttestError('integrity', `${path} unpacks to more than its manifest declares (over ${limit} bytes): it is not a well-formed bundle.`, tamperedHint),
  );
  budget.on('error', (error) => extract.destroy(error));
  // When reading stops (refused, finished, cancelled) the streams feeding the extractor stop too: otherwise a
  // decompression bomb keeps inflating after its refusal until the whole file has been read.
  extract.on('close', () => {
    budget.destroy();
    gunzip?.destroy();
    file.destroy();
  });
  if (gunzip) {
    gunzip.on('error', (error) => extract.destroy(error));
    file.pipe(gunzip).pipe(budget).pipe(extract);
  } else {
    file.pipe(budget).pipe(extract);
  }
  return { extract, budget };
}

type EntryIterator = AsyncIterator<tar.Extract extends AsyncIterable<infer E> ? E : never>;

async function readHeader(path: string, entries: EntryIterator, options: ReadBundleOptions): Promise<OpenedBundle> {
  const manifestBytes = await readSmallEntry(path, entries, MANIFEST_PATH);
  const manifest = parseJsonEntry(BundleManifest, manifestBytes, `${path}: ${MANIFEST_PATH}`);
  checkManifestMembers(path, manifest);
  const signature = parseJsonEntry(BundleSignature, await readSmallEntry(path, entries, SIGNATURE_PATH), `${path}: ${SIGNATURE_PATH}`);
  const base = {
    path,
    manifest,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
    manifestJson: manifestBytes.toString('utf8'),
    signerKeyId: signature.keyId,
  };
  const trusted = options.trustedKey(signature.keyId);
  let reason: string | null = null;
  if (!trusted) reason = `it is signed by key ${signature.keyId}, which this workspace does not trust`;
  else if (!verifyBytes(trusted.key, manifestBytes, Buffer.from(signature.signature, 'base64'))) {
    reason = `its signature does not match its manifest for trusted key ${signature.keyId} (${trusted.label})`;
  }
  if (reason === null) return { ...base, verification: 'verified', signerLabel: trusted?.label ?? null, unverifiedReason: null };
  if (!options.allowUnverified) {
    throw new AttestError(
      'integrity',
      `The bundle ${path} cannot be trusted: ${reason}. Nothing was imported.`,
      trusted
        ? tamperedHint
        : 'If you know the sender, trust their public key with `attest keys trust KEY.pub.pem`; or import with --allow-unverified (the snapshot is then marked unverified everywhere).',
    );
  }
  return { ...base, verification: 'unverified', signerLabel: null, unverifiedReason: reason };
}

async function readSmallEntry(path: string, entries: EntryIterator, expected: string): Promise<Buffer> {
  const next = await entries.next();
  if (next.done) throw new AttestError('integrity', `The bundle ${path} ends before its ${expected}.`, tamperedHint);
  const entry = next.value;
  if (entry.header.name !== expected || entry.header.type !== 'file') {
    throw new AttestError('integrity', `The bundle ${path} has "${entry.header.name}" where ${expected} must be.`, 'Is this an Attest bundle? ' + tamperedHint);
  }
  if (entry.header.size > MAX_HEADER_ENTRY_BYTES) {
    throw new AttestError('integrity', `${path}: ${expected} is ${entry.header.size} bytes, more than any real manifest.`, tamperedHint);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readMembers(path: string, manifest: BundleManifest, entries: EntryIterator, options: ReadBundleOptions): Promise<void> {
  const expectedPaths = new Set(manifest.members.map((m) => m.path));
  const seen = new Set<string>();
  for (const member of manifest.members) {
    const next = await entries.next();
    if (next.done) {
      throw new AttestError('integrity', `The bundle ${path} is truncated: member ${member.path} (and any after it) is missing.`, tamperedHint);
    }
    const entry = next.value;
    const name = entry.header.name;
    const where = `${path}: member ${name}`;
    assertSafeMemberPath(name, path);
    if (entry.header.type !== 'file') throw new AttestError('integrity', `${where} is a ${entry.header.type}, not a regular file.`, tamperedHint);
    if (seen.has(name)) throw new AttestError('integrity', `${where} appears twice.`, tamperedHint);
    if (!expectedPaths.has(name)) throw new AttestError('integrity', `${where} is not listed in the signed manifest.`, tamperedHint);
    if (name !== member.path) throw new AttestError('integrity', `${where} is out of place: the manifest lists ${member.path} next.`, tamperedHint);
    if (entry.header.size !== member.size) {
      throw new AttestError('integrity', `${where} is ${entry.header.size} bytes; the manifest says ${member.size}.`, tamperedHint);
    }
    seen.add(name);
    await consumeMember(where, member, entry, options);
  }
  const extra = await entries.next();
  if (!extra.done) {
    const name = extra.value.header.name;
    assertSafeMemberPath(name, path);
    const problem = seen.has(name) ? 'appears twice' : 'is not listed in the signed manifest';
    throw new AttestError('integrity', `${path}: member ${name} ${problem}.`, tamperedHint);
  }
}

async function consumeMember(where: string, member: ManifestMember, entry: AsyncIterable<unknown>, options: ReadBundleOptions): Promise<void> {
  const meter = new MemberMeter(entry);
  let consumerError: ConsumerFailure | null = null;
  try {
    if (options.onMember) await options.onMember(member, meter);
  } catch (error) {
    consumerError = new ConsumerFailure(error);
  }
  await meter.drain();
  const sha256 = meter.hash.digest('hex');
  // A hash mismatch explains any parse error the consumer hit, so it is reported first.
  if (meter.size !== member.size || sha256 !== member.sha256) {
    throw new AttestError('integrity', `${where} has been altered: its SHA-256 is ${sha256}, the signed manifest says ${member.sha256}.`, tamperedHint);
  }
  if (consumerError !== null) throw consumerError;
}

/** Hands a member's chunks to the consumer while hashing them; no `return()`, so a consumer that stops early does not end the archive. */
class MemberMeter implements AsyncIterable<Buffer> {
  readonly hash: Hash = createHash('sha256');
  size = 0;
  private readonly source: AsyncIterator<unknown>;
  constructor(entry: AsyncIterable<unknown>) {
    this.source = entry[Symbol.asyncIterator]();
  }
  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return { next: () => this.next() };
  }
  async drain(): Promise<void> {
    while (!(await this.next()).done);
  }
  private async next(): Promise<IteratorResult<Buffer>> {
    const result = await this.source.next();
    if (result.done) return { done: true, value: undefined };
    const chunk = result.value as Buffer;
    this.hash.update(chunk);
    this.size += chunk.length;
    return { done: false, value: chunk };
  }
}

/** An error of the member consumer (not of the archive): passed through unchanged. */
class ConsumerFailure extends Error {
  constructor(readonly original: unknown) {
    super('member consumer failed');
  }
}

function asIntegrityError(error: unknown, path: string): unknown {
  if (error instanceof ConsumerFailure) return error.original;
  if (error instanceof AttestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AttestError('integrity', `The bundle ${path} is damaged or truncated (${message}).`, tamperedHint);
}
