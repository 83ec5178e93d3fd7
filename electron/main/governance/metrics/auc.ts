/** Discrimination: area under the ROC curve and Gini (docs/monitoring.md). */

/**
 * AUC as the Mann–Whitney probability that a random positive scores above a random negative, ties counting
 * one half. Computed from mid-ranks in O(n log n).
 */
export function auc(scores: readonly number[], positive: readonly boolean[]): number {
  if (scores.length !== positive.length) throw new RangeError('AUC needs one label per score.');
  const order = scores.map((s, i) => ({ s, p: positive[i] === true })).sort((x, y) => x.s - y.s);
  const nPos = order.filter((o) => o.p).length;
  const nNeg = order.length - nPos;
  if (nPos === 0 || nNeg === 0) throw new RangeError('AUC needs at least one positive and one negative outcome.');
  let rankSumPos = 0;
  let k = 0;
  while (k < order.length) {
    let end = k;
    while (end + 1 < order.length && order[end + 1]?.s === order[k]?.s) end++;
    const midRank = (k + end) / 2 + 1;
    for (let t = k; t <= end; t++) if (order[t]?.p) rankSumPos += midRank;
    k = end + 1;
  }
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Gini coefficient (accuracy ratio) = 2·AUC − 1. */
export function gini(aucValue: number): number {
  return 2 * aucValue - 1;
}
