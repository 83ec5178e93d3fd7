import { describe, expect, it } from 'vitest';
import { auc, gini } from '../../../../electron/main/governance/metrics/auc';
import { calibration } from '../../../../electron/main/governance/metrics/calibration';
import { FOUR_FIFTHS, type GroupCounts, groupFairness } from '../../../../electron/main/governance/metrics/fairness';
import { ksBinned, ksTwoSample } from '../../../../electron/main/governance/metrics/ks';
import { PSI_FLOOR, binIndex, psi } from '../../../../electron/main/governance/metrics/psi';

describe('PSI', () => {
  it('matches a hand computation on three bins', () => {
    // Reference 50/30/20 %, current 40/30/30 %:
    // (0.4−0.5)·ln(0.4/0.5) + 0 + (0.3−0.2)·ln(0.3/0.2) = 0.0223144 + 0.0405465 = 0.0628609
    const r = psi([500, 300, 200], [40, 30, 30]);
    expect(r.value).toBeCloseTo(0.0628609, 6);
    expect(r.bins[1]?.contribution).toBe(0);
  });

  it('is zero for identical shares, symmetric, and finite with an empty bin thanks to the floor', () => {
    expect(psi([10, 20, 70], [1, 2, 7]).value).toBeCloseTo(0, 12);
    expect(psi([60, 40], [30, 70]).value).toBeCloseTo(psi([30, 70], [60, 40]).value, 12);
    // Empty current bin: (1e-4 − 0.5)·ln(1e-4/0.5) + (1 − 0.5)·ln(1/0.5) = 4.2577 + 0.3466 = 4.6043 (hand computed)
    expect(psi([50, 50], [0, 10]).value).toBeCloseTo((PSI_FLOOR - 0.5) * Math.log(PSI_FLOOR / 0.5) + 0.5 * Math.log(2), 10);
    expect(psi([50, 50], [0, 10]).value).toBeCloseTo(4.6043, 3);
  });

  it('refuses mismatched or empty bins', () => {
    expect(() => psi([1, 2], [1, 2, 3])).toThrow(/same non-zero number/);
    expect(() => psi([0, 0], [1, 2])).toThrow(/at least one row/);
  });

  it('bins values as (edge[i-1], edge[i]] with open ends', () => {
    const edges = [10, 20, 30];
    expect([5, 10, 10.5, 20, 25, 30, 31].map((v) => binIndex(v, edges))).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect(binIndex(1, [])).toBe(0);
  });
});

