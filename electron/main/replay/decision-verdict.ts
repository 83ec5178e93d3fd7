import type { DecisionRule, Tolerance } from '../../../shared/schemas/bundle';
import type { DecisionVerdict } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';
import { compareNumbers } from './compare';

/** A model output as decision replay reads it. */
export interface ModelOutput {
  name: string;
  /** The tensor fetched for it (the probability tensor under a ZipMap). */
  fetch: string;
  dtype: string;
  /** ZipMap class labels, when the output is a ZipMap (recorded as {label: probability}). */
  classLabels: (string | number)[] | null;
}

/** What a decision looked like when logged, reduced to what the verdict needs. */
export interface RecordedDecision {
  uid: string;
  outputs: Record<string, unknown>;
  decision: string | null;
}

/** The verdict on one replayed decision, with the replayed values to store beside the recorded ones. */
export interface RowOutcome {
  decisionId: string;
  verdict: DecisionVerdict;
  maxAbsDiff: number | null;
  maxRelDiff: number | null;
  replayedOutputs: Record<string, unknown>;
  recordedDecision: string | null;
  replayedDecision: string | null;
}

type Flat = (number | string)[];

/** Apply a decision rule to a score (the same comparison the demo generator and the bank's scoring use). */
export function applyRule(rule: DecisionRule, score: number): string {
  const t = rule.threshold;
  const hit = rule.operator === '>' ? score > t : rule.operator === '>=' ? score >= t : rule.operator === '<' ? score < t : score <= t;
  return hit ? rule.whenTrue : rule.whenFalse;
}

/** A recorded output value as a flat list: scalars, nested arrays, and ZipMap rows ({label: probability}). */
export function flattenRecorded(value: unknown, classLabels: (string | number)[] | null): Flat | null {
  if (typeof value === 'number' || typeof value === 'string') return [value];
  if (typeof value === 'boolean') return [value ? 1 : 0];
  if (Array.isArray(value)) {
    // The common case (a logged score or probability row): the flattening below would return the same numbers.
    if (value.every((v) => typeof v === 'number')) return value;
    const parts = value.map((v) => flattenRecorded(v, classLabels));
    return parts.every((p) => p !== null) ? (parts).flat() : null;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = classLabels ? classLabels.map(String) : Object.keys(record);
    if (keys.some((k) => typeof record[k] !== 'number')) return null;
    return keys.map((k) => record[k] as number);
  }
  return null;
}

/** The replayed value stored for an output, shaped like the recorded one so the two read side by side. */
function shapeLike(recorded: unknown, values: Flat, classLabels: (string | number)[] | null): unknown {
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (classLabels) {
    const asMap = Object.fromEntries(classLabels.map((l, i) => [String(l), values[i]]));
    if (Array.isArray(recorded) && isMap(recorded[0])) return [asMap];
    if (recorded === undefined || isMap(recorded)) return asMap;
  }
  if (Array.isArray(recorded) && Array.isArray(recorded[0])) return [values];
  if (Array.isArray(recorded) || values.length !== 1) return values;
  return values[0];
}

const isLabelDtype = (dtype: string) => !dtype.startsWith('float');

/** Judge one replayed decision against its record (docs/replay.md, "Verdicts"). */
export function judgeDecision(
  recorded: RecordedDecision,
  outputs: ModelOutput[],
  replayed: Map<string, Flat>,
  rule: DecisionRule | null,
  tol: Tolerance,
): RowOutcome {
  const compared = outputs.filter((o) => o.name in recorded.outputs);
  if (compared.length === 0) {
    throw new AttestError(
      'bad-input',
      `Decision ${recorded.uid} records outputs ${Object.keys(recorded.outputs).join(', ') || '(none)'} but the model's outputs are ${outputs.map((o) => o.name).join(', ')}.`,
      'Check that the decision was logged by this model version.',
    );
  }
  let maxAbs = 0;
  let maxRel = 0;
  let beyond = false;
  let labelsDiffer = false;
  let identical = true;
  for (const output of compared) {
    const rec = flattenRecorded(recorded.outputs[output.name], output.classLabels);
    const rep = replayed.get(output.name) ?? [];
    const numeric = rec !== null && rec.length === rep.length && rec.every((v) => typeof v === 'number') && rep.every((v) => typeof v === 'number');
    if (!numeric) {
      const same = rec !== null && rec.length === rep.length && rec.every((v, i) => String(v) === String(rep[i]));
      identical &&= same;
      if (!same && isLabelDtype(output.dtype)) labelsDiffer = true;
      else if (!same) beyond = true;
      continue;
    }
    const stats = compareNumbers(rec, rep, tol);
    maxAbs = Math.max(maxAbs, stats.maxAbsDiff);
    maxRel = Math.max(maxRel, stats.maxRelDiff);
    identical &&= stats.identical;
    if (stats.mismatches > 0 && isLabelDtype(output.dtype)) labelsDiffer = true;
    else if (stats.mismatches > 0) beyond = true;
  }
  const decisions = decideBoth(recorded, outputs, replayed, rule);
  // Without a rule the decision is the label outputs; with neither, any difference beyond tolerance may have
  // changed it, and Attest fails closed rather than guess.
  const hasLabels = compared.some((o) => isLabelDtype(o.dtype));
  const changed = rule ? decisions.recorded !== decisions.replayed : labelsDiffer || (beyond && !hasLabels);
  const verdict: DecisionVerdict = changed ? 'decision-changed' : beyond || labelsDiffer ? 'differs-same-decision' : identical ? 'identical' : 'within-tolerance';
  const replayedOutputs = Object.fromEntries(outputs.map((o) => [o.name, shapeLike(recorded.outputs[o.name], replayed.get(o.name) ?? [], o.classLabels)]));
  return { decisionId: recorded.uid, verdict, maxAbsDiff: maxAbs, maxRelDiff: maxRel, replayedOutputs, recordedDecision: decisions.recorded, replayedDecision: decisions.replayed };
}

function decideBoth(recorded: RecordedDecision, outputs: ModelOutput[], replayed: Map<string, Flat>, rule: DecisionRule | null) {
  if (!rule) return { recorded: recorded.decision, replayed: null };
  const output = outputs.find((o) => o.name === rule.output);
  const score = replayed.get(rule.output)?.[rule.index];
  if (!output || typeof score !== 'number') {
    throw new AttestError(
      'bad-input',
      `The decision rule reads element ${rule.index} of output "${rule.output}", which the model does not produce as a number.`,
      `Fix the model version's decision rule tag (outputs: ${outputs.map((o) => o.name).join(', ')}).`,
    );
  }
  const recordedScore = flattenRecorded(recorded.outputs[rule.output], output.classLabels)?.[rule.index];
  const fromScore = typeof recordedScore === 'number' ? applyRule(rule, recordedScore) : null;
  return { recorded: recorded.decision ?? fromScore, replayed: applyRule(rule, score) };
}
