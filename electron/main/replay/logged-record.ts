import { z } from 'zod';
import { FeatureValue } from '../../../shared/schemas/bundle';
import { AttestError } from '../core/errors';
import type { Feature } from './feature-map';

/** A decision's logged inputs: feature name → value (the bundle's DecisionRecord.inputs). */
export const LoggedInputs = z.record(z.string(), FeatureValue);
/** A decision's logged outputs: output name → any JSON value. */
export const LoggedOutputs = z.record(z.string(), z.unknown());

// JSON.parse makes "__proto__" an own key, which zod's record drops: such records are left to zod.
const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && !Object.prototype.hasOwnProperty.call(v, '__proto__');

/**
 * Accepts only values `LoggedInputs` accepts (a property test holds it to that). Batch replay validates every
 * logged decision, and zod's general machinery cost more per row than the model run; whatever this check
 * does not accept still goes to zod, which either accepts it or says what is wrong.
 */
export function isLoggedInputs(v: unknown): v is Record<string, Feature> {
  if (!isPlainRecord(v)) return false;
  for (const key in v) {
    const value = v[key];
    if (typeof value === 'number' ? !Number.isFinite(value) : value !== null && typeof value !== 'string' && typeof value !== 'boolean') return false;
  }
  return true;
}

/** Accepts only values `LoggedOutputs` accepts (held to it by the same property test). */
export function isLoggedOutputs(v: unknown): v is Record<string, unknown> {
  if (!isPlainRecord(v)) return false;
  for (const key in v) if (v[key] === undefined) return false;
  return true;
}

function parseJson(text: string, what: string, decisionId: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AttestError('bad-input', `Decision ${decisionId}: the logged ${what} are not valid JSON.`, 'Re-import the decision log; the stored record is damaged.');
  }
}

function refuse(what: string, decisionId: string, error: z.ZodError): never {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new AttestError('bad-input', `Decision ${decisionId}: the logged ${what} are not a record of ${what === 'inputs' ? 'feature values' : 'outputs'}${where} (${issue?.message ?? 'invalid'}).`, 'Correct the decision log and re-import it.');
}

/** Parse and validate a decision's logged inputs (JSON text as stored). */
export function parseLoggedInputs(text: string, decisionId: string): Record<string, Feature> {
  const value = parseJson(text, 'inputs', decisionId);
  if (isLoggedInputs(value)) return value;
  const parsed = LoggedInputs.safeParse(value);
  return parsed.success ? parsed.data : refuse('inputs', decisionId, parsed.error);
}

/** Parse and validate a decision's logged outputs (JSON text as stored). */
export function parseLoggedOutputs(text: string, decisionId: string): Record<string, unknown> {
  const value = parseJson(text, 'outputs', decisionId);
  if (isLoggedOutputs(value)) return value;
  const parsed = LoggedOutputs.safeParse(value);
  return parsed.success ? parsed.data : refuse('outputs', decisionId, parsed.error);
}
