import type { DecisionRule } from '../../../../shared/schemas/bundle';

/**
 * The model score of one logged decision: the output element the decision rule compares with its threshold;
 * without a rule, the only numeric output. Null when the outputs do not contain it.
 */
export function extractScore(outputs: Record<string, unknown>, rule: DecisionRule | null): number | null {
  if (rule) return elementAt(outputs[rule.output], rule.index);
  const numeric = Object.values(outputs).map((v) => elementAt(v, 0)).filter((v): v is number => v !== null);
  return numeric.length === 1 ? (numeric[0] ?? null) : null;
}

function elementAt(value: unknown, index: number): number | null {
  if (typeof value === 'number') return index === 0 && Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) {
    // [[p0, p1]] (a batch of one) and [p0, p1] both name element `index` of the single row.
    const flat = value.flat(Infinity) as unknown[];
    const v = flat[index];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  if (value !== null && typeof value === 'object') {
    // ZipMap-style {"0": p0, "1": p1} probabilities, keyed by class label.
    const v = (value as Record<string, unknown>)[String(index)];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return null;
}

/**
 * Does a higher score mean the favourable decision? Then discrimination metrics use the negated score, so
 * they always measure how well the score ranks the adverse event.
 */
export function isHighScoreFavourable(rule: DecisionRule | null, favourable: string | null): boolean {
  if (!rule || favourable === null) return false;
  const whenHigh = rule.operator === '>' || rule.operator === '>=' ? rule.whenTrue : rule.whenFalse;
  return whenHigh === favourable;
}

const FAVOURABLE = /^(approve|approved|accept|accepted|pass|clear|cleared|allow|allowed|grant|granted)$/i;

/** The favourable decision: configured, else the rule's outcome that reads as approval, else null. */
export function favourableDecisionOf(configured: string | undefined, rule: DecisionRule | null): string | null {
  if (configured) return configured;
  if (!rule) return null;
  return [rule.whenFalse, rule.whenTrue].find((d) => FAVOURABLE.test(d)) ?? null;
}

/** Outcome values that count as the event the score predicts (default, fraud, churn …), case-insensitive. */
export const DEFAULT_POSITIVE_OUTCOMES = ['1', 'true', 'yes', 'default', 'defaulted', 'bad', 'event', 'fraud', 'churned', 'positive'];

/** Classify an outcome: true for the event, false for its absence, null for a value that is neither (e.g. 0.37). */
export function isPositiveOutcome(outcome: string, positives: readonly string[]): boolean | null {
  const v = outcome.trim().toLowerCase();
  if (positives.some((p) => p.toLowerCase() === v)) return true;
  const n = Number(v);
  if (v !== '' && Number.isFinite(n) && n !== 0) return null;
  return false;
}
