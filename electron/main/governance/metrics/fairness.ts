/** Group fairness of decisions by a protected or proxy attribute (docs/monitoring.md). */

/** Counts for one group of one attribute. */
export interface GroupCounts {
  n: number;
  favourable: number;
  /** Decisions whose outcome is known and good (the applicant would have repaid): the "qualified". */
  qualified: number;
  /** Qualified decisions that were also favourable. */
  qualifiedFavourable: number;
}

export interface GroupFairness {
  group: string;
  n: number;
  favourableRate: number;
  /** favourableRate / reference group's favourableRate (the four-fifths rule flags < 0.8). */
  disparateImpact: number | null;
  /** favourableRate − reference group's favourableRate. */
  statisticalParityDifference: number;
  /** TPR − reference TPR, TPR = P(favourable | qualified); null without qualified decisions on either side. */
  equalOpportunityDifference: number | null;
}

export interface FairnessResult {
  referenceGroup: string;
  groups: GroupFairness[];
}

/** The four-fifths (80 %) rule's threshold for the disparate impact ratio. */
export const FOUR_FIFTHS = 0.8;

/**
 * Compare every group with a reference group: the one named, else the group with the highest favourable rate
 * (as the four-fifths rule does), ties broken by the larger group, then by name.
 */
export function groupFairness(counts: ReadonlyMap<string, GroupCounts>, referenceGroup?: string): FairnessResult {
  const present = [...counts.entries()].filter(([, c]) => c.n > 0);
  if (present.length === 0) throw new RangeError('Fairness needs at least one decision.');
  const rate = (c: GroupCounts) => c.favourable / c.n;
  const tpr = (c: GroupCounts) => (c.qualified > 0 ? c.qualifiedFavourable / c.qualified : null);
  const ref =
    referenceGroup !== undefined && counts.get(referenceGroup)?.n
      ? referenceGroup
      : [...present].sort(([ga, a], [gb, b]) => rate(b) - rate(a) || b.n - a.n || (ga < gb ? -1 : 1))[0]?.[0] ?? '';
  const refCounts = counts.get(ref) as GroupCounts;
  const refRate = rate(refCounts);
  const refTpr = tpr(refCounts);
  const groups = present
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, c]) => {
      const groupTpr = tpr(c);
      return {
        group,
        n: c.n,
        favourableRate: rate(c),
        // As a ratio of integer products, so 48/100 against 60/100 is exactly 0.8 (not 0.7999…): the rule is strict.
        disparateImpact: refCounts.favourable > 0 ? (c.favourable * refCounts.n) / (c.n * refCounts.favourable) : null,
        statisticalParityDifference: rate(c) - refRate,
        equalOpportunityDifference: groupTpr === null || refTpr === null ? null : groupTpr - refTpr,
      };
    });
  return { referenceGroup: ref, groups };
}
