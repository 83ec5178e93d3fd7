import type { DecisionVerdict } from '../../../../shared/schemas/replay';

/** How each verdict reads to a person, and whether it is a pass. */
export const VERDICT_TEXT: Record<DecisionVerdict, { label: string; isPass: boolean; explanation: string }> = {
  identical: { label: 'Identical', isPass: true, explanation: 'The replayed output equals the recorded output bit for bit.' },
  'within-tolerance': {
    label: 'Reproduced within tolerance',
    isPass: true,
    explanation: 'The replayed output differs from the record by no more than the stated tolerance.',
  },
  'differs-same-decision': {
    label: 'Differs, same decision',
    isPass: false,
    explanation: 'The output differs beyond tolerance, but the business decision is unchanged.',
  },
  'decision-changed': {
    label: 'Decision changed',
    isPass: false,
    explanation: 'Replaying gives a different business decision. This is a failure whatever the numeric difference.',
  },
};

/** Format a possibly tiny difference so 0 and 1e-9 are told apart. */
export function formatDiff(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '0';
  return value.toExponential(2);
}
