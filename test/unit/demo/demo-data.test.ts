import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetProfile, DecisionRecord, ModelVersionRecord } from '../../../shared/schemas/bundle';
import { DECISION_RULE_TAG, DecisionRule } from '../../../shared/schemas/bundle';
import { generateDemo } from '../../../scripts/demo/generate';
import { makeTempDir } from '../../support/temp';
import type { DemoBundle } from './read-demo';
import { readDemo } from './read-demo';

const DEMO_DIR = fileURLToPath(new URL('../../../resources/demo', import.meta.url));

/** PSI of `values` against a profile's reference bins, written out from the definition (bins (e[i-1], e[i]]). */
function psi(profile: { binEdges: number[]; binCounts: number[] }, values: number[]): number {
  const total = profile.binCounts.reduce((a, b) => a + b, 0);
  const actual = new Array<number>(profile.binCounts.length).fill(0);
  for (const v of values) {
    const bin = profile.binEdges.findIndex((e) => v <= e);
    actual[bin === -1 ? profile.binEdges.length : bin]! += 1;
  }
  return profile.binCounts.reduce((sum, ref, i) => {
    const p = Math.max(ref / total, 1e-4);
    const q = Math.max(actual[i]! / values.length, 1e-4);
    return sum + (q - p) * Math.log(q / p);
  }, 0);
}

