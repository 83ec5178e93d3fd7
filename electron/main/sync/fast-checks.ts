import type { DecisionRecord } from '../../../shared/schemas/bundle';
import { IsoTime } from '../../../shared/schemas/common';

const DECISION_KEYS = new Set(['decisionId', 'model', 'version', 'decidedAt', 'requestId', 'inputs', 'outputs', 'decision', 'attributes']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isFeatureValue = (v: unknown) => v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

function isFeatureRecord(v: unknown): v is Record<string, string | number | boolean | null> {
  if (!isPlainObject(v)) return false;
  for (const key in v) if (!isFeatureValue(v[key])) return false;
  return true;
}

/**
 * A fast check that accepts only values the zod `DecisionRecord` schema accepts (a property test holds it to
 * that), returning the record with zod's default applied. A decision log can hold millions of lines, and
 * zod's general machinery was the largest cost of importing them; anything this check does not accept still
 * goes through zod, which then explains what is wrong.
 */
export function fastDecision(value: unknown): DecisionRecord | null {
  if (!isPlainObject(value)) return null;
  for (const key in value) if (!DECISION_KEYS.has(key)) return null;
  const v = value;
  if (!isNonEmpty(v.decisionId) || !isNonEmpty(v.model) || !isNonEmpty(v.version) || typeof v.decidedAt !== 'string') return null;
  if (v.requestId !== undefined && typeof v.requestId !== 'string') return null;
  if (v.decision !== undefined && typeof v.decision !== 'string') return null;
  if (!isFeatureRecord(v.inputs) || !isPlainObject(v.outputs)) return null;
  if (v.attributes !== undefined && !isFeatureRecord(v.attributes)) return null;
  for (const key in v.outputs) if (v.outputs[key] === undefined) return null;
  if (!IsoTime.safeParse(v.decidedAt).success) return null;
  return { ...(v as DecisionRecord), attributes: v.attributes ?? {} };
}
