import { type KeyObject, createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import type { z } from 'zod';
import { BundleManifest, BundleSignature, type ManifestMember, type MemberKind } from '../../../shared/schemas/bundle';
import { IsoTime } from '../../../shared/schemas/common';
import { AttestError } from '../core/errors';
import { canonicalJson, sha256Hex } from '../core/hashing';
import {
  ARTIFACTS_PREFIX,
  MANIFEST_PATH,
  PRODUCER,
  RECORD_SCHEMAS,
  SIGNATURE_PATH,
  assertSafeMemberPath,
  fixedHeader,
} from './bundle-layout';
import { keyIdOf, publicKeyOf, signBytes } from './keys';

/** One member to write: JSON-lines records of a kind, or an artifact's bytes (stored at `artifacts/<sha256>`). */
export type BundleMemberInput =
  | { path: string; kind: Exclude<MemberKind, 'artifact'>; records: Iterable<unknown> | AsyncIterable<unknown> }
  | { path: string; kind: 'artifact'; bytes: Uint8Array };

/** Everything a bundle holds besides the signature. */
export interface BundleContent {
  observedAt: string;
  sequence: number;
  scope: 'full' | 'incremental' | 'attestations';
  sources: { registry?: string; lineage?: string };
  /** Defaults to observedAt, so the same content always gives the same bytes. */
  createdAt?: string;
  members: BundleMemberInput[];
}

type HeaderArg = Partial<tar.Header> & { name: string };

interface StagedMember {
  entry: ManifestMember;
  /** A staged JSON-lines file, or the artifact bytes themselves. */
  source: { file: string } | { bytes: Uint8Array };
}

// Records are buffered into chunks of this size before each write, so huge members stream in bounded memory.
const WRITE_CHUNK_BYTES = 1 << 20;

/**
 * Write a signed snapshot bundle to `outPath` (docs/bundle-format.md): a tar archive (gzip-compressed when the
 * name ends in `.gz`) holding manifest.json, manifest.sig, then the members in the order given. Every record is
 * validated before it is written. Deterministic: the same content and key give byte-identical files.
 */
export async function writeBundle(outPath: string, content: BundleContent, signingKey: KeyObject): Promise<BundleManifest> {
  assertContent(content);
  const stagingDir = await mkdtemp(join(dirname(outPath), `.${basename(outPath)}.staging-`));
  try {
    const staged: StagedMember[] = [];
    for (const [index, member] of content.members.entries()) {
      staged.push(await stageMember(member, join(stagingDir, `member-${index}`)));
    }
    const manifest = BundleManifest.parse({
      format: 'attest-bundle/1',
      producer: PRODUCER,
      createdAt: content.createdAt ?? content.observedAt,
      observedAt: content.observedAt,
      sources: content.sources,
      sequence: content.sequence,
      scope: content.scope,
      members: staged.map((s) => s.entry),
    });
    const manifestBytes = Buffer.from(manifestText(manifest));
    const signature = BundleSignature.parse({
      algorithm: 'ed25519',
      keyId: keyIdOf(publicKeyOf(signingKey)),
      signature: signBytes(signingKey, manifestBytes).toString('base64'),
    });
    const signatureBytes = Buffer.from(`${JSON.stringify(signature, null, 2)}\n`);
    const partial = join(stagingDir, 'bundle.partial');
    await packArchive(partial, outPath.endsWith('.gz'), new Date(manifest.createdAt), manifestBytes, signatureBytes, staged);
    await rename(partial, outPath);
    return manifest;
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
  }
}

/** manifest.json's text: sorted keys, two-space indent, so it diffs and hashes stably. */
export function manifestText(manifest: BundleManifest): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;
}

