import type { Rng } from './prng';

/** One column a model consumes: logged under `name`, rounded to `decimals` as the source system stores it. */
export interface FeatureDef {
  name: string;
  decimals: number;
  description: string;
}

/** One synthetic case (applicant, transaction, alert …): model inputs and fairness attributes, kept apart. */
export interface Case {
  features: Record<string, number>;
  attributes: Record<string, string>;
}

/**
 * A population the bank scores: how cases are drawn in a given month (0 = November 2025; negative months
 * are the history before the demo year) and the ground truth the models try to learn.
 */
export interface Population {
  id: string;
  features: readonly FeatureDef[];
  /** Attributes recorded beside decisions for fairness monitoring (never model inputs). */
  attributes: readonly string[];
  sample(rng: Rng, month: number): Case;
  /** True log-odds of the event, or of the expected fraction for `target: 'fraction'`. */
  trueLogit(features: Record<string, number>, rng: Rng): number;
  target: 'binary' | 'fraction';
}

const AGE_BANDS = ['18-24', '25-34', '35-49', '50-64', '65+'] as const;

/** Regions of the bank's (fictional) branch network, used as a postcode-area proxy attribute. */
export const REGIONS = ['North East', 'North West', 'Yorkshire', 'Midlands', 'East', 'London', 'South East', 'South West', 'Wales', 'Scotland'] as const;
const REGION_WEIGHTS = [4, 11, 8, 16, 9, 15, 14, 9, 5, 9];

/** A customer's age, age band, sex and region, drawn the same way for every retail population. */
export function sampleCustomer(rng: Rng, minAge = 18): { age: number; attributes: Record<string, string> } {
  const age = Math.floor(Math.min(85, Math.max(minAge, minAge + Math.abs(rng.normal(0, 1)) * 14 + rng.between(0, 30))));
  const band = age < 25 ? AGE_BANDS[0] : age < 35 ? AGE_BANDS[1] : age < 50 ? AGE_BANDS[2] : age < 65 ? AGE_BANDS[3] : AGE_BANDS[4];
  return {
    age,
    attributes: { age_band: band, sex: rng.chance(0.49) ? 'F' : 'M', postcode_region: rng.pick(REGIONS, REGION_WEIGHTS) },
  };
}

/** Round every feature to its logged precision so logged, replayed and trained values are the same numbers. */
export function roundFeatures(defs: readonly FeatureDef[], raw: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of defs) {
    const f = 10 ** d.decimals;
    out[d.name] = Math.round((raw[d.name] ?? 0) * f) / f;
  }
  return out;
}

/** Clamp into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Income multiplier by age: early-career applicants earn less (the reason approval rates differ by age). */
export function ageIncomeEffect(age: number): number {
  if (age < 25) return -0.3;
  if (age < 35) return -0.1;
  if (age < 50) return 0.06;
  if (age < 65) return 0.02;
  return -0.22;
}

/** How far the late-2026 cost-of-living shock has progressed in a month (0 before August 2026). */
export function shockLevel(month: number): number {
  if (month < 9) return 0;
  return month === 9 ? 0.7 : 1;
}
