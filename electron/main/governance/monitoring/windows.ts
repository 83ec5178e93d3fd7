import type { WindowKind } from '../../../../shared/schemas/monitoring';

/** A half-open time window [start, end) in ISO 8601 UTC. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** Key of the window a decision time falls in: calendar month or quarter (UTC), or one window for 'all'. */
export function windowKeyOf(decidedAt: string, kind: WindowKind): string {
  if (kind === 'all') return 'all';
  const year = decidedAt.slice(0, 4);
  const month = Number(decidedAt.slice(5, 7));
  return kind === 'month' ? `${year}-${String(month).padStart(2, '0')}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The [start, end) bounds of a month or quarter key; 'all' spans the first to just after the last decision. */
export function windowBounds(key: string, kind: WindowKind, first: string, last: string): TimeWindow {
  if (kind === 'all') return { start: first, end: new Date(Date.parse(last) + 1).toISOString() };
  const year = Number(key.slice(0, 4));
  const startMonth = kind === 'month' ? Number(key.slice(5, 7)) - 1 : (Number(key.slice(6)) - 1) * 3;
  const span = kind === 'month' ? 1 : 3;
  return {
    start: new Date(Date.UTC(year, startMonth, 1)).toISOString(),
    end: new Date(Date.UTC(year, startMonth + span, 1)).toISOString(),
  };
}
