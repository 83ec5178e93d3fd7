import { z } from 'zod';

/** ISO 8601 UTC timestamp as stored everywhere ("2026-03-14T09:30:00.000Z"). */
export const IsoTime = z.iso.datetime({ offset: true });
export type IsoTime = z.infer<typeof IsoTime>;

/** A date or date-time the user typed for "as of"; the end of that day when only a date is given. */
export const AsOf = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export type AsOf = z.infer<typeof AsOf>;

/** Lowercase hex SHA-256. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');
export type Sha256 = z.infer<typeof Sha256>;

/** Turn an as-of value into the instant it names (a bare date means the end of that day, UTC). */
export function asOfInstant(value: AsOf): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : new Date(value).toISOString();
}
