import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeBundle } from '../../../electron/main/sync/bundle-writer';
import type { BundleManifest } from '../../../shared/schemas/bundle';
import { sampleBundleContent } from '../../support/fixtures';
import { STRANGER_KEY, TRUSTED_KEY, resignBundle } from '../../support/hardening';
import { type CraftedEntry, signedHeaderEntries, tarEntries, writeTar } from '../../support/tamper';
import type { BadInputCase } from './catalogue-case';

const DECISIONS = 'decisions/decisions.jsonl';

/** The good sample bundle (plain tar) every bundle case starts from; written once per catalogue run. */
export async function writeGoodBundle(root: string): Promise<string> {
  const path = join(root, 'good.attest');
  await writeBundle(path, sampleBundleContent(), TRUSTED_KEY);
  return path;
}

/** A decision line of the sample model with `inputs` spliced in as raw JSON text. */
export function decisionLine(inputsJson: string, id = 'd-0'): string {
  return `{"decisionId":"${id}","model":"credit-pd","version":"1","decidedAt":"2025-12-01T10:00:00.000Z","inputs":${inputsJson},"outputs":{"probabilities":[0.7,0.3]}}`;
}

/** A validly signed bundle whose decisions member is `body`: only the record parsers stand in the way. */
async function withDecisions(root: string, name: string, body: Buffer): Promise<string[]> {
  const out = join(root, name);
  await resignBundle(join(root, 'good.attest'), out, { [DECISIONS]: body }, TRUSTED_KEY);
  return ['import', out];
}

function flipped(root: string, name: string, offsetOf: (good: Buffer) => number): Promise<string[]> {
  const good = readFileSync(join(root, 'good.attest'));
  const bad = Buffer.from(good);
  const at = offsetOf(good);
  // Flipping the lowest bit turns one digit into another, so the JSON stays well-formed and only the hash or signature can tell.
  bad[at] = (bad[at] ?? 0) ^ 0x01;
  writeFileSync(join(root, name), bad);
  return Promise.resolve(['import', join(root, name)]);
}

/** `text` with MARK replaced by bytes that are not UTF-8 (a lone continuation byte and 0xFF). */
function invalidUtf8(text: string): Buffer {
  const [before = '', after = ''] = text.split('MARK');
  return Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(after)]);
}

function entryOf(good: Buffer, name: string): { dataAt: number; size: number } {
  const entry = tarEntries(good).find((e) => e.name === name);
  if (!entry) throw new Error(`good.attest has no ${name}`);
  return entry;
}

function goodManifest(root: string): BundleManifest {
  const good = readFileSync(join(root, 'good.attest'));
  const entry = entryOf(good, 'manifest.json');
  return JSON.parse(good.subarray(entry.dataAt, entry.dataAt + entry.size).toString('utf8')) as BundleManifest;
}

/** A signed header followed by one hostile entry (absolute path, `..`, a link): the archive layer must refuse it. */
async function hostileEntry(root: string, name: string, entry: CraftedEntry, manifestPath?: string): Promise<string[]> {
  const manifest = goodManifest(root);
  if (manifestPath !== undefined && manifest.members[0]) manifest.members[0].path = manifestPath;
  const out = join(root, name);
  await writeTar(out, [...signedHeaderEntries(manifest, TRUSTED_KEY), entry]);
  return ['import', out];
}

