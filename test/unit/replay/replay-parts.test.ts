import { afterAll, describe, expect, it } from 'vitest';
import { flattenRecorded, judgeDecision, type ModelOutput } from '../../../electron/main/replay/decision-verdict';
import { prepareModel, replayDecisions, runRows, sessionOf } from '../../../electron/main/replay/engine';
import { checkFeatures } from '../../../electron/main/replay/feature-map';
import { explainDecision } from '../../../electron/main/replay/reason-codes';
import { releaseSessions } from '../../../electron/main/replay/sessions';
import { sha256Hex } from '../../../electron/main/core/hashing';
import { buildCategoricalLogisticModel, buildInteractionModel, buildLogisticModel } from '../../support/replay-models';

const PD: ModelOutput[] = [{ name: 'pd', fetch: 'pd', dtype: 'float32', classLabels: null }];
const RULE = { output: 'pd', index: 0, operator: '>=' as const, threshold: 0.5, whenTrue: 'DECLINE', whenFalse: 'APPROVE' };
const TOL = { atol: 1e-6, rtol: 1e-5 };
const judge = (recorded: number, replayed: number, decision: string | null, rule: typeof RULE | null = RULE) =>
  judgeDecision({ uid: 'D', outputs: { pd: [recorded] }, decision }, PD, new Map([['pd', [replayed]]]), rule, TOL);

describe('decision verdicts', () => {
  it('separates identical, within tolerance, differs but same decision, and decision changed', () => {
    expect(judge(0.2, 0.2, 'APPROVE').verdict).toBe('identical');
    expect(judge(0.2, 0.2 + 1e-7, 'APPROVE').verdict).toBe('within-tolerance');
    expect(judge(0.2, 0.25, 'APPROVE').verdict).toBe('differs-same-decision');
    expect(judge(0.4999, 0.5001, 'APPROVE')).toMatchObject({ verdict: 'decision-changed', recordedDecision: 'APPROVE', replayedDecision: 'DECLINE' });
  });

  it('fails a changed decision whatever the numeric difference, and falls back to the recorded score without a logged decision', () => {
    expect(judge(0.2, 0.2, 'DECLINE').verdict).toBe('decision-changed');
    expect(judge(0.2, 0.2, null)).toMatchObject({ verdict: 'identical', recordedDecision: 'APPROVE' });
  });

  it('without a rule, counts a difference beyond tolerance as a changed decision (fails closed)', () => {
    expect(judge(0.2, 0.25, null, null).verdict).toBe('decision-changed');
    expect(judge(0.2, 0.2 + 1e-7, null, null).verdict).toBe('within-tolerance');
  });

  it('reads ZipMap rows by class label and compares labels exactly', () => {
    expect(flattenRecorded({ '1': 0.3, '0': 0.7 }, [0, 1])).toEqual([0.7, 0.3]);
    const outputs: ModelOutput[] = [
      { name: 'label', fetch: 'label', dtype: 'int64', classLabels: null },
      { name: 'probs', fetch: 'p', dtype: 'float32', classLabels: [0, 1] },
    ];
    const replayed = new Map([['label', [1]], ['probs', [0.7, 0.3]]]);
    const outcome = judgeDecision({ uid: 'Z', outputs: { label: [0], probs: [{ '0': 0.7, '1': 0.3 }] }, decision: null }, outputs, replayed, null, TOL);
    expect(outcome.verdict).toBe('decision-changed');
    expect(outcome.replayedOutputs.probs).toEqual([{ '0': 0.7, '1': 0.3 }]);
  });
});

