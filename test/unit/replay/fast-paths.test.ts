import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoggedInputs, LoggedOutputs, isLoggedInputs, isLoggedOutputs, parseLoggedInputs } from '../../../electron/main/replay/logged-record';
import { WorkerChunk, isWorkerChunk } from '../../../electron/main/replay/worker-protocol';
import { batchReplayRowsJson } from '../../../electron/main/store/replay-batch-repo';

const feature = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
const anything = fc.oneof(fc.anything(), fc.constant(undefined), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.jsonValue());
const protoKey = fc.constant(JSON.parse('{"__proto__": 0, "a": 1}') as unknown);
const record = fc.oneof(protoKey, fc.dictionary(fc.string(), feature), fc.dictionary(fc.string(), anything), fc.dictionary(fc.string(), fc.jsonValue()), anything);

// A "__proto__" key (own, from JSON.parse) is the one JSON record the fast checks leave to zod, which drops it.
const hasProtoKey = (v: unknown) => Object.prototype.hasOwnProperty.call(v, '__proto__');

/** Every value the fast check accepts, zod accepts, and returns unchanged (the fast path hands on the same object). */
function holdsTo(fast: (v: unknown) => boolean, schema: typeof LoggedInputs | typeof LoggedOutputs) {
  return fc.property(record, (value) => {
    if (!fast(value)) return;
    const parsed = schema.safeParse(value);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(value);
  });
}

describe('batch replay fast paths agree with the zod schemas', () => {
  it('isLoggedInputs accepts only what LoggedInputs accepts, and every JSON record of feature values', () => {
    fc.assert(holdsTo(isLoggedInputs, LoggedInputs), { numRuns: 2000 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), feature), (value) => {
        const json = JSON.parse(JSON.stringify(value)) as unknown;
        expect(isLoggedInputs(json)).toBe(LoggedInputs.safeParse(json).success && !hasProtoKey(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('isLoggedOutputs accepts only what LoggedOutputs accepts, and every parsed JSON object', () => {
    fc.assert(holdsTo(isLoggedOutputs, LoggedOutputs), { numRuns: 2000 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const json = JSON.parse(JSON.stringify(value)) as unknown;
        expect(isLoggedOutputs(json)).toBe(LoggedOutputs.safeParse(json).success && !hasProtoKey(json));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses logged inputs zod refuses, naming the decision', () => {
    expect(() => parseLoggedInputs('{"a": [1]}', 'D-1')).toThrow(/Decision D-1: the logged inputs are not a record of feature values at a/);
    expect(() => parseLoggedInputs('[1, 2]', 'D-2')).toThrow(/Decision D-2/);
    expect(() => parseLoggedInputs('{"a": 1', 'D-3')).toThrow(/Decision D-3: the logged inputs are not valid JSON/);
    expect(parseLoggedInputs('{"a": 1, "b": null, "c": "x", "d": true}', 'D-4')).toEqual({ a: 1, b: null, c: 'x', d: true });
  });

  it('isWorkerChunk accepts only chunks WorkerChunk accepts', () => {
    const chunk = fc.record({
      type: fc.oneof(fc.constant('chunk'), anything),
      seq: fc.oneof(fc.integer(), anything),
      ids: fc.oneof(fc.array(fc.integer(), { maxLength: 3 }).map((a) => Float64Array.from(a)), anything),
    });
    fc.assert(
      fc.property(chunk, (value) => {
        if (isWorkerChunk(value)) expect(WorkerChunk.safeParse(value).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(isWorkerChunk({ type: 'chunk', seq: 1, ids: Float64Array.from([7]) })).toBe(true);
    expect(isWorkerChunk({ type: 'chunk', seq: 1.5, ids: Float64Array.from([7]) })).toBe(false);
  });

  it('builds stored rows as JSON that reads back to the same values', () => {
    const text = batchReplayRowsJson({
      decisionRowIds: [3, 4],
      verdicts: ['identical', 'decision-changed'],
      maxAbs: [0, Number.POSITIVE_INFINITY],
      maxRel: [1e-7, Number.NaN],
      replayedJson: ['{"pd":[0.25]}', '{"label":"c"}'],
      recordedDecisions: ['APPROVE', null],
      replayedDecisions: ['APPROVE', 'DE"CLINE'],
    });
    expect(JSON.parse(text)).toEqual([
      [3, 'identical', 0, 1e-7, { pd: [0.25] }, 'APPROVE', 'APPROVE'],
      [4, 'decision-changed', null, null, { label: 'c' }, null, 'DE"CLINE'],
    ]);
  });
});
