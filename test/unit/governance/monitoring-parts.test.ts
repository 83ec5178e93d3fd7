import { describe, expect, it } from 'vitest';
import { categoricalBins, binOf } from '../../../electron/main/governance/monitoring/reference-bins';
import { extractScore, favourableDecisionOf, isHighScoreFavourable, isPositiveOutcome, DEFAULT_POSITIVE_OUTCOMES } from '../../../electron/main/governance/monitoring/score';
import { bandFor, effectiveThresholds } from '../../../electron/main/governance/monitoring/thresholds';
import { windowBounds, windowKeyOf } from '../../../electron/main/governance/monitoring/windows';
import type { DecisionRule } from '../../../shared/schemas/bundle';

const rule: DecisionRule = { output: 'probabilities', index: 1, operator: '>', threshold: 0.2, whenTrue: 'decline', whenFalse: 'approve' };

describe('monitoring building blocks', () => {
  it('reads the score the decision rule compares, in the output shapes models log', () => {
    expect(extractScore({ probabilities: [[0.7, 0.3]] }, rule)).toBe(0.3);
    expect(extractScore({ probabilities: { '0': 0.6, '1': 0.4 } }, rule)).toBe(0.4);
    expect(extractScore({ probabilities: [0.9] }, rule)).toBeNull();
    expect(extractScore({ score: [0.12], label: 'x' }, null)).toBe(0.12);
    expect(extractScore({ a: 1, b: 2 }, null)).toBeNull();
  });

  it('knows which decision is favourable and which way the score points', () => {
    expect(favourableDecisionOf(undefined, rule)).toBe('approve');
    expect(favourableDecisionOf('accept', rule)).toBe('accept');
    expect(favourableDecisionOf(undefined, { ...rule, whenTrue: 'alert', whenFalse: 'review' })).toBeNull();
    expect(isHighScoreFavourable(rule, 'approve')).toBe(false);
    expect(isHighScoreFavourable({ ...rule, operator: '>=', whenTrue: 'approve', whenFalse: 'decline' }, 'approve')).toBe(true);
  });

  it('classifies outcomes as the event, its absence, or neither', () => {
    expect(['Default', '1', 'true'].map((o) => isPositiveOutcome(o, DEFAULT_POSITIVE_OUTCOMES))).toEqual([true, true, true]);
    expect(['repaid', '0', 'no'].map((o) => isPositiveOutcome(o, DEFAULT_POSITIVE_OUTCOMES))).toEqual([false, false, false]);
    expect(isPositiveOutcome('0.37', DEFAULT_POSITIVE_OUTCOMES)).toBeNull();
  });

  it('bins unseen categories as other and empty values as missing', () => {
    const bins = categoricalBins('channel', { kind: 'categorical', counts: { online: 5, branch: 3 }, missing: 1 });
    expect(bins.labels).toEqual(['branch', 'online', 'other', 'missing']);
    expect(bins.expected).toEqual([3, 5, 0, 1]);
    expect(['online', 'phone', null, ''].map((v) => binOf(bins, v))).toEqual([1, 2, 3, 3]);
  });

  it('bands strictly beyond the thresholds, in each direction', () => {
    const t = new Map(effectiveThresholds([{ metric: 'auc', warn: 0.75, alert: 0.65 }]).map((x) => [x.metric, x]));
    expect([0.05, 0.1, 0.2, 0.25, 0.26].map((v) => bandFor(v, t.get('psi')))).toEqual(['green', 'green', 'amber', 'amber', 'red']);
    expect([0.8, 0.7, 0.6].map((v) => bandFor(v, t.get('auc')))).toEqual(['green', 'amber', 'red']);
    expect(t.get('auc')?.source).toBe('model');
    expect(bandFor(-0.06, t.get('calibration_in_the_large'))).toBe('red');
    expect(bandFor(1, undefined)).toBeNull();
  });

  it('cuts calendar months and quarters in UTC', () => {
    expect(windowKeyOf('2026-02-28T23:59:59.999Z', 'month')).toBe('2026-02');
    expect(windowBounds('2026-12', 'month', '', '')).toEqual({ start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
    expect(windowKeyOf('2026-05-10T00:00:00.000Z', 'quarter')).toBe('2026-Q2');
    expect(windowBounds('2026-Q2', 'quarter', '', '')).toEqual({ start: '2026-04-01T00:00:00.000Z', end: '2026-07-01T00:00:00.000Z' });
    expect(windowBounds('all', 'all', '2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z').end).toBe('2026-03-01T00:00:00.001Z');
  });
});