describe('feature mapping and the engine', () => {
  afterAll(() => releaseSessions());
  const spec = { features: ['a', 'b'], means: [0, 0], stds: [1, 1], coef: [1, -1], intercept: 0 };

  it('names missing, extra and mistyped features', () => {
    const model = prepareModel(buildLogisticModel(spec), 'x'.repeat(64), null, 'm');
    expect(() => checkFeatures(model.mapping, { a: 1 }, 'D-1')).toThrow(/Decision D-1 lacks "b"/);
    expect(() => checkFeatures(model.mapping, { a: 1, b: 2, c: 3 }, 'D-2')).toThrow(/has "c" that the model does not take/);
    expect(() => checkFeatures(model.mapping, { a: 1, b: '2' }, 'D-3')).toThrow(/feature "b" is "2" \(string\) but the model input "b" takes float32/);
    expect(() => checkFeatures(model.mapping, { a: 1, b: null }, 'D-4')).not.toThrow();
  });

  it('places packed [N, F] inputs through the signature, and refuses without one', async () => {
    const bytes = buildLogisticModel({ ...spec, packed: true, batchOne: true });
    expect(() => prepareModel(bytes, sha256Hex(bytes), null, 'packed')).toThrow(/packs 2 features into one tensor.*no signature/);
    const signature = { inputs: [{ name: 'a', type: 'float' }, { name: 'b', type: 'float' }], outputs: [] };
    const model = prepareModel(bytes, sha256Hex(bytes), signature, 'packed');
    expect(model.mapping).toMatchObject({ source: 'signature', fixedBatchOne: true });
    const decisions = [1, 2, 3].map((i) => ({ uid: `P-${i}`, inputs: { a: i, b: 0.5 }, outputs: { pd: [1 / (1 + Math.exp(-(i - 0.5)))] }, decision: null }));
    const outcomes = await replayDecisions(model, decisions, null, { atol: 1e-6, rtol: 1e-5 });
    expect(outcomes.map((o) => o.verdict)).toEqual(['within-tolerance', 'within-tolerance', 'within-tolerance']);
  });

  it('falls back to seeded sampling Shapley for a model with interactions; contributions add up and repeat', async () => {
    const bytes = buildInteractionModel(['x0', 'x1', 'x2'], 0.8, -0.5, 0.1);
    const model = prepareModel(bytes, sha256Hex(bytes), null, 'interaction');
    const inputs = { x0: 2, x1: 1.5, x2: -1 };
    const means = new Map([['x0', 0.5], ['x1', 0.2], ['x2', 0.3]]);
    const target = { output: 'score', index: 0 };
    const codes = await explainDecision(model, inputs, means, target, 'test baseline');
    expect(codes).toMatchObject({ method: 'sampling-shapley', scale: 'output', samples: 64 });
    const [fx, fb] = (await runRows(model, await sessionOf(model), [inputs, { x0: 0.5, x1: 0.2, x2: 0.3 }])).map((m) => m.get('score')?.[0] as number);
    const sum = codes.top.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo((fx as number) - (fb as number), 6);
    expect(await explainDecision(model, inputs, means, target, 'test baseline')).toEqual(codes);
  });

  it('explains a categorical feature against the training mode, exactly for an additive model', async () => {
    const effects = { north: 0.4, south: -0.3, west: 1.1 };
    const bytes = buildCategoricalLogisticModel(0.5, effects, -0.2);
    const model = prepareModel(bytes, sha256Hex(bytes), null, 'categorical');
    const baseline = new Map<string, number | string>([['x', 2], ['category', 'south']]);
    const codes = await explainDecision(model, { x: 3, category: 'west' }, baseline, { output: 'pd', index: 0 }, 'test baseline');
    expect(codes).toMatchObject({ method: 'linear-exact', scale: 'logit' });
    const byFeature = Object.fromEntries(codes.top.map((c) => [c.feature, c]));
    // On the log-odds: the category's effect over the baseline category's, the number's coef·(x − mean).
    expect(byFeature.category).toMatchObject({ value: 'west', baseline: 'south' });
    expect(byFeature.category?.contribution).toBeCloseTo(1.1 - -0.3, 5);
    expect(byFeature.x?.contribution).toBeCloseTo(0.5 * (3 - 2), 5);
    // A category the baseline cannot stand for (no profile of it) is held as logged, not explained.
    const numericOnly = await explainDecision(model, { x: 3, category: 'west' }, new Map([['x', 2]]), { output: 'pd', index: 0 }, 'test baseline');
    expect(numericOnly.top.map((c) => c.feature)).toEqual(['x']);
  });
});