describe('KS', () => {
  it('two-sample KS matches a hand computation', () => {
    // a = {1,2,3,4}, b = {3,4,5,6}: at x = 2, F_a = 0.5 and F_b = 0 → 0.5 is the largest gap.
    expect(ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
    expect(ksTwoSample([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksTwoSample([1, 2], [3, 4])).toBe(1);
    // Ties across samples move both functions together: a = {1,1,2}, b = {1,2,2} → max gap 1/3 at x = 1.
    expect(ksTwoSample([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 12);
  });

  it('binned KS is the largest gap of cumulative shares', () => {
    // cumulative reference 0.2, 0.5, 1.0; current 0.1, 0.2, 1.0 → gap 0.3 at the second boundary.
    expect(ksBinned([20, 30, 50], [10, 10, 80])).toBeCloseTo(0.3, 12);
  });
});

describe('AUC and Gini', () => {
  it('reproduces Hanley & McNeil (1982), Radiology 143:29–36, Table 1: area 0.893', () => {
    // Five-point CT ratings (1 = definitely normal … 5 = definitely abnormal) of 58 normal and 51 abnormal patients.
    const normal = [33, 6, 6, 11, 2];
    const abnormal = [3, 2, 2, 11, 33];
    const scores: number[] = [];
    const positive: boolean[] = [];
    normal.forEach((n, i) => scores.push(...Array<number>(n).fill(i + 1)) && positive.push(...Array<boolean>(n).fill(false)));
    abnormal.forEach((n, i) => scores.push(...Array<number>(n).fill(i + 1)) && positive.push(...Array<boolean>(n).fill(true)));
    const area = auc(scores, positive);
    // U = Σ over (abnormal, normal) pairs of 1 when rated higher, ½ when tied = 2642 of 58·51 = 2958 pairs.
    expect(area).toBeCloseTo(0.893, 3);
    expect(area).toBeCloseTo(2642 / (58 * 51), 12);
    expect(gini(area)).toBeCloseTo(0.7863, 4);
  });

  it('counts ties as one half and inverts with the score', () => {
    // pairs (pos, neg): (0.8,0.3)=1, (0.8,0.8)=½, (0.4,0.3)=1, (0.4,0.8)=0 → 2.5/4
    expect(auc([0.8, 0.4, 0.3, 0.8], [true, true, false, false])).toBe(0.625);
    expect(auc([0.2, 0.6, 0.7, 0.2], [true, true, false, false])).toBe(0.375);
    expect(() => auc([0.1, 0.2], [true, true])).toThrow(/positive and one negative/);
  });
});

describe('calibration', () => {
  it('matches a hand computation on two bins', () => {
    const p = [0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.5, 0.5];
    const y = [false, false, false, true, true, true, false, true];
    const r = calibration(p, y, 2);
    expect(r.bins.map((b) => [b.n, b.meanPredicted, b.observedRate])).toEqual([[4, 0.1, 0.25], [4, 0.5, 0.75]]);
    // Brier: (3·0.01 + 0.81 + 3·0.25 + 0.25)/8 = 1.84/8 = 0.23
    expect(r.brier).toBeCloseTo(0.23, 12);
    // Observed 4/8 − predicted 0.3 = 0.2
    expect(r.calibrationInTheLarge).toBeCloseTo(0.2, 12);
    // HL: (1 − 0.4)²/(0.4·0.9) + (3 − 2)²/(2·0.5) = 1 + 1 = 2
    expect(r.hosmerLemeshow).toBeCloseTo(2, 12);
  });
});

describe('fairness', () => {
  const counts = (n: number, favourable: number, qualified = 0, qualifiedFavourable = 0): GroupCounts => ({ n, favourable, qualified, qualifiedFavourable });

  it('reproduces the four-fifths example of the EEOC Uniform Guidelines Questions and Answers (1979), Q. 12', () => {
    // Hiring rates 60 % (whites), 45 % (American Indians), 48 % (Hispanics), 51 % (Blacks): impact ratios
    // 75 %, 80 %, 85 %; adverse impact indicated for American Indians only.
    const r = groupFairness(new Map([['white', counts(100, 60)], ['american-indian', counts(100, 45)], ['hispanic', counts(100, 48)], ['black', counts(100, 51)]]));
    expect(r.referenceGroup).toBe('white');
    const di = Object.fromEntries(r.groups.map((g) => [g.group, g.disparateImpact]));
    expect(di).toEqual({ 'american-indian': 0.75, black: 0.85, hispanic: 0.8, white: 1 });
    expect(r.groups.filter((g) => (g.disparateImpact ?? 1) < FOUR_FIFTHS).map((g) => g.group)).toEqual(['american-indian']);
  });

  it('computes parity and equal opportunity differences by hand', () => {
    // A: 80/100 approved, qualified 70 of whom 63 approved (TPR 0.9); B: 50/100, qualified 60, 42 approved (TPR 0.7).
    const r = groupFairness(new Map([['A', counts(100, 80, 70, 63)], ['B', counts(100, 50, 60, 42)]]));
    const b = r.groups.find((g) => g.group === 'B');
    expect(r.referenceGroup).toBe('A');
    expect(b?.disparateImpact).toBeCloseTo(0.625, 12);
    expect(b?.statisticalParityDifference).toBeCloseTo(-0.3, 12);
    expect(b?.equalOpportunityDifference).toBeCloseTo(-0.2, 12);
  });

  it('uses a named reference group, and leaves equal opportunity undefined without qualified outcomes', () => {
    const r = groupFairness(new Map([['A', counts(10, 8)], ['B', counts(10, 4)]]), 'B');
    expect(r.referenceGroup).toBe('B');
    expect(r.groups.find((g) => g.group === 'A')).toMatchObject({ disparateImpact: 2, equalOpportunityDifference: null });
  });
});
