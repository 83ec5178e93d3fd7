/**
 * The demo's fixed calendar: month 0 is November 2025, month 11 is October 2026. Negative months are the
 * history before the first bundle (older model versions, training windows). Nothing here reads the clock.
 */

/** Number of monthly bundles. */
export const DEMO_MONTHS = 12;

const BASE_YEAR = 2025;
const BASE_MONTH = 10; // November, zero-based as Date.UTC wants it

/** Epoch milliseconds of a moment in demo month `m`. */
export function monthTime(m: number, day = 1, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(BASE_YEAR, BASE_MONTH + m, day, hour, minute, second);
}

/** ISO timestamp of a moment in demo month `m`. */
export function isoAt(m: number, day = 1, hour = 0, minute = 0, second = 0): string {
  return new Date(monthTime(m, day, hour, minute, second)).toISOString();
}

/** Last millisecond-aligned second of month `m` (a bundle's observedAt). */
export function monthEndIso(m: number): string {
  return new Date(monthTime(m + 1) - 1000).toISOString();
}

/** Number of days in month `m`. */
export function daysInMonth(m: number): number {
  return Math.round((monthTime(m + 1) - monthTime(m)) / 86_400_000);
}

/** "2026-02" for month 3. */
export function monthLabel(m: number): string {
  return isoAt(m).slice(0, 7);
}

/** Calendar date "2026-02-28" of the last day of month `m`. */
export function monthEndDate(m: number): string {
  return monthEndIso(m).slice(0, 10);
}

/** Add whole months to an ISO date-time, keeping the day where the target month has it. */
export function addMonthsIso(iso: string, months: number): string {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds())).toISOString();
}

/** The demo month an ISO time falls in. */
export function monthIndexOf(iso: string): number {
  const d = new Date(iso);
  return (d.getUTCFullYear() - 2025) * 12 + d.getUTCMonth() - BASE_MONTH;
}
