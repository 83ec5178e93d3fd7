import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type BundleMemberInput, writeBundle } from '../electron/main/sync/bundle-writer';
import { signingKeyFromSeed } from '../electron/main/sync/keys';
import { makeTempDir } from '../test/support/temp';
import { decision } from './import-data';
import type { BenchResult } from './types';

const KEY_SEED = 3;
const KEY = signingKeyFromSeed(new Uint8Array(32).fill(KEY_SEED));
const RATE_DECISIONS = 200_000;
const MEMORY_DECISIONS = 1_000_000;
const MB = 1024 * 1024;

function* decisions(n: number) {
  for (let i = 0; i < n; i++) yield decision(i);
}

function registryMembers(): BundleMemberInput[] {
  return [
    { path: 'registry/registered-models.jsonl', kind: 'registered-models', records: [{ name: 'bench-pd', createdAt: '2025-01-01T00:00:00.000Z' }] },
    { path: 'registry/model-versions.jsonl', kind: 'model-versions', records: [{ model: 'bench-pd', version: '1', createdAt: '2025-01-01T00:00:00.000Z' }] },
  ];
}

async function writeDecisionBundle(path: string, n: number): Promise<void> {
  const members = [...registryMembers(), { path: 'decisions/decisions.jsonl', kind: 'decisions' as const, records: decisions(n) }];
  await writeBundle(path, { observedAt: '2026-02-01T00:00:00.000Z', sequence: 1, scope: 'full', sources: { registry: 'bench' }, members }, KEY);
}

/** Run bench/import-child.ts (bundled with esbuild as the product is) in a fresh process; it answers in JSON. */
async function child<T>(args: string[]): Promise<T> {
  // Next to the bench bundle, so the external packages resolve from the repository's node_modules.
  const outfile = join(__dirname, 'import-child.cjs');
  const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  await build({
    entryPoints: [join(__dirname, '..', '..', 'bench', 'import-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    define: { __ATTEST_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    absWorkingDir: join(__dirname, '..', '..'),
  });
  const result = spawnSync(process.execPath, [outfile, ...args], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  if (result.status !== 0) throw new Error(`bench child failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

interface ChildImport {
  seconds: number;
  peakRss: number;
  baselineRss: number;
}

function childImport(dir: string, bundle: string, name: string): Promise<ChildImport> {
  return child<ChildImport>(['import', bundle, join(dir, `ws-${name}`), String(KEY_SEED)]);
}

/** Rows per second of the bare insert loop, in a fresh process like the import it is compared with. */
async function childRawRate(dir: string, round: number): Promise<number> {
  return (await child<{ rate: number }>(['raw', String(RATE_DECISIONS), join(dir, `raw-${round}.db`)])).rate;
}

/** Decision-log import rate against a raw insert loop of the same rows, and peak memory for 1M decisions. */
export async function runImportBench(): Promise<BenchResult[]> {
  const { dir, cleanup } = makeTempDir('attest-bench-import-');
  try {
    const rateBundle = join(dir, 'rate.attest');
    await writeDecisionBundle(rateBundle, RATE_DECISIONS);
    // Best of three, alternating, for both sides: the machine is shared, and noise only ever slows a run down.
    // Each side runs in a fresh process (as `attest import` does), so one run's garbage does not slow the next.
    let raw = 0;
    let rate = 0;
    for (let round = 0; round < 3; round++) {
      raw = Math.max(raw, await childRawRate(dir, round));
      rate = Math.max(rate, RATE_DECISIONS / (await childImport(dir, rateBundle, `rate-${round}`)).seconds);
    }
    const bigBundle = join(dir, 'big.attest');
    await writeDecisionBundle(bigBundle, MEMORY_DECISIONS);
    const big = await childImport(dir, bigBundle, 'memory');
    const peakMb = big.peakRss / MB;
    return [
      { name: `import: decision-log rate vs raw better-sqlite3 insert loop (${RATE_DECISIONS} decisions, verified bundle, end to end)`, value: Number((rate / raw).toFixed(3)), unit: 'ratio', target: '≥ 0.5', pass: rate / raw >= 0.5 },
      { name: 'import: decision-log rate', value: Math.round(rate), unit: 'decisions/s' },
      { name: 'import: raw insert loop rate', value: Math.round(raw), unit: 'rows/s' },
      { name: `import: peak RSS of a process importing ${MEMORY_DECISIONS} decisions (${Math.round(statSync(bigBundle).size / MB)} MB bundle)`, value: Math.round(peakMb), unit: 'MB', target: '< 300 MB', pass: peakMb < 300 },
      { name: `import: RSS of that process before the import (Node, SQLite, modules)`, value: Math.round(big.baselineRss / MB), unit: 'MB' },
      { name: `import: ${MEMORY_DECISIONS} decisions import time`, value: Number(big.seconds.toFixed(1)), unit: 's' },
    ];
  } finally {
    cleanup();
  }
}
