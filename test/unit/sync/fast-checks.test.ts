import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecisionRecord } from '../../../shared/schemas/bundle';
import { fastDecision } from '../../../electron/main/sync/fast-checks';

const feature = fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null));
const anything = fc.oneof(fc.anything(), fc.constant(undefined), fc.constant(''), fc.constant('2026-01-01T00:00:00.000Z'));
const decision = fc.record(
  {
    decisionId: fc.oneof(fc.string(), anything),
    model: fc.oneof(fc.string({ minLength: 1 }), anything),
    version: fc.oneof(fc.string({ minLength: 1 }), anything),
    decidedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), fc.integer({ min: 0, max: 25 })).map(
        ([y, m, d, h]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`,
      ),
      fc.string(),
      anything,
    ),
    requestId: fc.oneof(fc.string(), anything),
    inputs: fc.oneof(fc.dictionary(fc.string(), feature), fc.dictionary(fc.string(), anything), anything),
    outputs: fc.oneof(fc.dictionary(fc.string(), fc.anything()), anything),
    decision: fc.oneof(fc.string(), anything),
    attributes: fc.oneof(fc.dictionary(fc.string(), feature), anything),
    extra: anything,
  },
  { requiredKeys: ['decisionId', 'model', 'version', 'decidedAt', 'inputs', 'outputs'] },
);

describe('fastDecision', () => {
  it('accepts only what the zod DecisionRecord schema accepts, with the same result', () => {
    fc.assert(
      fc.property(decision, (value) => {
        const fast = fastDecision(value);
        if (fast === null) return;
        const parsed = DecisionRecord.safeParse(value);
        expect(parsed.success).toBe(true);
        expect(fast).toEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts ordinary decisions, so the fast path is really taken', () => {
    const value = { decisionId: 'd', model: 'm', version: '1', decidedAt: '2026-01-01T00:00:00.000Z', inputs: { a: 1, b: 'x', c: null }, outputs: { p: [0.1] } };
    expect(fastDecision(value)).toEqual({ ...value, attributes: {} });
    expect(fastDecision({ ...value, decidedAt: 'yesterday' })).toBeNull();
    expect(fastDecision({ ...value, inputs: { a: [1] } })).toBeNull();
    expect(fastDecision({ ...value, surprise: 1 })).toBeNull();
  });
});