function auc(pairs: { score: number; label: number }[]): number {
  const pos = pairs.filter((p) => p.label === 1);
  const neg = pairs.filter((p) => p.label === 0);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe('the committed demo bank (resources/demo)', () => {
  let bundles: DemoBundle[] = [];
  let versions: Map<string, ModelVersionRecord>;
  let decisions: DecisionRecord[];

  beforeAll(async () => {
    bundles = (await readDemo(DEMO_DIR)).bundles;
    versions = new Map(bundles.flatMap((b) => b.versions.map((v) => [`${v.model}/${v.version}`, v] as const)));
    decisions = bundles.flatMap((b) => b.decisions);
  }, 120_000);

  it('holds at least 8 governed models and 30 versions with champion aliases and one overdue validation', () => {
    const last = bundles[bundles.length - 1]!;
    expect(last.models.length).toBeGreaterThanOrEqual(8);
    expect(versions.size).toBeGreaterThanOrEqual(30);
    for (const m of last.models) {
      expect(Object.keys(m.tags)).toEqual(expect.arrayContaining(['attest.owner', 'attest.use_case', 'attest.risk_tier', 'attest.last_validated', 'attest.next_validation_due']));
      expect(m.aliases.champion).toBeDefined();
    }
    const overdue = last.models.filter((m) => (m.tags['attest.next_validation_due'] ?? '9999') < last.observedAt);
    expect(overdue.map((m) => m.name)).toEqual(['aml-alert-scoring']);
    expect(new Set(last.versions.map((v) => v.stage))).toEqual(new Set(['Production', 'Staging', 'Archived']));
    expect(last.versions.length).toBeLessThan(versions.size); // a deleted version is retired from the full snapshot
  });

  it('logs at least 20,000 decisions that follow their version\'s decision rule', () => {
    expect(decisions.length).toBeGreaterThanOrEqual(20_000);
    expect(new Set(decisions.map((d) => d.decisionId)).size).toBe(decisions.length);
    for (const d of decisions.filter((_, i) => i % 97 === 0)) {
      const rule = DecisionRule.parse(JSON.parse(versions.get(`${d.model}/${d.version}`)!.tags[DECISION_RULE_TAG]!));
      const score = (d.outputs[rule.output] as number[])[rule.index]!;
      const hit = rule.operator === '>' ? score > rule.threshold : rule.operator === '<' ? score < rule.threshold : rule.operator === '>=' ? score >= rule.threshold : score <= rule.threshold;
      expect(d.decision).toBe(hit ? rule.whenTrue : rule.whenFalse);
    }
  });

  it('ships ONNX artifacts that reproduce a sample of recorded outputs exactly in onnxruntime', async () => {
    const artifacts = new Map(bundles.flatMap((b) => [...b.artifacts]));
    const byVersion = new Map<string, DecisionRecord[]>();
    for (const d of decisions) {
      const key = `${d.model}/${d.version}`;
      byVersion.set(key, byVersion.get(key) ?? []);
      byVersion.get(key)!.push(d);
    }
    expect([...byVersion.keys()].filter((k) => k.startsWith('retail-credit-pd/') || k.startsWith('card-fraud-score/')).length).toBeGreaterThanOrEqual(5);
    for (const [key, logged] of byVersion) {
      const v = versions.get(key)!;
      const bytes = artifacts.get(v.artifact!.sha256)!;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(v.artifact!.sha256);
      const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
      const sample = logged.filter((_, i) => i % 50 === 0);
      const feeds = Object.fromEntries(v.signature!.inputs.map((s) => [s.name, new ort.Tensor('float32', Float32Array.from(sample, (d) => d.inputs[s.name] as number), [sample.length, 1])]));
      const output = v.signature!.outputs[0]!.name;
      const replayed = (await session.run(feeds))[output]!.data as Float32Array;
      expect(Array.from(replayed)).toEqual(sample.map((d) => (d.outputs[output] as number[])[0]));
      await session.release();
    }
  });

  it('contains a real drift: PSI above 0.25 on a credit feature in the last three months', () => {
    const last3 = bundles.slice(-3).flatMap((b) => b.decisions).filter((d) => d.model === 'retail-credit-pd');
    const champion = versions.get(`retail-credit-pd/${last3[0]!.version}`)!;
    const run = bundles.flatMap((b) => b.runs).find((r) => r.runId === champion.runId)!;
    const profile = run.datasetInputs[0]!.dataset.profile as DatasetProfile;
    const values = Object.entries(profile.features).map(([name, p]) => (p.kind === 'numeric' ? psi(p, last3.map((d) => d.inputs[name] as number)) : 0));
    expect(Math.max(...values)).toBeGreaterThan(0.25);
    const early = bundles.slice(0, 3).flatMap((b) => b.decisions).filter((d) => d.model === 'retail-credit-pd' && d.version === champion.version);
    expect(early).toHaveLength(0); // the drifted months are scored by a champion trained before the shift
  });

  it('brings late credit outcomes whose AUC against the recorded score is meaningful, and an approval gap by age', () => {
    const outcomes = new Map(bundles.flatMap((b) => b.outcomes.map((o) => [o.decisionId, o.outcome] as const)));
    const credit = decisions.filter((d) => d.model === 'retail-credit-pd');
    const labelled = credit.filter((d) => outcomes.has(d.decisionId)).slice(0, 3000);
    expect(labelled.length).toBeGreaterThan(2000);
    expect(auc(labelled.map((d) => ({ score: (d.outputs.p_default as number[])[0]!, label: Number(outcomes.get(d.decisionId)) })))).toBeGreaterThan(0.65);
    const rate = (band: string) => {
      const g = credit.filter((d) => d.attributes.age_band === band);
      return g.filter((d) => d.decision === 'approve').length / g.length;
    };
    expect(rate('18-24') / rate('35-49')).toBeLessThan(0.8);
    expect(rate('18-24') / rate('35-49')).toBeGreaterThan(0.5);
  });

  it('links every training run to an OpenLineage run that names the MLflow run', () => {
    const events = bundles.flatMap((b) => b.events) as { run?: { runId: string; facets?: { tags?: { tags: { key: string; value: string }[] } } } }[];
    for (const run of bundles.flatMap((b) => b.runs)) {
      const linked = events.filter((e) => e.run?.runId === run.tags['openlineage.run_id']);
      expect(linked.length).toBe(2);
      expect(linked[0]!.run!.facets!.tags!.tags).toContainEqual({ key: 'mlflow_run_id', value: run.runId, source: 'MLFLOW' });
    }
  });
});

describe('the demo generator', () => {
  const dirs = [makeTempDir('attest-demo-a-'), makeTempDir('attest-demo-b-')];
  afterAll(() => dirs.forEach((d) => d.cleanup()));

  it('writes byte-identical files when run twice with the same configuration', async () => {
    const config = { seed: 'determinism-check', decisionScale: 0.01, trainingScale: 0.05, months: 3 };
    for (const d of dirs) await generateDemo({ ...config, outDir: d.dir });
    const hashes = dirs.map((d) => readdirSync(d.dir).sort().map((f) => `${f} ${createHash('sha256').update(readFileSync(join(d.dir, f))).digest('hex')}`));
    expect(hashes[0]).toEqual(hashes[1]);
    expect(hashes[0]!.filter((h) => h.includes('.attest.gz'))).toHaveLength(3);
    const { bundles } = await readDemo(dirs[0]!.dir);
    expect(bundles[0]!.decisions.length).toBeGreaterThan(0);
  });
});