/** Cases about the bundle container: signature, integrity, archive layout. */
export const bundleCases: BadInputCase[] = [
  {
    name: 'tampered member (one flipped byte in the decisions)',
    make: (root) => flipped(root, 'tampered.attest', (good) => good.indexOf('1000', entryOf(good, DECISIONS).dataAt)),
    exit: 2,
    error: /decisions\/decisions\.jsonl has been altered/,
  },
  {
    name: 'tampered manifest (signature no longer matches)',
    make: (root) => flipped(root, 'tampered-manifest.attest', (good) => good.indexOf('"observedAt": "2026') + 17),
    exit: 2,
    error: /cannot be trusted: its signature does not match its manifest/,
  },
  {
    name: 'truncated plain tar (cut in half)',
    make: (root) => {
      const good = readFileSync(join(root, 'good.attest'));
      writeFileSync(join(root, 'half.attest'), good.subarray(0, Math.floor(good.length / 2)));
      return Promise.resolve(['import', join(root, 'half.attest')]);
    },
    exit: 2,
    error: /truncated|damaged/,
  },
  {
    name: 'truncated gzip bundle',
    make: (root) => {
      const gz = gzipSync(readFileSync(join(root, 'good.attest')));
      writeFileSync(join(root, 'cut.attest.gz'), gz.subarray(0, gz.length - 64));
      return Promise.resolve(['import', join(root, 'cut.attest.gz')]);
    },
    exit: 2,
    error: /truncated|damaged/,
  },
  {
    name: 'empty file',
    make: (root) => {
      writeFileSync(join(root, 'empty.attest'), '');
      return Promise.resolve(['import', join(root, 'empty.attest')]);
    },
    exit: 2,
    error: /empty\.attest is neither a snapshot bundle/,
  },
  {
    name: 'unsigned bundle (no manifest.sig)',
    make: async (root) => {
      const good = readFileSync(join(root, 'good.attest'));
      const entries = tarEntries(good).filter((e) => e.name !== 'manifest.sig');
      const out = join(root, 'unsigned.attest');
      await writeTar(out, entries.map((e) => ({ name: e.name, body: good.subarray(e.dataAt, e.dataAt + e.size) })));
      return ['import', out];
    },
    exit: 2,
    error: /has "registry\/registered-models\.jsonl" where manifest\.sig must be/,
  },
  {
    name: 'signed with a key the workspace does not trust',
    make: async (root) => {
      const out = join(root, 'stranger.attest');
      await writeBundle(out, sampleBundleContent(), STRANGER_KEY);
      return ['import', out];
    },
    exit: 2,
    error: /signed by key [0-9a-f]+, which this workspace does not trust/,
  },
  {
    name: 'archive entry with an absolute path',
    make: (root) => hostileEntry(root, 'absolute.attest', { name: '/etc/cron.d/evil', body: Buffer.from('x') }),
    exit: 2,
    error: /entry path "\/etc\/cron\.d\/evil" is not allowed/,
  },
  {
    name: 'archive entry climbing out with ..',
    make: (root) => hostileEntry(root, 'dotdot.attest', { name: 'registry/../../evil.jsonl', body: Buffer.from('x') }),
    exit: 2,
    error: /entry path "registry\/\.\.\/\.\.\/evil\.jsonl" is not allowed/,
  },
  {
    name: 'signed manifest listing a member path with ..',
    make: (root) => hostileEntry(root, 'manifest-dotdot.attest', { name: 'x', body: Buffer.from('x') }, '../outside.jsonl'),
    exit: 2,
    error: /entry path "\.\.\/outside\.jsonl" is not allowed/,
  },
  {
    name: 'archive entry that is a symbolic link',
    make: (root) => hostileEntry(root, 'link.attest', { name: 'registry/registered-models.jsonl', type: 'symlink', linkname: '/etc/passwd' }),
    exit: 2,
    error: /registered-models\.jsonl is a symlink, not a regular file/,
  },
  {
    name: 'decision input written as 1e999 (parses to Infinity)',
    make: (root) => withDecisions(root, 'infinity.attest', Buffer.from(`${decisionLine('{"income":1e999}')}\n`)),
    exit: 2,
    error: /decisions\.jsonl, line 1.*income/,
  },
  {
    name: 'decision input NaN (not JSON)',
    make: (root) => withDecisions(root, 'nan.attest', Buffer.from(`${decisionLine('{"income":NaN}')}\n`)),
    exit: 2,
    error: /decisions\.jsonl, line 1: not valid JSON/,
  },
  {
    name: 'decision with invalid UTF-8 in a string',
    make: (root) => withDecisions(root, 'utf8.attest', invalidUtf8(`${decisionLine('{"region":"noMARK"}')}\n`)),
    exit: 2,
    error: /decisions\.jsonl, line 1: .*UTF-8/,
  },
  {
    name: 'decision with a duplicated key',
    make: (root) => withDecisions(root, 'dupkey.attest', Buffer.from(`${decisionLine('{"income":1}').replace('"decisionId":"d-0"', '"decisionId":"d-0","decisionId":"d-9"')}\n`)),
    exit: 2,
    error: /decisions\.jsonl, line 1: .*duplicate key "decisionId"/,
  },
  {
    name: 'decision nested 10,000 levels deep',
    make: (root) => withDecisions(root, 'deep.attest', Buffer.from(`${decisionLine(`{"income":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)}\n`)),
    exit: 2,
    error: /decisions\.jsonl, line 1/,
  },
];
