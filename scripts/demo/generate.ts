import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBundle } from '../../electron/main/sync/bundle-writer';
import { keyIdOf, publicKeyOf, publicKeyPem, signingKeyFromSeed } from '../../electron/main/sync/keys';
import { DEMO_MONTHS, monthEndIso, monthLabel } from './calendar';
import { MODELS } from './catalog';
import type { MonthContext } from './month-content';
import { monthMembers, versionKey } from './month-content';
import type { TrainedVersion } from './train-version';
import { trainVersion } from './train-version';

/** How much demo to generate; the defaults make resources/demo, tests use small scales. */
export interface DemoConfig {
  outDir: string;
  seed: string;
  /** Multiplies each model's monthly decision volume. */
  decisionScale: number;
  /** Multiplies each model's training-set size (at least 400 rows). */
  trainingScale: number;
  months: number;
}

/** The configuration that produces the committed resources/demo. */
export const DEFAULT_DEMO_CONFIG: Omit<DemoConfig, 'outDir'> = { seed: 'northwind-savings-bank/1', decisionScale: 1, trainingScale: 1, months: DEMO_MONTHS };

/** Seed of the demo signing key: public on purpose, so anyone can regenerate (and forge) demo bundles. */
export const DEMO_KEY_SEED = 'attest demo signing key: Northwind Savings Bank (fictional), not for real data';
export const PUBLIC_KEY_FILE = 'demo-signing-key.pub.pem';
export const INDEX_FILE = 'index.json';

/** One bundle in index.json. */
export interface IndexEntry {
  file: string;
  sha256: string;
  size: number;
  sequence: number;
  observedAt: string;
  counts: Record<string, number>;
}

/** resources/demo/index.json: bundles in import order, the public key to trust, and what the demo holds. */
export interface DemoIndex {
  format: 'attest-demo-index/1';
  bank: string;
  publicKey: string;
  keyId: string;
  generator: Omit<DemoConfig, 'outDir'>;
  bundles: IndexEntry[];
}

async function trainAll(config: DemoConfig): Promise<Map<string, TrainedVersion>> {
  const trained = new Map<string, TrainedVersion>();
  for (const spec of MODELS) {
    for (const plan of spec.versions.filter((v) => v.created < config.months)) {
      const t = await trainVersion(spec, plan, config.seed, config.trainingScale);
      trained.set(versionKey(spec.name, t.version), t);
    }
  }
  return trained;
}

async function clearOldBundles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) if (name.endsWith('.attest') || name.endsWith('.attest.gz')) await rm(join(dir, name));
}

/** Generate the demo bank's signed monthly bundles, public key and index into `config.outDir`. */
export async function generateDemo(config: DemoConfig, log: (line: string) => void = () => {}): Promise<DemoIndex> {
  await mkdir(config.outDir, { recursive: true });
  await clearOldBundles(config.outDir);
  const key = signingKeyFromSeed(createHash('sha256').update(DEMO_KEY_SEED).digest());
  await writeFile(join(config.outDir, PUBLIC_KEY_FILE), publicKeyPem(key));
  const ctx: MonthContext = { models: MODELS, trained: await trainAll(config), seed: config.seed, decisionScale: config.decisionScale, pendingOutcomes: new Map() };
  log(`trained ${ctx.trained.size} model versions`);
  const { outDir: _outDir, ...generator } = config;
  const index: DemoIndex = { format: 'attest-demo-index/1', bank: 'Northwind Savings Bank (fictional)', publicKey: PUBLIC_KEY_FILE, keyId: keyIdOf(publicKeyOf(key)), generator, bundles: [] };
  for (let m = 0; m < config.months; m += 1) {
    const file = `northwind-${monthLabel(m)}.attest.gz`;
    const observedAt = monthEndIso(m);
    const manifest = await writeBundle(
      join(config.outDir, file),
      { observedAt, sequence: m + 1, scope: 'full', sources: { registry: 'https://mlflow.northwind.internal', lineage: 'https://marquez.northwind.internal' }, members: await monthMembers(ctx, m) },
      key,
    );
    const bytes = await readFile(join(config.outDir, file));
    const counts: Record<string, number> = {};
    for (const member of manifest.members) counts[member.kind] = (counts[member.kind] ?? 0) + (member.kind === 'artifact' ? 1 : (member.records ?? 0));
    index.bundles.push({ file, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, sequence: m + 1, observedAt, counts });
    log(`${file}: ${JSON.stringify(counts)} ${bytes.length} bytes`);
  }
  await writeFile(join(config.outDir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}
