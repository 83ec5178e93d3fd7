import type { Tolerance } from '../../../shared/schemas/bundle';
import { AttestError } from '../../main/core/errors';
import { type CommandArgs, stringFlag } from '../command';

/** A difference as tables show it: exact zero, else three significant digits. */
export function formatDiff(value: number | null): string {
  if (value === null) return '-';
  if (value === 0) return '0';
  return value.toExponential(2);
}

/** Read --atol / --rtol: non-negative numbers; anything else is bad usage (exit 2). */
export function toleranceFlags(args: CommandArgs): Partial<Tolerance> {
  const out: Partial<Tolerance> = {};
  for (const key of ['atol', 'rtol'] as const) {
    const raw = stringFlag(args, key);
    if (raw === undefined) continue;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
      throw new AttestError('bad-request', `--${key} must be a non-negative number, got "${raw}".`, `For example --${key} 1e-6.`);
    }
    out[key] = value;
  }
  return out;
}
