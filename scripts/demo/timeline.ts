import type { ModelSpec, VersionPlan } from './catalog-types';
import { addMonthsIso, isoAt } from './calendar';

/** Where a version stands at the end of a month. */
export interface VersionState {
  version: string;
  plan: VersionPlan;
  stage: 'Production' | 'Staging' | 'Archived';
  alias?: 'champion' | 'challenger';
  validation: 'approved' | 'pending' | 'rejected';
}

/** Validation finishes ten days into the month of promotion; promotion follows on the 15th. */
export const VALIDATION_DAY = 10;
export const PROMOTION_DAY = 15;

function championAt(spec: ModelSpec, m: number): VersionPlan | undefined {
  let champion: VersionPlan | undefined;
  for (const v of spec.versions) if (v.promoted !== undefined && v.promoted <= m) champion = v;
  return champion;
}

function isGone(v: VersionPlan, m: number): boolean {
  return v.deleted !== undefined && v.deleted <= m;
}

/** The registry state of a model's versions at the end of month `m` (absent: not yet created or deleted). */
export function versionStates(spec: ModelSpec, m: number): VersionState[] {
  const champion = championAt(spec, m);
  const live = spec.versions.filter((v) => v.created <= m && !isGone(v, m));
  const pending = live.filter((v) => (v.promoted === undefined || v.promoted > m) && (v.rejected === undefined || v.rejected > m));
  // Only the newest pending version holds the challenger alias; an older one superseded by it is archived.
  const challenger = pending[pending.length - 1];
  return live.map((plan) => {
    const version = String(spec.versions.indexOf(plan) + 1);
    if (plan === champion) return { version, plan, stage: 'Production', alias: 'champion', validation: 'approved' };
    if (plan === challenger) return { version, plan, stage: 'Staging', alias: 'challenger', validation: 'pending' };
    const wasApproved = plan.promoted !== undefined && plan.promoted <= m;
    return { version, plan, stage: 'Archived', validation: wasApproved ? 'approved' : 'rejected' };
  });
}

/** The champion version number in month `m`, if any. */
export function championVersion(spec: ModelSpec, m: number): string | undefined {
  const champion = championAt(spec, m);
  return champion ? String(spec.versions.indexOf(champion) + 1) : undefined;
}

/** Governance tags at the end of month `m`: validation dates follow the current champion's approval. */
export function governanceTags(spec: ModelSpec, m: number): Record<string, string> {
  const champion = championAt(spec, m);
  const tags: Record<string, string> = {
    'attest.owner': spec.owner,
    'attest.use_case': spec.useCase,
    'attest.risk_tier': spec.riskTier,
    department: spec.department,
    'validation.cycle_months': String(spec.validationCycleMonths),
  };
  if (champion?.promoted !== undefined) {
    const validated = isoAt(champion.promoted, VALIDATION_DAY);
    tags['attest.last_validated'] = validated.slice(0, 10);
    tags['attest.next_validation_due'] = addMonthsIso(validated, spec.validationCycleMonths).slice(0, 10);
  }
  return tags;
}

/** When a version was registered. */
export function versionCreatedAt(plan: VersionPlan): string {
  return isoAt(plan.created, plan.day, 16, 20);
}

/** When a version last changed stage by the end of month `m`. */
export function versionUpdatedAt(spec: ModelSpec, plan: VersionPlan, m: number): string {
  const events = [plan.created];
  if (plan.promoted !== undefined && plan.promoted <= m) events.push(plan.promoted);
  if (plan.rejected !== undefined && plan.rejected <= m) events.push(plan.rejected);
  const later = spec.versions.find((v) => v !== plan && v.promoted !== undefined && plan.promoted !== undefined && v.promoted > plan.promoted && v.promoted <= m);
  if (later?.promoted !== undefined) events.push(later.promoted);
  const latest = Math.max(...events);
  return latest === plan.created ? versionCreatedAt(plan) : isoAt(latest, PROMOTION_DAY, 9, 0);
}
