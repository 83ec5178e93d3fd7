import type { DecisionRecord } from '../../../shared/schemas/bundle';
import { IsoTime } from '../../../shared/schemas/common';

const DECISION_KEYS = new Set(['decisionId', 'model', 'version', 'decidedAt', 'requestId', 'inputs', 'outputs', 'decision', 'attributes']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
// Finite numbers only: JSON cannot carry NaN or Infinity, and a 1e999 that parses to Infinity is refused as zod would.
const isFeatureValue = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' || typeof v === 'boolean';

function isFeatureRecord(v: unknown): v is Record<string, string | number | boolean | null> {
  if (!isPlainObject(v)) return false;
  for (const key in v) if (!isFeatureValue(v[key])) return false;
  return true;
}

// The UTC form Attest writes; other forms (offsets) fall back to zod.
const UTC_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;
const validDates = new Map<string, boolean>();

/** IsoTime for the common UTC form, asking zod once per calendar date (logs hold many decisions a day). */
function isIsoTime(text: string): boolean {
  const date = UTC_TIME.exec(text)?.[1];
  if (date === undefined) return IsoTime.safeParse(text).success;
  let valid = validDates.get(date);
  if (valid === undefined) {
    valid = IsoTime.safeParse(`${date}T00:00:00Z`).success;
    if (validDates.size > 10_000) validDates.clear();
    validDates.set(date, valid);
  }
  return valid;
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
  if (!isIsoTime(v.decidedAt)) return null;
  return { ...(v as DecisionRecord), attributes: v.attributes ?? {} };
}
