/** The source of "now", injectable so tests and deterministic outputs can fix it. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that always answers the same instant. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

/** ISO 8601 UTC with milliseconds: sorts lexicographically in SQLite. */
export function toIso(date: Date): string {
  return date.toISOString();
}