function assertContent(content: BundleContent): void {
  for (const [field, value] of [['observedAt', content.observedAt], ['createdAt', content.createdAt]] as const) {
    if (value !== undefined && !IsoTime.safeParse(value).success) {
      throw new AttestError('bad-input', `Bundle ${field} "${value}" is not an ISO 8601 time.`, 'Use toISOString() form, e.g. 2026-03-14T09:30:00.000Z.');
    }
  }
  const seen = new Set<string>([MANIFEST_PATH, SIGNATURE_PATH]);
  for (const member of content.members) {
    assertSafeMemberPath(member.path, 'Bundle member');
    if (seen.has(member.path)) {
      throw new AttestError('bad-input', `Bundle member path "${member.path}" is used twice (or is reserved).`, 'Give every member its own path.');
    }
    seen.add(member.path);
  }
}

async function stageMember(member: BundleMemberInput, file: string): Promise<StagedMember> {
  if (member.kind === 'artifact') {
    const sha256 = sha256Hex(member.bytes);
    if (member.path !== `${ARTIFACTS_PREFIX}${sha256}`) {
      throw new AttestError(
        'bad-input',
        `Artifact member "${member.path}" must be stored at ${ARTIFACTS_PREFIX}${sha256} (its SHA-256).`,
        'Name artifact members by the SHA-256 of their bytes.',
      );
    }
    return { entry: { path: member.path, kind: 'artifact', sha256, size: member.bytes.length }, source: { bytes: member.bytes } };
  }
  const { sha256, size, records } = await writeRecords(member.path, member.kind, member.records, file);
  return { entry: { path: member.path, kind: member.kind, sha256, size, records }, source: { file } };
}

async function writeRecords(
  path: string,
  kind: Exclude<MemberKind, 'artifact'>,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  file: string,
): Promise<{ sha256: string; size: number; records: number }> {
  const schema = RECORD_SCHEMAS[kind];
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  let count = 0;
  let size = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    const chunk = Buffer.from(pending.join(''));
    hash.update(chunk);
    size += chunk.length;
    await handle.write(chunk);
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const record of records) {
      count += 1;
      const line = `${JSON.stringify(validRecord(schema, record, `Member ${path}, record ${count}`, kind))}\n`;
      pending.push(line);
      pendingBytes += line.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) await flush();
    }
    await flush();
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size, records: count };
}

function validRecord(schema: z.ZodType, record: unknown, where: string, kind: string): unknown {
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AttestError('bad-input', `${where}: ${issue?.path.join('.') || '(record)'}: ${issue?.message ?? 'invalid'}.`, `Fix the ${kind} record before writing the bundle.`);
}

async function packArchive(
  file: string,
  gzip: boolean,
  mtime: Date,
  manifestBytes: Buffer,
  signatureBytes: Buffer,
  staged: StagedMember[],
): Promise<void> {
  const pack = tar.pack();
  const out = createWriteStream(file);
  const written = gzip ? pipeline(pack, createGzip({ level: 6 }), out) : pipeline(pack, out);
  const fill = (async () => {
    await addBuffer(pack, fixedHeader(MANIFEST_PATH, manifestBytes.length, mtime), manifestBytes);
    await addBuffer(pack, fixedHeader(SIGNATURE_PATH, signatureBytes.length, mtime), signatureBytes);
    for (const { entry, source } of staged) {
      const header = fixedHeader(entry.path, entry.size, mtime);
      if ('bytes' in source) await addBuffer(pack, header, Buffer.from(source.bytes));
      else await addStream(pack, header, createReadStream(source.file), entry.size, source.file);
    }
    pack.finalize();
  })();
  await Promise.all([fill, written]);
}

function addBuffer(pack: tar.Pack, header: HeaderArg, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry(header, bytes, (error) => (error ? reject(error) : resolve()));
  });
}

async function addStream(pack: tar.Pack, header: HeaderArg, source: Readable, size: number, file: string): Promise<void> {
  // The staged file must not have changed between hashing and packing; its size is the cheap check.
  if ((await stat(file)).size !== size) throw new AttestError('internal', `Staged member ${header.name} changed while packing.`);
  let settle: (error?: Error | null) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  const sink = pack.entry(header, (error) => settle(error));
  for await (const chunk of source) {
    // Respect backpressure so a large member never piles up in memory.
    if (!sink.write(chunk as Buffer)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
  }
  sink.end(undefined);
  await done;
}
